/**
 * Core benchmark: a large generated data set (default 20,000 customers, ~2M invoices plus orders,
 * engagement, complaints and NPS) on PGlite and on PostgreSQL in the same run, measuring
 *   - generation + load throughput (rows/s),
 *   - full rescoring against one raw-SQL aggregation pass over the same rows (target ≤ 3×),
 *   - `/klant-health` through the command layer, p50/p95 over random customers (target p95 < 50 ms),
 *   - peak RSS per phase (target < 300 MB).
 * Each database runs in a child process of its own so its RSS is its own.
 *
 *   npm run bench -- --customers 20000 [--targets pglite,postgres] [--lookups 300]
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { runChatCommand } from "../commands/index.ts";
import { seedDatabase } from "../prisma/seed/load.ts";
import { ManualClock } from "../src/clock.ts";
import { type Database, openDatabase } from "../src/db/client.ts";
import { applyMigrations } from "../src/db/migrate.ts";
import { addDays } from "../src/domain/dates.ts";
import { silentLogger } from "../src/logger.ts";
import type { ServiceContext } from "../src/services/context.ts";
import { createServiceContext } from "../src/services/create-service-context.ts";
import { scoreCustomers } from "../src/services/score-customers.ts";
import { summaryLine } from "./summary.ts";

const asOf = "2026-11-25";
const adminUrl = process.env.KLANTPULS_BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? (process.argv[index + 1] as string) : fallback;
}

interface PhaseMemory {
  peakRssMb: number;
}

/** Samples RSS every 20 ms; `reset()` starts a new phase. */
function rssSampler() {
  let peak = 0;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().rss);
  };
  const timer = setInterval(sample, 20);
  return {
    phase(): PhaseMemory {
      sample();
      const result = { peakRssMb: Math.round(peak / 1024 / 1024) };
      peak = 0;
      return result;
    },
    stop: () => clearInterval(timer),
  };
}

export interface CoreBenchResult {
  target: "pglite" | "postgres";
  customers: number;
  rows: number;
  invoices: number;
  load: { ms: number; rowsPerSecond: number } & PhaseMemory;
  /** Median of the measured rounds; every round in `rawRunsMs`. */
  rawAggregationMs: number;
  rawRunsMs: number[];
  rescoring: {
    /** Median of the measured rounds (its parts are that round's); every round in `runsMs`. */
    ms: number;
    runsMs: number[];
    aggregateMs: number;
    fitMs: number;
    scoreMs: number;
    writeMs: number;
    ratio: number;
  } & PhaseMemory;
  health: { lookups: number; p50: number; p95: number; max: number } & PhaseMemory;
  maxRssMb: number;
}

/** One pass over the same rows the scoring reads, grouped by customer: the floor for rescoring. */
async function rawAggregation(db: Database): Promise<number> {
  const started = performance.now();
  await db.sql.query(
    `WITH inv AS (SELECT customer_id, count(*) n, avg(COALESCE(paid_on, $1::date) - due_on) late, sum(amount_cents) s
                  FROM invoices WHERE due_on >= $1::date - 454 OR paid_on IS NULL GROUP BY customer_id),
          ord AS (SELECT customer_id, count(*) n, sum(amount_cents) s, max(ordered_on) last FROM orders
                  WHERE ordered_on <= $1::date GROUP BY customer_id),
          eng AS (SELECT customer_id, sum(count) n FROM engagement_events WHERE occurred_on >= $1::date - 454
                  GROUP BY customer_id)
     SELECT count(*), sum(inv.n), avg(inv.late), sum(inv.s), sum(ord.n), sum(ord.s), max(ord.last), sum(eng.n)
     FROM customers c LEFT JOIN inv ON inv.customer_id = c.id LEFT JOIN ord ON ord.customer_id = c.id
     LEFT JOIN eng ON eng.customer_id = c.id`,
    [asOf],
  );
  return performance.now() - started;
}

