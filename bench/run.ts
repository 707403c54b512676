/**
 * `npm run bench`: every benchmark in turn, each printing its own table. Arguments after `--` go to
 * each script (e.g. `npm run bench -- --customers 2000` for a quick run).
 *
 *   core    20k customers / ~2.5M invoices on PGlite and PostgreSQL: load, rescoring vs raw pass,
 *           /klant-health p50/p95 through the command layer, peak RSS
 *   import  1M invoice rows from CSV into PostgreSQL and PGlite: rows/s, peak RSS
 *   slack   /klant-health through the signed Slack HTTP endpoint: p50/p95
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

const benches = ["core-bench.ts", "import-bench.ts", "slack-bench.ts", "digest-bench.ts"];
const only = process.env.KLANTPULS_BENCH_ONLY?.split(",");
let failed = false;
for (const file of benches) {
  const script = path.join(import.meta.dirname, file);
  if (!existsSync(script) || (only && !only.some((name) => file.startsWith(name)))) continue;
  console.log(`\n=== ${file}`);
  const result = spawnSync(process.execPath, [...process.execArgv, script, ...process.argv.slice(2)], {
    stdio: "inherit",
  });
  if (result.status !== 0) {
    failed = true;
    console.error(`${file} failed with exit code ${result.status}`);
  }
}
process.exitCode = failed ? 1 : 0;
