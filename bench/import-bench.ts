/**
 * Import benchmark: 1M invoice rows from a CSV file (generated at run time in a temp dir) into
 * PostgreSQL and into PGlite (on disk), through the same `importData` the CLI uses, all-or-nothing.
 * Reports rows/s and peak RSS, the time per phase, a second import of the same file (everything
 * unchanged; the file is given as the CLI gives it, readable twice, so it is recognised), a third
 * read once, as standard input comes (staged, then recognised), and a fourth under another
 * fingerprint (every row staged, checked and compared). On PostgreSQL each figure stands next to its yardstick, measured in the same run on the
 * same file: psql's `\copy` into a typed table with a primary key (goals: a new file ≤ 2× COPY, an
 * unchanged re-import ≤ 1× COPY). The yardstick runs before and after the imports; the mean is used.
 * Each database runs in a child process of its own so its peak RSS is its own.
 *
 *   npx tsx bench/import-bench.ts [--rows 1000000] [--targets postgres,pglite]
 */
import { execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { ManualClock } from "../src/clock.ts";
import { type Database, openDatabase } from "../src/db/client.ts";
import { applyMigrations } from "../src/db/migrate.ts";
import { silentLogger } from "../src/logger.ts";
import type { ServiceContext } from "../src/services/context.ts";
import { createServiceContext } from "../src/services/create-service-context.ts";
import { type ImportProgress, type ImportReport, importData } from "../src/services/import-data.ts";
import { summaryLine } from "./summary.ts";

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
  reimportPhases: Record<string, number>;
  reimportUnchanged: number;
  /** The re-import recognised the file (nothing staged). */
  reimportSameFile: boolean;
  /** The same unchanged file once more, read once (as from standard input): every row compared. */
  pipedReimportSeconds: number;
  /** The same rows under another fingerprint: every row staged, checked and compared in the merge. */
  comparedReimportSeconds: number;
  peakRssMb: number;
  /** PostgreSQL only: seconds for psql's \copy of the same file into a typed table with a primary key. */
  copySeconds?: number[];
}

/** psql's `\copy` of the invoices file into a fresh typed table with a primary key, timed. */
async function copyYardstick(url: string, file: string): Promise<number> {
  const psql = (command: string) =>
    new Promise<void>((resolve, reject) =>
      execFile("psql", [url, "-v", "ON_ERROR_STOP=1", "-q", "-c", command], (error) =>
        error ? reject(error) : resolve(),
      ),
    );
  await psql(
    "DROP TABLE IF EXISTS copy_yardstick; CREATE TABLE copy_yardstick (external_id text PRIMARY KEY, customer_external_id text NOT NULL, issued_on date NOT NULL, due_on date NOT NULL, paid_on date, amount numeric(12,2) NOT NULL)",
  );
  const started = performance.now();
  await psql(`\\copy copy_yardstick FROM '${file}' WITH (FORMAT csv, HEADER true)`);
  const seconds = (performance.now() - started) / 1000;
  await psql("DROP TABLE copy_yardstick");
  return seconds;
}