/** Measured rounds of the raw pass and the rescoring. */
const ROUNDS = 3;

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function runCase(
  target: "pglite" | "postgres",
  customers: number,
  dir: string,
  url: string,
): Promise<CoreBenchResult> {
  const sampler = rssSampler();
  const db =
    target === "pglite"
      ? await openDatabase({ kind: "pglite", dataDir: dir })
      : await openDatabase({ kind: "postgres", url, poolSize: 4 });
  try {
    await applyMigrations(db.sql);
    sampler.phase();
    const loadStarted = performance.now();
    const seeded = await seedDatabase(db, { customers, asOf, transactions: "per-batch" });
    await db.sql.exec("ANALYZE");
    const loadMs = performance.now() - loadStarted;
    const loadMemory = sampler.phase();

    const ctx: ServiceContext = createServiceContext({
      db,
      settingsJson: undefined,
      clock: new ManualClock(`${asOf}T10:00:00Z`),
      log: silentLogger,
      timezone: "Europe/Amsterdam",
    });
    // Warm both paths once (the raw pass, and scoring a few days before). Then three rounds, each a
    // raw pass and a rescoring of the next new day (as the daily job does), side by side so both meet
    // the same load; the medians are compared. One pair moved by ±15 % between runs on this machine.
    await rawAggregation(db);
    await scoreCustomers({ ctx, asOf: addDays(asOf, -ROUNDS) });
    const rawRuns: number[] = [];
    const scoreRuns: Array<{ ms: number; timings: Awaited<ReturnType<typeof scoreCustomers>>["timings"] }> =
      [];
    for (let round = ROUNDS - 1; round >= 0; round -= 1) {
      rawRuns.push(await rawAggregation(db));
      const scoreStarted = performance.now();
      const scored = await scoreCustomers({ ctx, asOf: addDays(asOf, -round) });
      scoreRuns.push({ ms: performance.now() - scoreStarted, timings: scored.timings });
    }
    const rawMs = median(rawRuns);
    const scored = [...scoreRuns].sort((a, b) => a.ms - b.ms)[Math.floor(ROUNDS / 2)]!;
    const scoreMs = scored.ms;
    const scoreMemory = sampler.phase();

    const lookups = Number(argument("lookups", "300"));
    const names = await db.sql.query<{ name: string }>(
      "SELECT name FROM customers WHERE status = 'ACTIVE' ORDER BY md5(id::text) LIMIT $1",
      [lookups],
    );
    const user = {
      id: 1,
      name: "Bench",
      email: "bench@example.com",
      role: "MANAGER" as const,
      locale: "nl" as const,
    };
    const timings: number[] = [];
    for (const { name } of names) {
      const started = performance.now();
      const message = await runChatCommand("klant-health", name, { services: ctx, user, locale: "nl" });
      timings.push(performance.now() - started);
      if (message.blocks[0]?.type !== "header") throw new Error(`no card for ${name}: ${message.text}`);
    }
    timings.sort((a, b) => a - b);
    const healthMemory = sampler.phase();
    sampler.stop();
    return {
      target,
      customers,
      rows: seeded.rows,
      invoices: seeded.counts.invoices,
      load: {
        ms: Math.round(loadMs),
        rowsPerSecond: Math.round(seeded.rows / (loadMs / 1000)),
        ...loadMemory,
      },
      rawAggregationMs: Math.round(rawMs),
      rawRunsMs: rawRuns.map(Math.round),
      rescoring: {
        ms: Math.round(scoreMs),
        runsMs: scoreRuns.map((run) => Math.round(run.ms)),
        ...scored.timings,
        ratio: Math.round((scoreMs / rawMs) * 100) / 100,
        ...scoreMemory,
      },
      health: {
        lookups: timings.length,
        p50: Math.round(percentile(timings, 50) * 10) / 10,
        p95: Math.round(percentile(timings, 95) * 10) / 10,
        max: Math.round((timings.at(-1) ?? 0) * 10) / 10,
        ...healthMemory,
      },
      maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    };
  } finally {
    await db.close();
  }
}

function runChild(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), ...args], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0
        ? resolve(output.trim().split("\n").at(-1) ?? "")
        : reject(new Error(`bench child exited ${code}`)),
    );
  });
}

