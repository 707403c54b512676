/**
 * Import benchmark: 1M invoice rows from a CSV file (generated at run time in a temp dir) into
 * PostgreSQL and into PGlite (on disk), through the same `importData` the CLI uses, all-or-nothing.
 * Reports rows/s and peak RSS (targets: ≥ 50k rows/s into PostgreSQL, RSS < 300 MB), the time per
 * phase, and a second import of the same file (everything unchanged).
 * Each database runs in a child process of its own so its peak RSS is its own.
 *
 *   npx tsx bench/import-bench.ts [--rows 1000000] [--targets postgres,pglite]
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { ManualClock } from "../src/clock.ts";
import { type Database, openDatabase } from "../src/db/client.ts";
import { applyMigrations } from "../src/db/migrate.ts";
import { defaultHealthSettings } from "../src/domain/health/settings.ts";
import { silentLogger } from "../src/logger.ts";
import type { ServiceContext } from "../src/services/context.ts";
import { type ImportProgress, type ImportReport, importData } from "../src/services/import-data.ts";

const adminUrl = process.env.KLANTPULS_BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const CUSTOMERS = 10_000;

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? (process.argv[index + 1] as string) : fallback;
}

async function writeLines(
  file: string,
  header: string,
  count: number,
  line: (i: number) => string,
): Promise<void> {
  const out = createWriteStream(file);
  out.write(`${header}\n`);
  for (let start = 0; start < count; start += 10_000) {
    const chunk: string[] = [];
    for (let i = start; i < Math.min(count, start + 10_000); i += 1) chunk.push(line(i));
    if (!out.write(`${chunk.join("\n")}\n`))
      await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  }
  await new Promise((resolve) => out.end(resolve));
}

export interface ImportBenchResult {
  target: "pglite" | "postgres";
  rows: number;
  fileMb: number;
  seconds: number;
  rowsPerSecond: number;
  phases: Record<string, number>;
  reimportSeconds: number;
  reimportUnchanged: number;
  peakRssMb: number;
}

async function runTarget(target: "pglite" | "postgres", rows: number): Promise<ImportBenchResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "kp-import-bench-"));
  let dropPostgres: (() => Promise<void>) | undefined;
  let db: Database | undefined;
  try {
    const customersFile = path.join(dir, "customers.csv");
    const invoicesFile = path.join(dir, "invoices.csv");
    await writeLines(
      customersFile,
      "external_id,name,segment",
      CUSTOMERS,
      (i) => `C${i},Klant ${i} BV,retail`,
    );
    await writeLines(
      invoicesFile,
      "external_id,customer_external_id,issued_on,due_on,paid_on,amount",
      rows,
      (i) => {
        const day = String((i % 28) + 1).padStart(2, "0");
        const month = String((i % 12) + 1).padStart(2, "0");
        return `F${i},C${i % CUSTOMERS},2025-${month}-${day},2026-${month}-${day},${i % 4 ? `2026-${month}-${day}` : ""},${i % 5000}.${String(i % 100).padStart(2, "0")}`;
      },
    );
    if (target === "postgres") {
      const name = `kp_import_bench_${randomBytes(4).toString("hex")}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}"`);
      await admin.end();
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      db = await openDatabase({ kind: "postgres", url: url.toString(), poolSize: 4 });
      dropPostgres = async () => {
        const drop = new pg.Client({ connectionString: adminUrl });
        await drop.connect();
        await drop.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await drop.end();
      };
    } else {
      db = await openDatabase({ kind: "pglite", dataDir: path.join(dir, "data") });
    }
    await applyMigrations(db.sql);
    const ctx: ServiceContext = {
      db,
      settings: defaultHealthSettings,
      clock: new ManualClock("2026-11-25T09:00:00Z"),
      log: silentLogger,
      timezone: "Europe/Amsterdam",
    };
    const load = (kind: "customers" | "invoices", file: string, onProgress?: (p: ImportProgress) => void) =>
      importData({
        ctx,
        kind,
        source: {
          format: "csv",
          name: path.basename(file),
          bytes: createReadStream(file),
          totalBytes: statSync(file).size,
        },
        // Rescoring is the scoring benchmark's business; this measures the import itself.
        rescore: false,
        onProgress,
      });
    const customers = await load("customers", customersFile);
    if (customers.status !== "completed") throw new Error(`customers: ${JSON.stringify(customers)}`);

    const phaseStart: Record<string, number> = {};
    const started = performance.now();
    const report: ImportReport = await load("invoices", invoicesFile, (progress) => {
      phaseStart[progress.phase] ??= progress.elapsedMs;
    });
    const seconds = (performance.now() - started) / 1000;
    if (report.status !== "completed" || report.inserted !== rows)
      throw new Error(`invoices: ${JSON.stringify(report)}`);
    const end = report.durationMs;
    const phases = {
      readAndStage: (phaseStart.checking ?? end) / 1000,
      check: ((phaseStart.merging ?? end) - (phaseStart.checking ?? end)) / 1000,
      mergeAndCommit: (end - (phaseStart.merging ?? end)) / 1000,
    };
    const again = performance.now();
    const second = await load("invoices", invoicesFile);
    const reimportSeconds = (performance.now() - again) / 1000;
    return {
      target,
      rows,
      fileMb: Math.round(statSync(invoicesFile).size / 1024 / 1024),
      seconds: round(seconds),
      rowsPerSecond: Math.round(rows / seconds),
      phases: Object.fromEntries(Object.entries(phases).map(([key, value]) => [key, round(value)])),
      reimportSeconds: round(reimportSeconds),
      reimportUnchanged: second.unchanged,
      // maxRSS is the process peak (KiB on Linux): generation, both imports and the database driver.
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    };
  } finally {
    await db?.close();
    await dropPostgres?.();
    rmSync(dir, { recursive: true, force: true });
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

async function main(): Promise<void> {
  const rows = Number(argument("rows", "1000000"));
  const child = argument("child", "");
  if (child === "pglite" || child === "postgres") {
    const result = await runTarget(child, rows);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const targets = argument("targets", "postgres,pglite").split(",");
  const results: ImportBenchResult[] = [];
  for (const target of targets) {
    const output = await new Promise<string>((resolve, reject) => {
      const proc = spawn(
        process.execPath,
        [...process.execArgv, fileURLToPath(import.meta.url), "--child", target, "--rows", String(rows)],
        { stdio: ["ignore", "pipe", "inherit"] },
      );
      let out = "";
      proc.stdout.on("data", (chunk) => {
        out += chunk;
      });
      proc.on("exit", (code) =>
        code === 0 ? resolve(out) : reject(new Error(`${target} exited with ${code}`)),
      );
    });
    results.push(JSON.parse(output.trim().split("\n").pop()!) as ImportBenchResult);
  }
  process.stdout.write(
    `Import: ${rows.toLocaleString("en-US")} invoice rows from CSV (all-or-nothing, one transaction)\n`,
  );
  for (const r of results) {
    process.stdout.write(
      `  ${r.target.padEnd(8)} ${r.seconds.toFixed(1).padStart(6)} s  ${r.rowsPerSecond.toLocaleString("en-US").padStart(8)} rows/s  ` +
        `peak RSS ${r.peakRssMb} MB  (read+stage ${r.phases.readAndStage} s, check ${r.phases.check} s, merge ${r.phases.mergeAndCommit} s; ` +
        `re-import ${r.reimportSeconds} s, ${r.reimportUnchanged.toLocaleString("en-US")} unchanged; file ${r.fileMb} MB)\n`,
    );
  }
}

await main();
