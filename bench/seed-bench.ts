/**
 * Seed benchmark: generate + load the demo data set on PGlite (on disk, temp dir) and PostgreSQL, and
 * print rows/s and peak RSS. Each case runs in its own child process so peak RSS belongs to that case.
 *
 *   npx tsx bench/seed-bench.ts [--sizes 500,5000] [--targets generate,pglite,postgres]
 *                               [--transactions single|per-batch] [--batch 100]
 *
 * PostgreSQL: KLANTPULS_BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/test) is used to
 * create and drop a throwaway database kp_seed_bench_<random>.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { countDemoRows, generateDemoBatches } from "../prisma/seed/generate.ts";
import { seedDatabase } from "../prisma/seed/load.ts";
import { openDatabase } from "../src/db/client.ts";
import { applyMigrations } from "../src/db/migrate.ts";

const asOf = "2026-06-30";
const adminUrl = process.env.KLANTPULS_BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";

type Target = "generate" | "pglite" | "postgres";
type Case = Target | "pglite-init";

interface CaseResult {
  target: Target;
  customers: number;
  rows: number;
  invoices: number;
  ms: number;
  rowsPerSecond: number;
  /** RSS once the database is open and migrated, before generating and loading. */
  openRssMb: number;
  peakRssMb: number;
  maxRssMb: number;
}

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1]! : fallback;
}

/** Samples RSS every 20 ms; `maxRSS` from the kernel catches what sampling misses. */
function rssSampler(): { stop(): { peakRssMb: number; maxRssMb: number } } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().rss);
      return {
        peakRssMb: Math.round(peak / 1024 / 1024),
        maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      };
    },
  };
}

/**
 * PGlite's first start (initdb) alone takes the process to 550–850 MB RSS, which no later start does
 * (reopen ~330 MB). Seeding normally happens after start-up, so the directory is created and migrated in
 * a child of its own and the measured child reopens it.
 */
async function initPglite(dir: string): Promise<void> {
  const db = await openDatabase({ kind: "pglite", dataDir: dir });
  await applyMigrations(db.sql);
  await db.close();
}

async function runCase(target: Target, customers: number, dir: string): Promise<CaseResult> {
  const transactions = argument("transactions", "single") as "single" | "per-batch";
  const batchCustomers = Number(argument("batch", "100"));
  const sampler = rssSampler();
  const started = performance.now();
  let rows = 0;
  let invoices = 0;
  let openRss = process.memoryUsage().rss;

  if (target === "generate") {
    for (const batch of generateDemoBatches({ customers, asOf, batchCustomers })) {
      const counts = countDemoRows(batch);
      rows += Object.values(counts).reduce((sum, n) => sum + n, 0);
      invoices += counts.invoices;
    }
  } else if (target === "pglite") {
    const db = await openDatabase({ kind: "pglite", dataDir: dir });
    await applyMigrations(db.sql);
    openRss = process.memoryUsage().rss;
    const loadStarted = performance.now();
    const result = await seedDatabase(db, { customers, asOf, batchCustomers, transactions });
    rows = result.rows;
    invoices = result.counts.invoices;
    await db.close();
    return finish(performance.now() - loadStarted);
  } else {
    const name = `kp_seed_bench_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    try {
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const db = await openDatabase({ kind: "postgres", url: url.toString(), poolSize: 2 });
      await applyMigrations(db.sql);
      openRss = process.memoryUsage().rss;
      const loadStarted = performance.now();
      const result = await seedDatabase(db, { customers, asOf, batchCustomers, transactions });
      rows = result.rows;
      invoices = result.counts.invoices;
      await db.close();
      return finish(performance.now() - loadStarted);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  }
  return finish(performance.now() - started);

  function finish(ms: number): CaseResult {
    const memory = sampler.stop();
    return {
      target,
      customers,
      rows,
      invoices,
      ms: Math.round(ms),
      rowsPerSecond: Math.round(rows / (ms / 1000)),
      openRssMb: Math.round(openRss / 1024 / 1024),
      ...memory,
    };
  }
}

function runChild(target: Case, customers: number, dir: string): Promise<CaseResult> {
  const script = fileURLToPath(import.meta.url);
  // The data dir travels in the case argument; a temp path has no colon on Linux or macOS.
  const args = [
    ...process.execArgv,
    script,
    "--case",
    `${target}:${customers}:${dir}`,
    ...process.argv.slice(2),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code !== 0) reject(new Error(`case ${target}:${customers} exited with ${code}`));
      else resolve(JSON.parse(output.trim().split("\n").at(-1)!) as CaseResult);
    });
  });
}

async function main(): Promise<void> {
  const single = argument("case", "");
  if (single) {
    const [target, customers, dir] = single.split(":") as [Case, string, string];
    if (target === "pglite-init") {
      await initPglite(dir);
      process.stdout.write("{}\n");
    } else {
      process.stdout.write(`${JSON.stringify(await runCase(target, Number(customers), dir))}\n`);
    }
    return;
  }
  const sizes = argument("sizes", "500,5000").split(",").map(Number);
  const targets = argument("targets", "generate,pglite,postgres").split(",") as Target[];
  console.log(
    `seed benchmark, asOf ${asOf}, transactions ${argument("transactions", "single")}, ` +
      `${argument("batch", "100")} customers per batch`,
  );
  console.log(
    "target    customers       rows   invoices      ms      rows/s  open RSS MB  peak RSS MB  maxRSS MB",
  );
  for (const customers of sizes) {
    for (const target of targets) {
      const dir = target === "pglite" ? mkdtempSync(path.join(os.tmpdir(), "kp_seed_bench_")) : "";
      try {
        if (target === "pglite") await runChild("pglite-init", 0, dir);
        const r = await runChild(target, customers, dir);
        console.log(
          `${r.target.padEnd(9)} ${String(r.customers).padStart(9)} ${String(r.rows).padStart(10)} ` +
            `${String(r.invoices).padStart(10)} ${String(r.ms).padStart(7)} ${String(r.rowsPerSecond).padStart(11)} ` +
            `${String(r.openRssMb).padStart(12)} ${String(r.peakRssMb).padStart(12)} ${String(r.maxRssMb).padStart(10)}`,
        );
      } finally {
        if (dir) rmSync(dir, { recursive: true, force: true });
      }
    }
  }
}

await main();
