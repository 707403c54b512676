import { PassThrough } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import {
  chatCommands,
  misspeltCommandText,
  runChatCommand,
  unknownCommandText,
} from "../../commands/index.ts";
import { customerChoices } from "../../commands/shared.ts";
import { seedDatabase } from "../../prisma/seed/load.ts";
import { isAppError } from "../../src/app-error.ts";
import { alertsCommand } from "../../src/cli/commands/alerts.ts";
import { healthCommand } from "../../src/cli/commands/health.ts";
import { jobCommand } from "../../src/cli/commands/job.ts";
import { kpiCommand } from "../../src/cli/commands/kpi.ts";
import { riskCommand } from "../../src/cli/commands/risk.ts";
import type { Database } from "../../src/db/client.ts";
import { findByPrefix } from "../../src/db/queries/customers.ts";
import { runDemoConsole } from "../../src/dev/demo-console.ts";
import { evaluateAlerts } from "../../src/services/alerts/evaluate-alerts.ts";
import { scoreHistory } from "../../src/services/score-history.ts";
import type { ChatUser } from "../../src/views/chat.ts";
import type { Message } from "../../src/views/message.ts";
import { renderText } from "../../src/views/render-text.ts";
import { testCliIo } from "../support/cli-io.ts";
import { describeEachDatabase } from "../support/each-database.ts";
import { testServiceContext } from "../support/service-context.ts";

const TODAY = "2026-12-01";

function plain(message: Message): string {
  return renderText(message, { width: 200 }).text;
}

async function rejection(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected the CLI command to fail");
}

describe("names and commands people get slightly wrong", () => {
  const acme = {
    id: 1,
    externalId: "K-1001",
    name: "Acme",
    searchName: "acme",
    segment: "Enterprise",
    status: "ACTIVE",
    churnedAt: null,
    owner: null,
  } as unknown as Parameters<typeof customerChoices>[1][number];

  it("one candidate is a “did you mean”, not “several customers”", () => {
    expect(plain(customerChoices("akme", [acme], "nl"))).toMatch(/^Bedoel je Acme\?/);
    expect(plain(customerChoices("akme", [acme], "en"))).toMatch(/^Did you mean Acme\?/);
    expect(plain(customerChoices("akme", [acme], "nl"))).not.toMatch(/Meerdere klanten/);
  });

  it("a misspelt command gets the nearest one, in chat and in the demo console without waiting", async () => {
    expect(unknownCommandText("klant-riscio", "nl")).toBe(
      "Onbekend commando “/klant-riscio” — bedoelde je /klant-risico?",
    );
    expect(unknownCommandText("/klant-helth", "en")).toBe(
      "Unknown command “/klant-helth” — did you mean /klant-health?",
    );
    expect(unknownCommandText("frobnicate", "nl")).toMatch(/^Onbekend commando “frobnicate”. Beschikbaar:/);
    // Teams gets free text: only something close to a command is answered as a misspelt one.
    expect(misspeltCommandText("klant-riscio acme", "nl")).toBe(
      "Onbekend commando “/klant-riscio” — bedoelde je /klant-risico?",
    );
    expect(misspeltCommandText("hallo daar", "en")).toBeNull();

    const input = new PassThrough();
    const output = new PassThrough();
    let printed = "";
    output.on("data", (chunk) => {
      printed += chunk;
    });
    const sent: string[] = [];
    const console = runDemoConsole({
      backend: {
        command: async (name) => {
          sent.push(name);
          return [];
        },
        press: async () => ({ messages: [] }),
        submit: async () => ({ messages: [] }),
      },
      input,
      output,
      banner: "demo",
      unknownCommand: (name) => (chatCommands.has(name) ? null : unknownCommandText(name, "nl")),
    });
    input.end("/klant-riscio MKB\nquit\n");
    await console;
    expect(printed).toContain("bedoelde je /klant-risico?");
    expect(sent).toEqual([]);
  });
});

