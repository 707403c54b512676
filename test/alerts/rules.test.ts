import { describe, expect, it } from "vitest";
import { type AlertFacts, evaluateAlertRules, type SnapshotView } from "../../src/domain/alerts/rules.ts";
import { defaultProactiveSettings, parseProactiveSettings } from "../../src/domain/alerts/settings.ts";
import { scoreHealth } from "../../src/domain/health/score.ts";
import { defaultHealthSettings } from "../../src/domain/health/settings.ts";
import type { SignalInputs } from "../../src/domain/health/types.ts";
import { alertCard, explainLine } from "../../src/views/alert-card.ts";
import { renderAdaptiveCard } from "../../src/views/render-adaptive-card.ts";
import { renderBlockKit } from "../../src/views/render-block-kit.ts";
import { renderText } from "../../src/views/render-text.ts";
import { healthyInputs, type InputOverrides } from "../domain/health-inputs.ts";

const settings = defaultProactiveSettings.alerts;
/** Every rule on its own condition, whatever the score says: for testing each rule's thresholds. */
const eachRule = parseProactiveSettings({ alerts: { onlyWhenScoreAgrees: false } }).alerts;
const windows = defaultHealthSettings;

function snapshot(inputs: SignalInputs, asOf = inputs.asOf): SnapshotView {
  const result = scoreHealth(inputs, defaultHealthSettings);
  return { asOf, ...result };
}

function facts(
  after: InputOverrides,
  options: Partial<AlertFacts> & { beforeInputs?: InputOverrides } = {},
): AlertFacts {
  const inputs = healthyInputs(after);
  const before = snapshot(healthyInputs({ asOf: "2026-05-31", ...options.beforeInputs }), "2026-05-31");
  return {
    customerId: 1,
    current: snapshot(inputs),
    previousBand: options.previousBand ?? before.band,
    before: options.before === undefined ? before : options.before,
    inputs,
    recentComplaints: options.recentComplaints ?? 0,
  };
}

const kinds = (f: AlertFacts, s = eachRule) =>
  evaluateAlertRules(f, s, windows).conditions.map((c) => c.kind);

