import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isoDateIn } from "../../src/clock.ts";
import { addDays } from "../../src/domain/dates.ts";

const bin = path.resolve(import.meta.dirname, "../../bin/klantpuls.js");
const dataDir = mkdtempSync(path.join(tmpdir(), "kp-cli-"));
// The CLI's clock is fixed (KLANTPULS_NOW): a Wednesday morning in Amsterdam, so "today", quiet hours
// and weekends never depend on when the tests run.
const NOW = "2026-11-25T09:00:00Z";
const today = isoDateIn(new Date(NOW), "Europe/Amsterdam");

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run the real `klantpuls` binary on a temporary embedded database. */
function klantpuls(args: string[], input?: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env: {
        ...process.env,
        KLANTPULS_DATA_DIR: dataDir,
        DATABASE_URL: "",
        LOG_LEVEL: "warn",
        KLANTPULS_NOW: NOW,
        ...env,
      },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? "");
  });
}

/** Drive the interactive console: send a line, collect what it prints until it asks again. */
function interactive(args: string[]) {
  const child = spawn(process.execPath, [bin, ...args], {
    // No background scheduler: jobs run only when the test says "job …", so what arrives when is fixed.
    env: {
      ...process.env,
      KLANTPULS_DATA_DIR: dataDir,
      DATABASE_URL: "",
      LOG_LEVEL: "warn",
      KLANTPULS_SCHEDULER: "off",
      KLANTPULS_NOW: NOW,
    },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let buffer = "";
  let waiter:
    | { pattern: RegExp; resolve: (text: string) => void; reject: (error: Error) => void }
    | undefined;
  let exited: string | undefined;
  const check = () => {
    if (waiter?.pattern.test(buffer)) {
      const text = buffer;
      buffer = "";
      const { resolve } = waiter;
      waiter = undefined;
      resolve(text);
    }
  };
  child.stdout.on("data", (chunk) => {
    buffer += chunk;
    check();
  });
  child.stderr.on("data", (chunk) => {
    buffer += chunk;
  });
  // A console that exits (a crash, a locked data directory) fails the wait at once, with what it printed.
  child.on("close", (code, signal) => {
    exited = `the demo exited (${code ?? signal}) before printing the expected text; it printed:\n${buffer}`;
    waiter?.reject(new Error(exited));
    waiter = undefined;
  });
  const until = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      waiter = { pattern, resolve, reject };
      check();
      if (waiter && exited) reject(new Error(exited));
    });
  const prompt = /klantpuls> $/;
  return {
    ready: until(prompt),
    send(line: string) {
      child.stdin.write(`${line}\n`);
      return until(prompt);
    },
    sendUntil(line: string, pattern: RegExp) {
      child.stdin.write(`${line}\n`);
      return until(pattern);
    },
    quit() {
      child.stdin.end("quit\n");
      // A console that does not stop on its own must not outlive the test run.
      setTimeout(() => child.kill(), 10_000).unref();
      return new Promise<void>((resolve) => child.on("close", () => resolve()));
    },
  };
}