async function main(): Promise<void> {
  const caseArg = argument("case", "");
  if (caseArg) {
    const [target, customers, dir, url] = caseArg.split("|") as [
      "pglite" | "postgres" | "init",
      string,
      string,
      string,
    ];
    if (target === "init") {
      // PGlite's initdb is a one-time memory spike (see seed-bench.ts): do it in its own process.
      const db = await openDatabase({ kind: "pglite", dataDir: dir });
      await applyMigrations(db.sql);
      await db.close();
      process.stdout.write("{}\n");
      return;
    }
    process.stdout.write(`${JSON.stringify(await runCase(target, Number(customers), dir, url))}\n`);
    return;
  }
  const customers = Number(argument("customers", "20000"));
  const targets = argument("targets", "pglite,postgres").split(",") as Array<"pglite" | "postgres">;
  const results: CoreBenchResult[] = [];
  for (const target of targets) {
    const dir = target === "pglite" ? mkdtempSync(path.join(os.tmpdir(), "kp_core_bench_")) : "";
    const name = `kp_core_bench_${randomBytes(4).toString("hex")}`;
    const admin = target === "postgres" ? new pg.Client({ connectionString: adminUrl }) : null;
    let url = "";
    try {
      if (admin) {
        await admin.connect();
        await admin.query(`CREATE DATABASE "${name}"`);
        const parsed = new URL(adminUrl);
        parsed.pathname = `/${name}`;
        url = parsed.toString();
      } else {
        await runChild(["--case", `init|0|${dir}|`, ...process.argv.slice(2)]);
      }
      process.stderr.write(`core bench: ${target}, ${customers} customers…\n`);
      results.push(
        JSON.parse(
          await runChild(["--case", `${target}|${customers}|${dir}|${url}`, ...process.argv.slice(2)]),
        ),
      );
    } finally {
      if (dir) rmSync(dir, { recursive: true, force: true });
      if (admin) {
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.end();
      }
    }
  }
  printTable(results);
}

function printTable(results: CoreBenchResult[]): void {
  const rows: Array<[string, (r: CoreBenchResult) => string]> = [
    ["customers / rows / invoices", (r) => `${r.customers} / ${r.rows} / ${r.invoices}`],
    ["load: s, rows/s", (r) => `${(r.load.ms / 1000).toFixed(1)} s, ${r.load.rowsPerSecond} rows/s`],
    ["load: peak RSS", (r) => `${r.load.peakRssMb} MB`],
    ["raw aggregation pass (median of 3)", (r) => `${r.rawAggregationMs} ms (${r.rawRunsMs.join(", ")})`],
    [
      "full rescoring, median (aggregate+fit+score+write)",
      (r) =>
        `${r.rescoring.ms} ms (${r.rescoring.aggregateMs}+${r.rescoring.fitMs}+${r.rescoring.scoreMs}+${r.rescoring.writeMs})`,
    ],
    ["full rescoring, each round", (r) => `${r.rescoring.runsMs.join(", ")} ms`],
    ["rescoring ÷ raw pass (goal ≤ 2; at most 3)", (r) => `${r.rescoring.ratio}×`],
    ["rescoring: peak RSS", (r) => `${r.rescoring.peakRssMb} MB`],
    [
      "klant-health p50 / p95 / max",
      (r) => `${r.health.p50} / ${r.health.p95} / ${r.health.max} ms (n=${r.health.lookups})`,
    ],
    ["klant-health: peak RSS", (r) => `${r.health.peakRssMb} MB`],
    ["process max RSS", (r) => `${r.maxRssMb} MB`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log(`\nKlantpuls core benchmark (as of ${asOf})`);
  console.log(`${"".padEnd(width)}  ${results.map((r) => r.target.padEnd(34)).join("")}`);
  for (const [label, value] of rows) {
    console.log(`${label.padEnd(width)}  ${results.map((r) => value(r).padEnd(34)).join("")}`);
  }
  for (const r of results) {
    console.log(
      summaryLine({
        figure: `full rescoring, ${r.customers} customers / ${r.rows} rows (${r.target})`,
        value: `${r.rescoring.ms} ms`,
        yardstick: `one raw aggregation pass: ${r.rawAggregationMs} ms`,
        ratio: `${r.rescoring.ratio}×`,
        goal: "≤ 2×",
      }),
    );
  }
}

await main();
