import { describe, expect, it } from "vitest";
import { reasonText } from "../../src/domain/health/reason-text.ts";
import { scoreHealth } from "../../src/domain/health/score.ts";
import { defaultHealthSettings as settings } from "../../src/domain/health/settings.ts";
import type { StoredReason } from "../../src/domain/health/types.ts";
import { sentences } from "../support/reason-sentences.ts";
import { healthyInputs } from "./health-inputs.ts";

describe("a reason is stored as data and written as a sentence when shown", () => {
  it("the 236-day overdue invoice: the snapshot keeps the figures, the reader gets the sentence", () => {
    const result = scoreHealth(
      healthyInputs({
        payment: {
          recentInvoices: 0,
          recentAvgDaysLate: null,
          overdueCents: 1_500_000,
          overdueInvoices: 1,
          oldestOverdueDays: 236,
        },
      }),
      settings,
    );
    const payment = result.signals.find((signal) => signal.key === "payment")!;
    expect(payment.reason).toEqual({
      id: "payment.found",
      late: null,
      overdue: { cents: 1_500_000, invoices: 1, oldestDays: 236 },
    });
    const { nl, en, fr } = sentences(payment.reason);
    expect(nl).toBe("€ 15.000 achterstallig (oudste 236 dagen over tijd) (1 factuur)");
    expect(en).toBe("€15,000 overdue (oldest 236 days past due) (1 invoice)");
    // French groups digits and separates "€" with no-break spaces: compare with plain ones.
    expect(fr.replace(/\s/g, " ")).toBe(
      "15 000 € impayé (la plus ancienne échue depuis 236 jours) (1 facture)",
    );
  });

  it("a whole snapshot's reasons stay small: no sentence is built or stored while scoring", () => {
    const result = scoreHealth(healthyInputs({}), settings);
    const stored = JSON.stringify(result.signals);
    expect(stored).not.toMatch(/"nl"|"en"|"fr"/);
    expect(stored.length).toBeLessThan(1_000);
  });

  it("names a counterweight stored with the reason", () => {
    const reason: StoredReason = {
      id: "volume.change",
      percent: -60,
      but: { side: "outweighs", value: 21_743_800 },
    };
    expect(reasonText(reason, "nl")).toBe(
      "omzet −60 % t.o.v. gewoonlijk, maar zwaarder weegt: € 217.438 omzet in 12 mnd",
    );
    expect(reasonText({ ...reason, but: { side: "low", value: 97_800 } }, "en")).toBe(
      "revenue −60% vs usual, but low: €978 revenue in 12 months",
    );
  });

  it("shows the sentences of a snapshot stored before reasons were data as they were written", () => {
    const old: StoredReason = { nl: "betaalt op tijd", en: "pays on time", fr: "paie à temps" };
    expect(reasonText(old, "fr")).toBe("paie à temps");
    // Stored before French existed: the English sentence rather than nothing.
    expect(reasonText({ nl: "betaalt op tijd", en: "pays on time" }, "fr")).toBe("pays on time");
  });

  it("says nothing for a reason it does not know (written by a newer version) or no reason", () => {
    expect(reasonText({ id: "churn.prophecy" } as unknown as StoredReason, "nl")).toBe("");
    expect(reasonText({ id: "nps.prophecy" } as unknown as StoredReason, "nl")).toBe("");
    expect(reasonText(null, "nl")).toBe("");
  });
});
