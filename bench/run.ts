/**
 * `npm run bench`: every benchmark in turn, each printing its own table, then one closing table with
 * each figure next to its yardstick and the ratio, all from this same run:
 *
 *   cli-start  `klantpuls --help` and `health --json` as whole processes      vs `node -e 0`
 *   core       20k customers on PGlite and PostgreSQL: load, rescoring,      vs one raw aggregation pass
 *              /klant-health p95 through the command layer
 *   memory     the bot process at 20k customers: peak RSS, and what holds it  vs the 300 MB goal
 *   import     1M invoice rows from CSV                                      vs COPY of the same file
 *   ack-during-import  Slack acks while a 300k-row API import runs           vs the same acks idle
 *   slack      /klant-health through the signed Slack endpoint: p50/p95
 *   digest     the weekly digest for many subscriptions
 *
 *   npm run bench                      the full run (tens of minutes on 2 cores)
 *   npm run bench -- --quick           small sizes: a sanity check in under 2 minutes
 *   npm run bench -- --only cli-start,core [other arguments go to each bench]
 *
 * The machine's load average is printed at the start and the end: on a shared machine, quote the
 * ratios rather than the absolute times.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { type BenchSummary, parseSummaryLine } from "./summary.ts";

interface Bench {
  name: string;
  file: string;
  /** Arguments for `--quick`: sizes small enough for the whole quick run to stay under 2 minutes. */
  quick: string[];
}

const benches: Bench[] = [
  { name: "cli-start", file: "cli-start-bench.ts", quick: ["--runs", "3", "--customers", "60"] },
  { name: "core", file: "core-bench.ts", quick: ["--customers", "1000", "--lookups", "30"] },
  { name: "memory", file: "memory-bench.ts", quick: ["--customers", "1000", "--lookups", "30"] },
  { name: "import", file: "import-bench.ts", quick: ["--rows", "50000"] },
  { name: "ack-during-import", file: "ack-during-import-bench.ts", quick: ["--rows", "30000"] },
  { name: "slack", file: "slack-bench.ts", quick: ["--customers", "100", "--requests", "30"] },
  { name: "digest", file: "digest-bench.ts", quick: ["--customers", "1000", "--subscriptions", "20"] },
];

function takeOption(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  if (index < 0) return undefined;
  const [, value] = args.splice(index, 2);
  return value;
}

const args = process.argv.slice(2);
const quick = args.includes("--quick");
if (quick) args.splice(args.indexOf("--quick"), 1);
const only = (takeOption(args, "--only") ?? process.env.KLANTPULS_BENCH_ONLY)?.split(",");

/** Runs one bench script, echoing its output and collecting its summary lines. */
function runBench(script: string, benchArgs: string[], summaries: BenchSummary[]): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, script, ...benchArgs], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const lines = createInterface({ input: child.stdout });
    lines.on("line", (line) => {
      const summary = parseSummaryLine(line);
      if (summary) summaries.push(summary);
      else console.log(line);
    });
    child.on("error", reject);
    child.on("close", (code) => resolve(code));
  });
}

const load = () =>
  os
    .loadavg()
    .map((value) => value.toFixed(1))
    .join(" / ");
const started = performance.now();
console.log(
  `Klantpuls benchmarks${quick ? " (--quick)" : ""}: node ${process.version}, ${os.cpus().length} CPUs, load average (1/5/15 min) ${load()}`,
);
const summaries: BenchSummary[] = [];
let failed = false;
for (const bench of benches) {
  const script = path.join(import.meta.dirname, bench.file);
  if (!existsSync(script) || (only && !only.includes(bench.name))) continue;
  console.log(`\n=== ${bench.name} (${bench.file})`);
  const benchStarted = performance.now();
  const code = await runBench(script, [...args, ...(quick ? bench.quick : [])], summaries);
  console.log(`=== ${bench.name}: ${Math.round((performance.now() - benchStarted) / 1000)} s`);
  if (code !== 0) {
    failed = true;
    console.error(`${bench.file} failed with exit code ${code}`);
  }
}

console.log(
  `\n=== Each figure next to its yardstick (same run, ${Math.round((performance.now() - started) / 1000)} s, load average now ${load()})`,
);
const header: Array<keyof BenchSummary> = ["figure", "value", "yardstick", "ratio", "goal"];
const rows = summaries.map((summary) => header.map((key) => summary[key]));
const widths = header.map((key, i) => Math.max(key.length, ...rows.map((row) => (row[i] as string).length)));
for (const row of [header, ...rows]) {
  console.log(
    row
      .map((cell, i) => cell.padEnd(widths[i] as number))
      .join("  ")
      .trimEnd(),
  );
}
process.exitCode = failed ? 1 : 0;