describe("alert rules", () => {
  it("a healthy, steady customer raises nothing and is not worth a DM", () => {
    const outcome = evaluateAlertRules(facts({}), settings, windows);
    expect(outcome.conditions).toEqual([]);
    expect(outcome.pushworthy).toBe(false);
  });

  it("payment delay: +10 days against the baseline fires, +9 does not; too few invoices never", () => {
    expect(kinds(facts({ payment: { recentAvgDaysLate: 14, baselineAvgDaysLate: 4 } }))).toContain(
      "payment-delay",
    );
    expect(kinds(facts({ payment: { recentAvgDaysLate: 13, baselineAvgDaysLate: 4 } }))).not.toContain(
      "payment-delay",
    );
    expect(
      kinds(facts({ payment: { recentInvoices: 1, recentAvgDaysLate: 40, baselineAvgDaysLate: 4 } })),
    ).not.toContain("payment-delay");
  });

  it("order drop ≥ 40 % in frequency or in volume fires, with both figures stored", () => {
    // Baseline 48 orders/365 days → 11.8 expected in 90 days; 7 is a 41 % drop.
    const outcome = evaluateAlertRules(facts({ orders: { recentCount: 7 } }), eachRule, windows);
    const drop = outcome.conditions.find((c) => c.kind === "order-drop");
    expect(drop?.detail.values).toEqual({ frequencyDropPercent: 41, volumeDropPercent: 0 });
    expect(kinds(facts({ orders: { recentCount: 8 } }))).not.toContain("order-drop");
    expect(kinds(facts({ orders: { recentRevenueCents: 500_000 } }))).toContain("order-drop");
    // Too little baseline to compare.
    expect(kinds(facts({ orders: { recentCount: 0, baselineCount: 3 } }))).not.toContain("order-drop");
  });

  it("order drop: a fall that chance explains stays quiet", () => {
    // 12 orders a year → 3 expected; 1 placed is a 67 % drop but happens by luck one quarter in five.
    const small = { baselineCount: 12, baselineRevenueCents: 1_200_000, recentRevenueCents: 300_000 };
    expect(kinds(facts({ orders: { ...small, recentCount: 1, recentRevenueCents: 100_000 } }))).not.toContain(
      "order-drop",
    );
    // None at all in a quarter where 3 were expected is rarer than 1 in 10: it fires.
    expect(kinds(facts({ orders: { ...small, recentCount: 0, recentRevenueCents: 0 } }))).toContain(
      "order-drop",
    );
    // Revenue 46 % down, but € 1.359 short is under two average orders (€ 1.000 each): quiet.
    expect(kinds(facts({ orders: { ...small, recentCount: 3, recentRevenueCents: 160_000 } }))).not.toContain(
      "order-drop",
    );
  });

  it("poissonCdf matches known values and survives large means", async () => {
    const { poissonCdf } = await import("../../src/domain/alerts/rules.ts");
    expect(poissonCdf(0, 3)).toBeCloseTo(Math.exp(-3), 12);
    expect(poissonCdf(1, 3)).toBeCloseTo(4 * Math.exp(-3), 12);
    expect(poissonCdf(7, 11.8)).toBeCloseTo(0.0986, 4);
    expect(poissonCdf(500, 1000)).toBeLessThan(1e-40);
    expect(poissonCdf(2000, 1000)).toBeCloseTo(1, 12);
  });

  it("a detractor answer within 30 days fires, an older one or a passive does not", () => {
    expect(kinds(facts({ nps: { latestScore: 6, latestAnsweredOn: "2026-06-20" } }))).toContain("detractor");
    expect(kinds(facts({ nps: { latestScore: 7, latestAnsweredOn: "2026-06-20" } }))).not.toContain(
      "detractor",
    );
    expect(kinds(facts({ nps: { latestScore: 2, latestAnsweredOn: "2026-05-20" } }))).not.toContain(
      "detractor",
    );
  });

  it("two complaints in 30 days fire; thresholds come from configuration", () => {
    expect(kinds(facts({}, { recentComplaints: 2 }))).toContain("complaints");
    expect(kinds(facts({}, { recentComplaints: 1 }))).not.toContain("complaints");
    const strict = parseProactiveSettings({ alerts: { rules: { complaints: { count: 1 } } } }).alerts;
    expect(kinds(facts({}, { recentComplaints: 1 }), strict)).toContain("complaints");
    const off = parseProactiveSettings({ alerts: { rules: { complaints: { enabled: false } } } }).alerts;
    expect(kinds(facts({}, { recentComplaints: 5 }), off)).not.toContain("complaints");
  });

  it("band at risk and a 15-point drop fire, explain the change per signal and are worth a DM", () => {
    const bad: InputOverrides = {
      payment: { recentAvgDaysLate: 25, baselineAvgDaysLate: 3, overdueInvoices: 2, overdueCents: 500_000 },
      orders: { recentCount: 4, recentRevenueCents: 300_000, daysSinceLastOrder: 40 },
      nps: { latestScore: 3, latestAnsweredOn: "2026-06-20" },
      complaints: { recentCount: 2, last60Count: 2, openCount: 1, recentHighSeverity: 1 },
    };
    const f = facts(bad, { recentComplaints: 2 });
    const outcome = evaluateAlertRules(f, settings, windows);
    expect(outcome.conditions.map((c) => c.kind)).toEqual([
      "at-risk",
      "score-drop",
      "payment-delay",
      "order-drop",
      "detractor",
      "complaints",
    ]);
    expect(outcome.bandFell).toBe(true);
    expect(outcome.pushworthy).toBe(true);
    const detail = outcome.conditions[0]!.detail;
    expect(detail.scoreBefore).toBeGreaterThan(detail.score);
    expect(detail.changes.length).toBe(3);
    expect(detail.changes.every((change) => change.points < 0)).toBe(true);
    // Worst first.
    expect(Math.abs(detail.changes[0]!.points)).toBeGreaterThanOrEqual(Math.abs(detail.changes[2]!.points));
    const line = explainLine("Acme", detail, "nl");
    expect(line).toMatch(/^\*\*Acme \d+ → \d+\*\*: .+ \(−\d+\), .+ \(−\d+\), .+ \(−\d+\)$/);
  });

  it("no comparison snapshot: conditions still fire but only a band change makes it a DM", () => {
    const f = facts(
      { payment: { recentAvgDaysLate: 25, baselineAvgDaysLate: 3 } },
      { before: null, previousBand: null },
    );
    const outcome = evaluateAlertRules(f, eachRule, windows);
    expect(outcome.conditions.map((c) => c.kind)).toContain("payment-delay");
    expect(outcome.move).toBeNull();
    expect(outcome.pushworthy).toBe(false);
    expect(outcome.conditions[0]!.detail.changes).toEqual([]);
  });

  describe("by default an alert is news, not a standing state (the lists show where things stand)", () => {
    /** Facts with the band set directly: the rules read the band, not how it was reached. */
    function at(
      band: "HEALTHY" | "ATTENTION" | "AT_RISK",
      options: {
        previousBand?: "HEALTHY" | "ATTENTION" | "AT_RISK" | null;
        live?: string[];
      } & InputOverrides,
    ): AlertFacts {
      const { previousBand = band, live = [], ...inputs } = options;
      const f = facts(inputs);
      return {
        ...f,
        current: { ...f.current, band },
        before: f.before ? { ...f.before, band: previousBand ?? band } : null,
        previousBand,
        liveKinds: new Set(live),
      };
    }
    const defaults = (f: AlertFacts) => kinds(f, settings);
    /** The payment and order kinds only (the same inputs also cost score points: a score drop). */
    const signals = (f: AlertFacts, s = settings) =>
      kinds(f, s).filter((kind) => kind === "payment-delay" || kind === "order-drop");
    const late = { payment: { recentAvgDaysLate: 25, baselineAvgDaysLate: 3 } };
    const fewerOrders = { orders: { recentCount: 2 } };

    it("at risk opens when the customer falls into the band, not for one at risk since last time", () => {
      expect(defaults(at("AT_RISK", { previousBand: "ATTENTION" }))).toContain("at-risk");
      expect(defaults(at("AT_RISK", { previousBand: "AT_RISK" }))).not.toContain("at-risk");
      // First snapshot ever (a first import): no change was seen; the at-risk list shows it.
      expect(defaults(at("AT_RISK", { previousBand: null }))).not.toContain("at-risk");
      // A live at-risk alert stays while the customer stays at risk (so it is not resolved).
      expect(defaults(at("AT_RISK", { previousBand: "AT_RISK", live: ["at-risk"] }))).toContain("at-risk");
      expect(defaults(at("ATTENTION", { previousBand: "AT_RISK", live: ["at-risk"] }))).not.toContain(
        "at-risk",
      );
    });

    it("payment delay and order drop open with a band that got worse, not on a steady band", () => {
      for (const band of ["HEALTHY", "ATTENTION", "AT_RISK"] as const) {
        expect(signals(at(band, { ...late, ...fewerOrders }))).toEqual([]);
      }
      expect(signals(at("ATTENTION", { previousBand: "HEALTHY", ...late, ...fewerOrders }))).toEqual([
        "payment-delay",
        "order-drop",
      ]);
      // Configured otherwise, every rule fires on its own condition.
      expect(signals(at("HEALTHY", { ...late, ...fewerOrders }), eachRule)).toEqual([
        "payment-delay",
        "order-drop",
      ]);
    });

    it("a live payment or order alert stays while the condition holds and closes once healthy again", () => {
      const live = ["payment-delay", "order-drop"];
      expect(signals(at("ATTENTION", { live, ...late, ...fewerOrders }))).toEqual(live);
      expect(signals(at("HEALTHY", { previousBand: "ATTENTION", live, ...late, ...fewerOrders }))).toEqual(
        [],
      );
      expect(signals(at("ATTENTION", { live }))).toEqual([]);
    });

    it("a detractor or complaints open whatever the band: the customer spoke up", () => {
      const f = at("HEALTHY", { nps: { latestScore: 3, latestAnsweredOn: "2026-06-20" } });
      expect(defaults({ ...f, recentComplaints: 2 })).toEqual(["detractor", "complaints"]);
    });
  });

  it("a neutral no-data score never opens an at-risk alert", () => {
    const empty = facts({});
    empty.current = { ...empty.current, score: 30, band: "AT_RISK", confidence: 0 };
    expect(kinds(empty)).not.toContain("at-risk");
  });

  it("the alert card shows the explanation, the figures and the four buttons", () => {
    const f = facts(
      { payment: { recentAvgDaysLate: 25, baselineAvgDaysLate: 3 }, orders: { recentCount: 5 } },
      { recentComplaints: 0 },
    );
    const outcome = evaluateAlertRules(f, settings, windows);
    const message = alertCard(
      {
        customer: { id: 1, name: "Acme", externalId: "K-1001", segment: "Enterprise" },
        owner: { id: 2, name: "Jan de Vries" },
        assignee: null,
        revenueCents: 24_500_000,
        alerts: outcome.conditions.map((condition, index) => ({
          id: 10 + index,
          kind: condition.kind,
          status: "OPEN" as const,
          openedAt: "2026-06-30T06:00:00Z",
          detail: condition.detail,
          snoozedUntil: null,
          reasonCode: null,
        })),
      },
      "nl",
    );
    const { text, actions } = renderText(message);
    expect(text).toContain("Acme vraagt aandacht");
    expect(text).toContain("Betaalt gemiddeld 25 dagen te laat (was 3)");
    expect(text).toContain("Jan de Vries");
    expect(actions.map((action) => action.id)).toEqual([
      "alert.ack",
      "alert.snooze",
      "alert.reassign",
      "alert.open",
    ]);
    const ids = outcome.conditions.map((_, index) => 10 + index).join(",");
    expect(outcome.conditions.length).toBeGreaterThanOrEqual(2);
    expect(actions[0]!.value).toEqual({ ids, customerId: 1, src: "dm" });
  });
});

