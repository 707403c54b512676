/**
 * CLI start-up: the compiled `klantpuls` as a whole process, run in turn with its yardstick
 * `node -e 0` (A B A B …, so a drifting machine affects both alike), after one warm-up each.
 * Reported per case: median wall time and peak RSS of each, and the median of the pairwise ratios.
 *
 *   klantpuls --help
 *   klantpuls health acme --json   on PGlite (a demo data set in a temp dir) and on PostgreSQL
 *
 * Whole-process figures come from GNU time (`/usr/bin/time -f`), which reads the kernel's accounting of
 * the finished process (wall, CPU, max RSS); without it only wall time is shown.
 *
 *   npx tsx bench/cli-start-bench.ts [--runs 10] [--customers 500] [--targets pglite,postgres]
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { adminUrl, postgresReachable } from "./bench-database.ts";
import { summaryLine } from "./summary.ts";

const root = path.resolve(import.meta.dirname, "..");
const bin = path.join(root, "bin/klantpuls.js");
const gnuTime = "/usr/bin/time";

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? (process.argv[index + 1] as string) : fallback;
}

interface Sample {
  wallS: number;
  cpuS: number;
  /** Peak RSS of the process in MiB; NaN without GNU time. */
  rssMib: number;
  code: number | null;
}

/** Runs one command to its end and returns the kernel's figures for it. */
function measure(command: string[], env: NodeJS.ProcessEnv): Promise<Sample> {
  const withTime = existsSync(gnuTime);
  const argv = withTime ? [gnuTime, "-f", "KPTIME %e %U %S %M", ...command] : command;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0] as string, argv.slice(1), { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const wallS = (performance.now() - started) / 1000;
      const match = /KPTIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(stderr);
      if (!match) return resolve({ wallS, cpuS: Number.NaN, rssMib: Number.NaN, code });
      resolve({
        wallS: Number(match[1]),
        cpuS: Number(match[2]) + Number(match[3]),
        rssMib: Number(match[4]) / 1024,
        code: /Command exited with non-zero status (\d+)/.exec(stderr) ? 1 : code,
      });
    });
  });
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

interface CaseResult {
  name: string;
  a: Sample[];
  b: Sample[];
  wallRatio: number;
  rssRatio: number;
}

async function pairUp(name: string, command: string[], env: NodeJS.ProcessEnv, runs: number) {
  const yardstick = [process.execPath, "-e", "0"];
  await measure(command, env);
  await measure(yardstick, env);
  const a: Sample[] = [];
  const b: Sample[] = [];
  for (let run = 0; run < runs; run++) {
    a.push(await measure(command, env));
    b.push(await measure(yardstick, env));
  }
  const failed = a.find((sample) => sample.code !== 0);
  if (failed) throw new Error(`${name}: exit code ${failed.code}`);
  return {
    name,
    a,
    b,
    wallRatio: median(a.map((sample, i) => sample.wallS / (b[i] as Sample).wallS)),
    rssRatio: median(a.map((sample, i) => sample.rssMib / (b[i] as Sample).rssMib)),
  } satisfies CaseResult;
}

function seed(env: NodeJS.ProcessEnv, customers: number): void {
  const result = spawnSync(process.execPath, [bin, "seed", "--customers", String(customers)], {
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (result.status !== 0) throw new Error(`klantpuls seed failed (exit ${result.status})`);
}

async function main(): Promise<void> {
  const runs = Number(argument("runs", "10"));
  const customers = Number(argument("customers", "500"));
  const targets = argument("targets", "pglite,postgres").split(",");
  const build = spawnSync(process.execPath, [path.join(root, "scripts/build.js"), "--if-stale"], {
    stdio: "inherit",
  });
  if (build.status !== 0) throw new Error("npm run build failed");

  const baseEnv = { ...process.env, LOG_LEVEL: "warn", KLANTPULS_SCHEDULER: "off" };
  const results: CaseResult[] = [];
  results.push(await pairUp("klantpuls --help", [process.execPath, bin, "--help"], baseEnv, runs));

  if (targets.includes("pglite")) {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "kp_cli_bench_"));
    try {
      const env = { ...baseEnv, DATABASE_URL: "", KLANTPULS_DATA_DIR: dataDir };
      process.stderr.write(`cli-start bench: seeding ${customers} customers on PGlite…\n`);
      seed(env, customers);
      const health = [process.execPath, bin, "health", "acme", "--json"];
      results.push(await pairUp("health acme --json (PGlite)", health, env, runs));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  if (targets.includes("postgres") && (await postgresReachable())) {
    const name = `kp_cli_bench_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${name}"`);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const env = { ...baseEnv, DATABASE_URL: url.toString() };
      process.stderr.write(`cli-start bench: seeding ${customers} customers on PostgreSQL…\n`);
      seed(env, customers);
      const health = [process.execPath, bin, "health", "acme", "--json"];
      results.push(await pairUp("health acme --json (PostgreSQL)", health, env, runs));
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  }
  print(results, runs);
}

const goals: Record<string, string> = {
  "klantpuls --help": "≤ 0.3 s, ≤ 80 MiB",
  "health acme --json (PGlite)": "≤ 1.5 s",
  "health acme --json (PostgreSQL)": "≤ 0.6 s",
};

function print(results: CaseResult[], runs: number): void {
  const fmt = (s: number, digits = 2) => (Number.isNaN(s) ? "n/a" : s.toFixed(digits));
  console.log(`\nCLI start, whole process, ${runs} pairs after a warm-up; yardstick \`node -e 0\``);
  const header = [
    "case",
    "wall s",
    "cpu s",
    "peak MiB",
    "node -e 0 wall s",
    "MiB",
    "ratio wall",
    "ratio MiB",
  ];
  const rows = results.map((r) => [
    r.name,
    fmt(median(r.a.map((s) => s.wallS))),
    fmt(median(r.a.map((s) => s.cpuS))),
    fmt(median(r.a.map((s) => s.rssMib)), 0),
    fmt(median(r.b.map((s) => s.wallS))),
    fmt(median(r.b.map((s) => s.rssMib)), 0),
    `${fmt(r.wallRatio, 1)}×`,
    `${fmt(r.rssRatio, 1)}×`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] as string).length)));
  for (const row of [header, ...rows])
    console.log(row.map((cell, i) => cell.padEnd(widths[i] as number)).join("  "));
  for (const r of results) {
    console.log(
      summaryLine({
        figure: `${r.name}, whole process`,
        value: `${fmt(median(r.a.map((s) => s.wallS)))} s, ${fmt(median(r.a.map((s) => s.rssMib)), 0)} MiB`,
        yardstick: `node -e 0: ${fmt(median(r.b.map((s) => s.wallS)))} s, ${fmt(median(r.b.map((s) => s.rssMib)), 0)} MiB`,
        ratio: `${fmt(r.wallRatio, 1)}× wall, ${fmt(r.rssRatio, 1)}× RSS`,
        goal: goals[r.name] ?? "",
      }),
    );
  }
}

await main();