describeEachDatabase(
  "periods as people type them, running-period comparisons, long match lists and the CLI",
  (database) => {
    const ctx = testServiceContext(null as unknown as Database, `${TODAY}T09:00:00Z`);
    let jan: ChatUser;
    const kpi = (args: string, locale: "nl" | "en" | "fr" = "nl") =>
      runChatCommand("klant-kpi", args, { services: ctx, user: { ...jan, locale }, locale }).then(plain);

    beforeAll(async () => {
      ctx.db = database();
      await seedDatabase(ctx.db, { customers: 40, asOf: TODAY });
      // Weekly scores back to 1 September: nothing before that.
      await scoreHistory({ ctx, asOf: TODAY, weeks: 13 });
      await evaluateAlerts({ ctx, asOf: TODAY });
      const [row] = await ctx.db.sql.query<{ id: number; name: string; email: string }>(
        "SELECT id, name, email FROM users WHERE email = 'jan@klantpuls.demo'",
      );
      jan = {
        id: Number(row?.id),
        name: String(row?.name),
        email: String(row?.email),
        role: "MANAGER",
        locale: "nl",
      };
    });

    it("a running quarter covers up to today and is compared with the same part of the quarter before", async () => {
      const nl = await kpi("2026-Q4");
      expect(nl).toMatch(/KPI's 1 okt – 1 dec 2026/i);
      expect(nl).toContain("t/m 1 dec, vergeleken met 1 jul – 1 sep 2026");
      const en = await kpi("2026-Q4", "en");
      expect(en).toContain("through 1 Dec, compared with 1 Jul – 1 Sep 2026");
      // Titles keep their case: "KPI's" and "KPIs", never "KPIS".
      expect(nl).toContain("KPI's 1 okt – 1 dec 2026");
      expect(en).toContain("KPIs 1 Oct – 1 Dec 2026");
      expect(`${nl}${en}`).not.toContain("KPIS");
    });

    it("revenue at risk without score history then is “—”, not a figure", async () => {
      const nl = await kpi("2026-Q2");
      expect(nl).toMatch(/Omzet met risico: +— \(geen scores van toen\)/);
      expect(await kpi("2026-Q2", "en")).toMatch(/Revenue at risk: +— \(no scores from then\)/);
      // Q4 so far has scores; the same part of Q3 ended on 1 September, the first scored day.
      expect(await kpi("2026-Q4")).toMatch(/Omzet met risico: +€/);
    });

    it("reads the periods people type, with the segment after them; a month is not an unknown segment", async () => {
      const november = await kpi("november");
      expect(november).toMatch(/KPI's 1 nov – 30 nov 2026/i);
      expect(november).not.toMatch(/Onbekend segment/);
      expect(await kpi("nov 2026 Enterprise")).toMatch(/KPI's 1 nov – 30 nov 2026 · Enterprise/i);
      expect(await kpi("Q3 2026")).toMatch(/KPI's 1 jul – 30 sep 2026/i);
      expect(await kpi("q3")).toMatch(/KPI's 1 jul – 30 sep 2026/i);
      expect(await kpi("vorig kwartaal MKB")).toMatch(/KPI's 1 jul – 30 sep 2026 · MKB/i);
      expect(await kpi("vorige maand")).toMatch(/KPI's 1 nov – 30 nov 2026/i);
      expect(await kpi("dit jaar")).toMatch(/KPI's 1 jan – 1 dec 2026/i);
      expect(await kpi("01-09-2026..30-09-2026")).toMatch(/KPI's 1 sep – 30 sep 2026/i);
      expect(await kpi("last quarter", "en")).toMatch(/KPIs 1 Jul – 30 Sep 2026/i);
      expect(await kpi("this year", "en")).toMatch(/KPIs 1 Jan – 1 Dec 2026/i);
      expect(await kpi("novembre")).toMatch(/KPI's 1 nov – 30 nov 2026/i);
    });

    it("reads the French forms in chat and CLI (fr), and the same words in a Dutch chat", async () => {
      expect(await kpi("le trimestre dernier MKB", "fr")).toMatch(/KPI 1 juil\. – 30 sept\. 2026 · MKB/i);
      expect(await kpi("novembre", "fr")).toMatch(/KPI 1 nov\. – 30 nov\. 2026/i);
      expect(await kpi("le mois dernier", "fr")).toMatch(/KPI 1 nov\. – 30 nov\. 2026/i);
      expect(await kpi("ce trimestre", "fr")).toMatch(/KPI 1 oct\. – 1 déc\. 2026/i);
      expect(await kpi("T3 2026 Enterprise", "fr")).toMatch(/KPI 1 juil\. – 30 sept\. 2026 · Enterprise/i);
      expect(await kpi("cette année", "fr")).toMatch(/KPI 1 janv\. – 1 déc\. 2026/i);
      expect(await kpi("du 01/09/2026 au 30/09/2026", "fr")).toMatch(/KPI 1 sept\. – 30 sept\. 2026/i);
      expect(await kpi("90j", "fr")).toMatch(/KPI 3 sept\. – 1 déc\. 2026/i);
      expect(await kpi("les 90 derniers jours", "fr")).toMatch(/KPI 3 sept\. – 1 déc\. 2026/i);
      expect(await kpi("le trimestre dernier")).toMatch(/KPI's 1 jul – 30 sep 2026/i);
      expect(await kpi("last 90 days", "en")).toMatch(/KPIs 3 Sep – 1 Dec 2026/i);
      const help = await kpi("aide", "fr");
      expect(help).toMatch(
        /Périodes : .*T3 2026.*novembre.*le mois dernier.*le trimestre dernier.*cette année/,
      );
      expect(await kpi("le trimestre dernierr", "fr")).toContain("Période inconnue « le »");
      const io = testCliIo(ctx);
      expect(await kpiCommand.run(["--period", "le mois dernier", "--lang", "fr"], io)).toBe(0);
      expect(io.stdout()).toMatch(/KPI 1 nov\. – 30 nov\. 2026/);
    });

    it("a period it cannot read is said once, with the forms it can", async () => {
      const bad = await kpi("2026-Q5");
      expect(bad).toContain("Onbekende periode “2026-Q5”.");
      expect(bad).toMatch(
        /Periodes: .*Q3 2026.*q3.*2026-Q3.*november.*nov 2026.*vorige maand.*vorig kwartaal.*dit jaar/,
      );
      expect(bad).not.toMatch(/Onbekend segment/);
      expect(await kpi("help", "en")).toMatch(/Periods: .*Q3 2026.*last month.*last quarter.*this year/);
    });

    it("a long match list says how many more match and to type more letters", async () => {
      let letter = "";
      let total = 0;
      for (const candidate of "abcdefghijklmnopqrstuvwxyz") {
        const found = await findByPrefix(ctx.db.sql, candidate, 8);
        if (found.total > total) [letter, total] = [candidate, found.total];
      }
      expect(total).toBeGreaterThan(8);
      const cmd = { services: ctx, user: jan, locale: "nl" as const };
      const nl = plain(await runChatCommand("klant-health", letter, cmd));
      expect(nl).toContain(`+${total - 8} meer — typ meer letters`);
      const en = plain(
        await runChatCommand("klant-health", letter, {
          ...cmd,
          user: { ...jan, locale: "en" },
          locale: "en",
        }),
      );
      expect(en).toContain(`+${total - 8} more — type more letters`);
    });

    it("CLI kpi: --period reads the same forms; --json money is whole cents", async () => {
      const io = testCliIo(ctx);
      expect(await kpiCommand.run(["--period", "2026-Q4", "--json"], io)).toBe(0);
      const report = JSON.parse(io.stdout());
      expect(report).toMatchObject({ from: "2026-10-01", to: TODAY, moneyUnit: "cents" });
      for (const key of ["revenue", "revenueAtRisk", "clv", "orderRevenuePerCustomer"]) {
        if (report[key] !== null) expect(Number.isInteger(report[key]), key).toBe(true);
      }
      const text = testCliIo(ctx);
      expect(await kpiCommand.run(["--period", "last quarter", "--lang", "en"], text)).toBe(0);
      expect(text.stdout()).toMatch(/KPIS 1 JUL – 30 SEP 2026/i);
      const bad = await rejection(kpiCommand.run(["--period", "gisteren"], testCliIo(ctx)));
      expect(bad.code).toBe("BAD_INPUT");
      expect(bad.message).toContain("Onbekende periode “gisteren”");
      expect(bad.message).toContain("Usage: klantpuls kpi");
    });

    it("CLI: an unknown customer or segment fails with the CLI's usage, not a chat command's", async () => {
      const io = testCliIo(ctx);
      expect(await healthCommand.run(["xyzzy"], io)).toBe(1);
      expect(io.stderr()).toContain('No customer found for "xyzzy"');
      expect(io.stderr()).toContain("Usage: klantpuls health <customer>");
      expect(io.stderr()).not.toContain("/klant-health");
      for (const command of [kpiCommand, riskCommand]) {
        const failed = await rejection(command.run(["--segment", "Bestaatniet"], testCliIo(ctx)));
        expect(failed.code).toBe("BAD_INPUT");
        expect(failed.message).toMatch(/--segment: Onbekend segment “Bestaatniet”/);
        expect(failed.message).toMatch(/Usage: klantpuls (kpi|risk)/);
        expect(failed.message).not.toMatch(/\/klant-/);
      }
    });

    it("CLI alerts: state and audit trail, open only, per customer, as JSON", async () => {
      const io = testCliIo(ctx);
      expect(await alertsCommand.run(["--open", "--customer", "acme", "--json"], io)).toBe(0);
      const alerts = JSON.parse(io.stdout()) as Array<{
        customer: { name: string };
        status: string;
        trail: Array<{ action: string }>;
      }>;
      expect(alerts.length).toBeGreaterThan(0);
      expect(alerts.every((alert) => alert.customer.name === "Acme" && alert.status !== "RESOLVED")).toBe(
        true,
      );
      expect(alerts[0]?.trail.map((event) => event.action)).toContain("alert.opened");
      const text = testCliIo(ctx);
      expect(await alertsCommand.run(["--open"], text)).toBe(0);
      expect(text.stdout()).toMatch(/#\d+ +OPEN +Acme \(K-1001\)/);
      expect(text.stdout()).toMatch(/alert\.opened +Klantpuls/);
    });

    it("CLI job run: runs a scheduled job now, for a given date; an unknown job is refused", async () => {
      const io = testCliIo(ctx);
      expect(await jobCommand.run(["run", "score.daily", "--as-of", "2026-11-30"], io)).toBe(0);
      expect(io.stdout()).toMatch(/^ran score\.daily for 2026-11-30;/);
      const [row] = await ctx.db.sql.query<{ count: number }>(
        "SELECT count(*)::int AS count FROM health_snapshots WHERE as_of = '2026-11-30'",
      );
      expect(Number(row?.count)).toBeGreaterThan(0);
      const list = testCliIo(ctx);
      expect(await jobCommand.run(["list"], list)).toBe(0);
      expect(list.stdout()).toMatch(/^score\.daily /m);
      const unknown = await rejection(jobCommand.run(["run", "nope"], testCliIo(ctx)));
      expect(unknown.message).toMatch(/unknown job "nope". Jobs: score\.daily/);
    });
  },
);