describe("escalation message", () => {
  const view = (owner: Parameters<typeof alertCard>[0]["owner"]) => ({
    customer: { id: 1, name: "Acme", externalId: "K-1001", segment: "Enterprise" },
    owner,
    assignee: null,
    revenueCents: 24_500_000,
    alerts: [],
    escalated: { workingDays: 2 },
  });

  it("mentions the owner who did not react: Slack <@U…>, Teams <at> with its entity", () => {
    const message = alertCard(
      view({ id: 2, name: "Jan de Vries", slackUserId: "U0JAN2", teamsUserId: "aad-jan" }),
      "nl",
    );
    expect(message.mentions).toEqual({
      "user:2": { name: "Jan de Vries", slackUserId: "U0JAN2", teamsUserId: "aad-jan" },
    });
    expect(renderText(message).text).toContain("Eigenaar: @Jan de Vries.");
    expect(JSON.stringify(renderBlockKit(message, { locale: "nl" }).blocks)).toContain(
      "Eigenaar: <@U0JAN2>.",
    );
    const card = renderAdaptiveCard(message, { locale: "nl" });
    expect(JSON.stringify(card.body)).toContain("Eigenaar: <at>Jan de Vries</at>.");
    expect(card.msteams?.entities).toEqual([
      { type: "mention", text: "<at>Jan de Vries</at>", mentioned: { id: "aad-jan", name: "Jan de Vries" } },
    ]);
  });

  it("shows the owner in bold without platform ids, and 'niemand' without an owner", () => {
    const unlinked = alertCard(view({ id: 3, name: "Pieter Bakker" }), "nl");
    expect(JSON.stringify(renderBlockKit(unlinked, { locale: "nl" }).blocks)).toContain(
      "Eigenaar: *Pieter Bakker*.",
    );
    expect(renderAdaptiveCard(unlinked, { locale: "nl" }).msteams).toBeUndefined();
    const nobody = alertCard(view(null), "en");
    expect(nobody.mentions).toBeUndefined();
    expect(renderText(nobody).text).toContain("Owner: nobody.");
  });
});