async function runTarget(target: "pglite" | "postgres", rows: number): Promise<ImportBenchResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "kp-import-bench-"));
  let dropPostgres: (() => Promise<void>) | undefined;
  let postgresUrl: string | undefined;
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
      postgresUrl = url.toString();
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
    const ctx: ServiceContext = createServiceContext({
      db,
      settingsJson: undefined,
      clock: new ManualClock("2026-11-25T09:00:00Z"),
      log: silentLogger,
      timezone: "Europe/Amsterdam",
    });
    const load = (
      kind: "customers" | "invoices",
      file: string,
      onProgress?: (p: ImportProgress) => void,
      once = false,
      dateOrder?: "DMY",
    ) =>
      importData({
        ctx,
        kind,
        source: {
          format: "csv",
          name: path.basename(file),
          // As the CLI gives a file: readable twice, so an unchanged file is recognised; `once` as
          // standard input comes, read once, so the re-import compares every row.
          bytes: once ? createReadStream(file) : () => createReadStream(file),
          totalBytes: statSync(file).size,
        },
        // Rescoring is the scoring benchmark's business; this measures the import itself.
        rescore: false,
        onProgress,
        dateOrder,
      });
    const customers = await load("customers", customersFile);
    if (customers.status !== "completed") throw new Error(`customers: ${JSON.stringify(customers)}`);

    const copySeconds: number[] = [];
    if (postgresUrl) copySeconds.push(await copyYardstick(postgresUrl, invoicesFile));

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
    const phaseStart2: Record<string, number> = {};
    const second = await load("invoices", invoicesFile, (progress) => {
      phaseStart2[progress.phase] ??= progress.elapsedMs;
    });
    const end2 = second.durationMs;
    const reimportPhases = {
      readAndStage: (phaseStart2.checking ?? end2) / 1000,
      check: ((phaseStart2.merging ?? end2) - (phaseStart2.checking ?? end2)) / 1000,
      mergeAndCommit: (end2 - (phaseStart2.merging ?? end2)) / 1000,
    };
    const reimportSeconds = (performance.now() - again) / 1000;
    if (second.status !== "completed" || second.unchanged !== rows)
      throw new Error(`re-import: ${JSON.stringify(second)}`);
    const piped = performance.now();
    const third = await load("invoices", invoicesFile, undefined, true);
    const pipedSeconds = (performance.now() - piped) / 1000;
    if (third.status !== "completed" || third.unchanged !== rows || third.sameFileAs === undefined)
      throw new Error(`re-import read once: ${JSON.stringify(third)}`);
    // The date order given (the file's dates are ISO, so the rows are the same) is another
    // fingerprint: every row is staged, checked and compared, as for a re-export with other bytes.
    const compared = performance.now();
    const fourth = await load("invoices", invoicesFile, undefined, true, "DMY");
    const comparedSeconds = (performance.now() - compared) / 1000;
    if (fourth.status !== "completed" || fourth.unchanged !== rows || fourth.sameFileAs !== undefined)
      throw new Error(`re-import compared row by row: ${JSON.stringify(fourth)}`);
    if (postgresUrl) copySeconds.push(await copyYardstick(postgresUrl, invoicesFile));
    return {
      target,
      rows,
      fileMb: Math.round(statSync(invoicesFile).size / 1024 / 1024),
      seconds: round(seconds),
      rowsPerSecond: Math.round(rows / seconds),
      phases: Object.fromEntries(Object.entries(phases).map(([key, value]) => [key, round(value)])),
      reimportSeconds: round(reimportSeconds),
      reimportPhases: Object.fromEntries(
        Object.entries(reimportPhases).map(([key, value]) => [key, round(value)]),
      ),
      reimportUnchanged: second.unchanged,
      reimportSameFile: second.sameFileAs !== undefined,
      pipedReimportSeconds: round(pipedSeconds),
      comparedReimportSeconds: round(comparedSeconds),
      // maxRSS is the process peak (KiB on Linux): generation, both imports and the database driver.
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      ...(copySeconds.length > 0 ? { copySeconds: copySeconds.map(round) } : {}),
    };
  } finally {
    await db?.close();
    await dropPostgres?.();
    rmSync(dir, { recursive: true, force: true });
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
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
        `re-import ${r.reimportSeconds} s (${r.reimportSameFile ? "same file recognised" : `${r.reimportPhases.readAndStage} + ${r.reimportPhases.check} + ${r.reimportPhases.mergeAndCommit} s`}), ${r.reimportUnchanged.toLocaleString("en-US")} unchanged; read once as from stdin ${r.pipedReimportSeconds} s; rows compared one by one ${r.comparedReimportSeconds} s; file ${r.fileMb} MB)\n`,
    );
    if (r.copySeconds) {
      const copy = r.copySeconds.reduce((sum, s) => sum + s, 0) / r.copySeconds.length;
      const ratio = (seconds: number) => (seconds / copy).toFixed(2);
      process.stdout.write(
        `  ${"".padEnd(8)} yardstick: psql \\copy into a typed table with a primary key ${copy.toFixed(1)} s (runs: ${r.copySeconds.join(", ")} s)\n` +
          `  ${"".padEnd(8)} new file ${ratio(r.seconds)}× COPY (goal ≤ 2×), unchanged re-import ${ratio(r.reimportSeconds)}× COPY (goal ≤ 1×), from stdin ${ratio(r.pipedReimportSeconds)}× COPY, compared row by row ${ratio(r.comparedReimportSeconds)}× COPY\n`,
      );
      const yardstick = `psql \\copy into a typed table with a primary key: ${copy.toFixed(1)} s`;
      process.stdout.write(
        `${summaryLine({ figure: `import ${r.rows.toLocaleString("en-US")} invoice rows, new file (${r.target})`, value: `${r.seconds.toFixed(1)} s`, yardstick, ratio: `${ratio(r.seconds)}×`, goal: "≤ 2×" })}\n` +
          `${summaryLine({ figure: `re-import of the unchanged file (${r.target})`, value: `${r.reimportSeconds.toFixed(2)} s`, yardstick, ratio: `${ratio(r.reimportSeconds)}×`, goal: "≤ 1×" })}\n`,
      );
    }
  }
}

await main();