describe("the klantpuls command line", () => {
  beforeAll(async () => {
    const seeded = await klantpuls(["seed", "--customers", "40", "--as-of", today]);
    expect(seeded.stderr).not.toMatch(/Error|error:/);
    expect(seeded.code).toBe(0);
    expect(seeded.stdout).toMatch(/Loaded .*customers/);
    expect(seeded.stdout).toMatch(/Scored \d+ customers on 14 dates/);
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("health acme --json returns the score with its reasons", async () => {
    const run = await klantpuls(["health", "acme", "--json"]);
    expect(run.code).toBe(0);
    const health = JSON.parse(run.stdout);
    expect(health.customer).toMatchObject({ externalId: "K-1001", name: "Acme", segment: "Enterprise" });
    expect(health.customer.owner.name).toBe("Jan de Vries");
    expect(health.band).toBe("AT_RISK");
    expect(health.score).toBeGreaterThanOrEqual(0);
    expect(health.score).toBeLessThan(40);
    expect(typeof health.trend).toBe("number");
    expect(health.confidence).toBeGreaterThan(0.5);
    expect(health.signals).toHaveLength(8);
    const payment = health.signals.find((signal: { key: string }) => signal.key === "payment");
    expect(payment.reason).toMatch(/te laat/);
    expect(payment.weight).toBe(20);
  });

  it("health, risk and a score export --as-of a past date agree with each other, churned customers included", async () => {
    const asOf = addDays(today, -28);
    const exported = await klantpuls(["score", "--as-of", asOf, "--csv"]);
    expect(exported.code).toBe(0);
    expect(exported.stderr).toMatch(new RegExp(`Scored \\d+ customers as of ${asOf}; \\d+ churned`));
    const [header, ...lines] = exported.stdout.trim().split("\n");
    expect(header).toBe("external_id,name,segment,as_of,standing,score,band,churn_probability,confidence");
    // No name in the demo holds a comma or a quote, so a plain split reads the table.
    const rows = lines.map((line) => {
      const [externalId, name, segment, date, standing, score, band, churn] = line.split(",");
      return { externalId, name, segment, date, standing, score, band, churn: Number(churn) };
    });
    expect(rows.length).toBeGreaterThan(30);
    for (const row of rows) {
      expect(row.date).toBe(asOf);
      expect(row.churn).toBeGreaterThanOrEqual(0);
      expect(row.churn).toBeLessThanOrEqual(1);
      if (row.standing === "active") expect([row.score !== "", row.band !== ""]).toEqual([true, true]);
      else expect([row.standing, row.score, row.band]).toEqual([expect.stringMatching(/^churned-/), "", ""]);
    }
    const churned = rows.find((row) => row.standing !== "active");
    expect(churned).toBeDefined();

    const acme = rows.find((row) => row.externalId === "K-1001");
    const health = JSON.parse((await klantpuls(["health", "acme", "--as-of", asOf, "--json"])).stdout);
    expect({ asOf: health.asOf, scoredOn: health.scoredOn, standing: health.standing }).toEqual({
      asOf,
      scoredOn: asOf,
      standing: "active",
    });
    expect([String(health.score), health.band]).toEqual([acme?.score, acme?.band]);
    const card = await klantpuls(["health", "acme", "--as-of", asOf]);
    expect(card.stdout).toContain(`/100`);
    expect(card.stdout).toMatch(new RegExp(`score van ${Number(asOf.slice(8))} `));

    const gone = JSON.parse(
      (await klantpuls(["health", churned?.externalId ?? "", "--as-of", asOf, "--json"])).stdout,
    );
    expect({ standing: gone.standing, score: gone.score, band: gone.band }).toEqual({
      standing: churned?.standing,
      score: null,
      band: null,
    });
    expect(gone.churnProbability).toBeCloseTo(churned?.churn ?? -1, 3);

    const risk = JSON.parse((await klantpuls(["risk", "--as-of", asOf, "--json", "--limit", "100"])).stdout);
    const atRisk = rows.filter((row) => row.band === "AT_RISK");
    expect(risk).toHaveLength(atRisk.length);
    for (const listed of risk as Array<{ customer: { externalId: string }; score: number; band: string }>) {
      const row = rows.find((candidate) => candidate.externalId === listed.customer.externalId);
      expect([String(listed.score), listed.band]).toEqual([row?.score, "AT_RISK"]);
    }
    const both = await klantpuls(["score", "--csv", "--history", "2"]);
    expect(both.code).not.toBe(0);
    expect(both.stderr).toMatch(/--csv exports one date: leave out --history/);
    const twoOutputs = await klantpuls(["score", "--csv", "--json"]);
    expect(twoOutputs.code).toBe(1);
    expect(twoOutputs.stderr).toMatch(/--csv and --json are two outputs: choose one/);
  });

  it("health prints the card as text, in English on request", async () => {
    const run = await klantpuls(["health", "acme", "--lang", "en"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Acme\n═+/);
    expect(run.stdout).toMatch(/at risk/);
    expect(run.stdout).toMatch(/Why/);
  });

  it("backtest --json replays past dates and reports the score against the yardsticks and targets", async () => {
    const run = await klantpuls(["backtest", "--json", "--dates", "3"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.asOfDates).toHaveLength(3);
    expect(report.rows).toBeGreaterThan(0);
    for (const ranking of [report.score, ...Object.values(report.baselines)] as Array<{ auc: number }>) {
      expect(ranking.auc).toBeGreaterThanOrEqual(0);
      expect(ranking.auc).toBeLessThanOrEqual(1);
    }
    expect(Object.keys(report.baselines)).toEqual(["daysSinceLastOrder", "rfm", "bgnbd", "plainLogistic"]);
    // The plain yardstick is fitted on the demo's past dates, so it ranks every row.
    expect(report.baselines.plainLogistic.auc).toBeGreaterThan(0.5);
    expect(Object.keys(report.leadTime.baselines)).toEqual(["daysSinceLastOrder", "rfm", "bgnbd"]);
    // Each date on its own, with every yardstick ranked on the same rows.
    expect(report.perDate).toHaveLength(3);
    for (const date of report.perDate as Array<{ auc: number; yardsticks: Record<string, number> }>) {
      expect(Object.keys(date.yardsticks)).toEqual(["daysSinceLastOrder", "rfm", "bgnbd", "plainLogistic"]);
      for (const value of [date.auc, ...Object.values(date.yardsticks)]) {
        expect(value).toBeGreaterThan(0.5);
        expect(value).toBeLessThanOrEqual(1);
      }
    }
    expect(Object.values(report.targets).every((ok) => typeof ok === "boolean")).toBe(true);
    const text = await klantpuls(["backtest", "--dates", "2"]);
    expect(text.stdout).toMatch(/Ranking \(AUC/);
    expect(text.stdout).toMatch(/plain logistic, all data +0\.\d{3}/);
    expect(text.stdout).toMatch(
      /dates where the score ranks better than: days since last order [0-2] of 2, RFM [0-2] of 2, BG\/NBD [0-2] of 2, plain logistic [0-2] of 2\n/,
    );
    expect(text.stdout).toMatch(/Lead time: days from the first at-risk flag/);
    expect(text.stdout).toMatch(/Targets\n {2}(ok |NO ) score AUC ≥ the best yardstick/);
    // The latest run is kept as the track record the chat and `kpi` show.
    const kpi = await klantpuls(["kpi", "--json"]);
    expect(JSON.parse(kpi.stdout).trackRecord).toMatchObject({ dates: 2, horizonDays: 90 });
    const kpiText = await klantpuls(["kpi", "--lang", "fr"]);
    expect(kpiText.stdout).toMatch(
      /Fiabilité\s?: parmi les clients que le score classait à risque, \d+(,\d+)?[\s\u00a0\u202f]%/,
    );
    // A date whose horizon is not over yet cannot be judged: a clear message, a non-zero exit.
    const tooRecent = await klantpuls(["backtest", "--as-of", today]);
    expect(tooRecent.code).not.toBe(0);
    expect(tooRecent.stderr).toMatch(/is not known yet .*choose --as-of \d{4}-\d{2}-\d{2} or earlier/);
    expect(tooRecent.stderr).not.toMatch(/at .*\.js:\d+/);
    // A date before the book has half a year of orders says which dates would do (no empty report
    // whose targets are "met" on nothing).
    const tooEarly = await klantpuls(["backtest", "--as-of", "2020-01-01", "--json"]);
    expect(tooEarly.code).not.toBe(0);
    expect(tooEarly.stdout).toBe("");
    expect(tooEarly.stderr).toMatch(
      /Too little history to backtest at 2020-01-01: .*choose --as-of between \d{4}-\d{2}-\d{2} and \d{4}-\d{2}-\d{2}\./,
    );
  });

  it("writes amounts in the company's currency (KLANTPULS_CURRENCY)", async () => {
    const dollars = await klantpuls(["health", "acme"], undefined, { KLANTPULS_CURRENCY: "USD" });
    expect(dollars.code).toBe(0);
    expect(dollars.stdout).toMatch(/Omzet \(12 mnd\): +\$ \d{1,3}(\.\d{3})*\n/);
    const euros = await klantpuls(["health", "acme"]);
    expect(euros.stdout).toMatch(/Omzet \(12 mnd\): +€ \d{1,3}(\.\d{3})*\n/);
    const wrong = await klantpuls(["health", "acme"], undefined, { KLANTPULS_CURRENCY: "dollar" });
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toMatch(/KLANTPULS_CURRENCY: must be an ISO 4217 currency code/);
  });

  it("kpi --json has every KPI field", async () => {
    const run = await klantpuls(["kpi", "--json"]);
    expect(run.code).toBe(0);
    const kpi = JSON.parse(run.stdout);
    for (const key of [
      "from",
      "to",
      "segment",
      "customersAtStart",
      "newCustomers",
      "lostCustomers",
      "customersAtEnd",
      "retentionRate",
      "churnRate",
      "nps",
      "clv",
      "revenue",
      "revenueAtRisk",
    ]) {
      expect(kpi).toHaveProperty(key);
    }
    expect(kpi.to).toBe(today);
    expect(kpi.customersAtEnd).toBe(kpi.customersAtStart + kpi.newCustomers - kpi.lostCustomers);
  });

  it("risk --json lists at-risk customers by revenue at risk", async () => {
    const run = await klantpuls(["risk", "--json", "--limit", "5"]);
    expect(run.code).toBe(0);
    const rows = JSON.parse(run.stdout) as Array<{ band: string; revenueAtRisk: number; topReason: string }>;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.band === "AT_RISK" && row.topReason.length > 0)).toBe(true);
    expect(rows.map((row) => row.revenueAtRisk)).toEqual(
      rows.map((row) => row.revenueAtRisk).sort((a, b) => b - a),
    );
  });

  it("answers bad input with a clear message and an exit code, never a stack trace", async () => {
    const missing = await klantpuls(["health"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Usage: klantpuls health <customer>/);

    const badDate = await klantpuls(["kpi", "--from", "gisteren"]);
    expect(badDate.code).toBe(1);
    expect(badDate.stderr).toMatch(/--from: expected a date as YYYY-MM-DD/);
    expect(badDate.stderr).not.toMatch(/at .*\.ts:\d+/);

    // A date that does not exist is refused where it is read, with the option's name: no stack trace.
    for (const args of [
      ["health", "acme", "--as-of", "2026-02-30"],
      ["risk", "--as-of", "30-11-2026"],
      ["score", "--as-of", "2026-13-01", "--csv"],
    ]) {
      const badDate = await klantpuls(args);
      expect(badDate.code).toBe(1);
      expect(badDate.stderr).toMatch(/--as-of: (not a real date|expected a date as YYYY-MM-DD)/);
      expect(badDate.stderr).not.toMatch(/at .*\.js:\d+/);
    }

    const unknownOption = await klantpuls(["risk", "--colour"]);
    expect(unknownOption.code).toBe(1);
    expect(unknownOption.stderr).toMatch(/Unknown option '--colour'/);

    const unknownCommand = await klantpuls(["frobnicate"]);
    expect(unknownCommand.code).toBe(2);
    expect(unknownCommand.stderr).toMatch(/unknown command "frobnicate"/);

    const reseed = await klantpuls(["seed", "--customers", "10"]);
    expect(reseed.code).toBe(1);
    expect(reseed.stderr).toMatch(/already holds \d+ customers/);
  });

  it("demo: the console answers commands and buttons typed on standard input", async () => {
    const demo = interactive(["demo"]);
    try {
      const banner = await demo.ready;
      expect(banner).toMatch(/Je bent Jan de Vries \(manager\)\. Taal: Nederlands\./);
      const card = await demo.send("/klant-health acme");
      expect(card).toMatch(/\nAcme\n═+/);
      // Press the pulse button on Acme's card and answer the form it opens.
      const pulseButton = /\[(\d+)\] Notitie \/ pulse/.exec(card)?.[1];
      expect(pulseButton).toBeDefined();
      await demo.sendUntil(pulseButton ?? "", /0–10: $/);
      await demo.sendUntil("3", /Enter om over te slaan\): $/);
      const saved = await demo.send("bellen over betalingen");
      expect(saved).toMatch(/je inschatting 3\/10 voor Acme is opgeslagen/);
      expect(await demo.send("/klant-risico Enterprise 3")).toMatch(/Klanten met risico · Enterprise/);

      // Run today's scoring now: it evaluates the alert rules and sends what is worth a DM. Acme's
      // alert arrives as a DM to Jan, and its button acknowledges it.
      const sent = await demo.send("job score.daily");
      expect(sent).toMatch(/score\.daily uitgevoerd voor/);
      const alertAt = sent.indexOf("Acme vraagt aandacht");
      // The demo's clock is fixed (KLANTPULS_NOW, a Wednesday 10:00 in Amsterdam): outside quiet hours,
      // so the DM is sent at once.
      expect(alertAt).toBeGreaterThan(-1);
      expect(sent.slice(0, alertAt)).toMatch(
        /── bericht [a-z]+ van de bot[^\n]*\n {2}\[Slack DM van Klantpuls aan jou\]\s*🔴 $/,
      );
      const acknowledge = /\[([a-z]+\d+)\] Bevestigen/.exec(sent.slice(alertAt))?.[1];
      expect(acknowledge).toBeDefined();
      await demo.sendUntil(acknowledge ?? "", /Reden \(optioneel\)[\s\S]*Enter om over te slaan\): $/);
      // The reason is chosen by its name or number, never by its code.
      await demo.sendUntil("contacted", /“contacted” staat niet in de lijst[\s\S]*: $/);
      expect(await demo.send("klant gesproken")).toMatch(/✅ bevestigd door Jan de Vries om \d\d:\d\d/);
    } finally {
      await demo.quit();
    }
  });

  it("demo --lang en speaks English; --customers with existing data is ignored, and says so (nl and en)", async () => {
    const english = interactive(["demo", "--lang", "en", "--customers", "2000"]);
    try {
      const banner = await english.ready;
      expect(banner).toMatch(
        /--customers 2000 ignored: .* already holds 40 customers\. Start over with --fresh/,
      );
      expect(banner).toMatch(/You are Jan de Vries \(manager\)\. Language: English\./);
      expect(banner).toContain("press button [1], [2], … of the last answer");
      const card = await english.send("/klant-health acme   # the card");
      expect(card).toMatch(/Revenue \(12 mo\):/);
      // The README's `/home`: the App Home tab, with Acme's trend as on the card.
      const home = await english.send("/home");
      expect(home).toMatch(/\[Slack App Home tab\][\s\S]*My customers \(\d+\)/);
      const trend = /· trend ([^\n·]+)\n/.exec(card)?.[1];
      expect(trend).toBeDefined();
      expect(home).toContain(`Acme · ${/(\d+)\/100/.exec(card)?.[1]} · `);
      expect(home).toMatch(new RegExp(`Acme · \\d+ · [^·]+ · trend ${trend}`));
      // A misspelt command is answered at once with the nearest one, not sent to the bot.
      expect(await english.send("/klant-riscio MKB")).toContain(
        "Unknown command “/klant-riscio” — did you mean /klant-risico?",
      );
    } finally {
      await english.quit();
    }
    const dutch = interactive(["demo", "--customers", "2000"]);
    try {
      expect(await dutch.ready).toMatch(
        /--customers 2000 genegeerd: .* heeft al 40 klanten\. Begin opnieuw met --fresh/,
      );
      expect(await dutch.send("/klant-riscio MKB")).toContain(
        "Onbekend commando “/klant-riscio” — bedoelde je /klant-risico?",
      );
    } finally {
      await dutch.quit();
    }
    // --fresh loads the demo data again, with the number asked for (the same 40, so the rest holds).
    const fresh = interactive(["demo", "--fresh", "--customers", "40"]);
    try {
      const banner = await fresh.ready;
      expect(banner).toMatch(/Demodata laden: 40 klanten met 3 jaar historie…/);
      expect(banner).not.toMatch(/genegeerd/);
      // The first load also replays the track record, so the chat shows it at once (the demo holds the
      // data directory: `klantpuls backtest` could not run beside it).
      expect(banner).toMatch(/Trefzekerheid teruggerekend op \d+ datums in [\d,]+ s\./);
      expect(await fresh.send("/klant-kpi")).toMatch(
        /Trefzekerheid: van de klanten die de score op risico zette, vertrok \d+ % binnen 90 dagen/,
      );
    } finally {
      await fresh.quit();
    }
  });
});