describe("escalation target", () => {
  const escalated = (toChannel: boolean) => ({
    customer: { id: 1, name: "Acme", externalId: "K-1001", segment: "Enterprise" },
    owner: { id: 2, name: "Jan de Vries" },
    assignee: null,
    revenueCents: 24_500_000,
    alerts: [],
    escalated: { workingDays: 1, toChannel },
  });

  it("says in a channel why it is there (no manager known), in nl, en and fr; a manager's DM does not", () => {
    expect(renderText(alertCard(escalated(true), "nl")).text).toContain(
      "In dit kanaal omdat Klantpuls geen manager kent voor Jan de Vries.",
    );
    expect(renderText(alertCard(escalated(true), "en")).text).toContain(
      "In this channel because Klantpuls knows no manager for Jan de Vries.",
    );
    expect(renderText(alertCard(escalated(true), "fr")).text).toContain(
      "ne connaît pas de manager pour Jan de Vries",
    );
    const dm = renderText(alertCard(escalated(false), "nl")).text;
    expect(dm).not.toContain("In dit kanaal");
    // One working day, singular.
    expect(dm).toContain("Niemand heeft deze melding binnen 1 werkdag bevestigd.");
    expect(renderText(alertCard(escalated(false), "en")).text).toContain("within 1 working day.");
  });
});

describe("alert settings", () => {
  it("defaults: budget 3, escalation after 2 working days, monthly top-5 pulses", () => {
    expect(defaultProactiveSettings.alerts.dailyBudget).toBe(3);
    expect(defaultProactiveSettings.alerts.escalateAfterWorkingDays).toBe(2);
    expect(defaultProactiveSettings.pulses).toMatchObject({
      topAccounts: 5,
      cadence: "monthly",
      reminderAfterDays: 3,
    });
  });

  it("names every bad key", () => {
    expect(() =>
      parseProactiveSettings({ alerts: { workdayStart: "25:00", dailyBudget: -1 }, pulses: { colour: 1 } }),
    ).toThrow(/alerts\.dailyBudget.*alerts\.workdayStart: must be HH:MM.*pulses\.colour: unknown setting/);
  });
});
