/**
 * The ack never waits for an import: Slack slash-command acks measured while a 300k-row invoice import
 * runs through `POST /api/ingest/invoices` in the same bot process (`klantpuls serve`), next to the
 * same acks on an idle bot. On PGlite the database runs on the bot's main thread, so this is where an
 * import could hold the event loop; the import yields between bounded batches.
 *
 *   npx tsx bench/ack-during-import-bench.ts [--rows 300000] [--targets pglite,postgres]
 *
 * PGlite runs on disk in a temporary directory. PostgreSQL: KLANTPULS_BENCH_POSTGRES_URL (default
 * postgres://postgres@127.0.0.1:5432/test) is used to create and drop kp_ack_bench_<random>.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { LocalSlack } from "../src/dev/local-slack.ts";
import { httpTransport } from "../src/dev/local-slack-transport.ts";
import { adminUrl, postgresReachable, serveBot, stopBot, throwawayBotDatabase } from "./bench-database.ts";
import { summaryLine } from "./summary.ts";

const bin = path.resolve(import.meta.dirname, "../bin/klantpuls.js");
const signingSecret = randomBytes(16).toString("hex");
const botToken = "xoxb-bench";
const CUSTOMERS = 1000;
const IDLE_ACKS = 30;

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? (process.argv[index + 1] as string) : fallback;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

const round = (ms: number) => Math.round(ms);

function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += String(chunk);
    });
    child.stderr.on("data", (chunk) => {
      stderr += String(chunk);
    });
    child.on("close", (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`klantpuls ${args[0]}: ${stderr}`)),
    );
  });
}

interface Stats {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    max: round(sorted.at(-1) ?? Number.NaN),
  };
}

interface Result {
  target: string;
  rows: number;
  importSeconds: number;
  importStatus: string;
  idle: Stats;
  duringImport: Stats;
  /** Acks that needed a fresh connection (counted from the first attempt). */
  retries: number;
}

async function runTarget(target: "pglite" | "postgres", rows: number): Promise<Result> {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: "warn", PORT: "0", HOST: "127.0.0.1" };
  const database = await throwawayBotDatabase(target, "ack_bench");
  Object.assign(env, database.env);
  const cleanup = database.cleanup;
  const slack = new LocalSlack({
    botToken,
    users: [{ id: "U0BENCH", name: "bench", email: "bench@example.nl" }],
  });
  await slack.start();
  let bot: ChildProcess | undefined;
  try {
    const token = (await runCli(["tokens", "create", "ack-bench"], env)).trim().split("\n").pop() as string;
    const running = await serveBot({
      ...env,
      SLACK_BOT_TOKEN: botToken,
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: slack.apiUrl,
    });
    bot = running.child;
    slack.connect(httpTransport({ eventsUrl: `${running.url}/slack/events`, signingSecret }));
    const ingest = (kind: string, body: string) =>
      fetch(`${running.url}/api/ingest/${kind}`, {
        method: "POST",
        body,
        headers: { "content-type": "text/csv", authorization: `Bearer ${token}` },
      }).then(async (response) => ({
        status: response.status,
        report: (await response.json()) as { status: string },
      }));
    const customers = Array.from({ length: CUSTOMERS }, (_, i) => `B${i},Bench ${i} BV`).join("\n");
    const loaded = await ingest("customers", `external_id,name\n${customers}\n`);
    if (loaded.status !== 200) throw new Error(`customers: ${JSON.stringify(loaded)}`);
    const invoices = Array.from({ length: rows }, (_, i) => {
      const day = String((i % 28) + 1).padStart(2, "0");
      return `A${i},B${i % CUSTOMERS},2026-01-${day},2026-02-${day},,${i % 5000}.${String(i % 100).padStart(2, "0")}`;
    }).join("\n");
    const body = `external_id,customer_external_id,issued_on,due_on,paid_on,amount\n${invoices}\n`;

    let retries = 0;
    const ack = async (): Promise<number> => {
      const started = performance.now();
      try {
        const answer = await slack.slashCommand({
          command: "/klant-health",
          text: "bench",
          userId: "U0BENCH",
        });
        if (answer.status !== 200) throw new Error(`ack ${answer.status}`);
        return answer.ackMs;
      } catch (error) {
        // A kept-alive connection the server closed as it was reused (ECONNRESET): asked again on a
        // fresh connection, as Slack would. The ack counts from the FIRST attempt: a bot that held its
        // event loop long enough for the connection to time out must not look fast (it once hid a
        // 6.6 s stall behind a retry that took 8 ms).
        if (!String((error as Error)?.cause ?? "").includes("ECONNRESET")) throw error;
        retries += 1;
        const answer = await slack.slashCommand({
          command: "/klant-health",
          text: "bench",
          userId: "U0BENCH",
        });
        if (answer.status !== 200) throw new Error(`ack ${answer.status}`);
        return performance.now() - started;
      }
    };
    const idle: number[] = [];
    for (let i = 0; i < IDLE_ACKS; i++) idle.push(await ack());

    const started = performance.now();
    let done = false;
    const importing = ingest("invoices", body).finally(() => {
      done = true;
    });
    const during: number[] = [];
    while (!done) {
      during.push(await ack());
      // One command every 100 ms, as a busy team would type them, not a flood.
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const imported = await importing;
    const importSeconds = (performance.now() - started) / 1000;
    return {
      target,
      rows,
      importSeconds: Math.round(importSeconds * 10) / 10,
      importStatus: `${imported.status} ${imported.report.status}`,
      idle: stats(idle),
      duringImport: stats(during),
      retries,
    };
  } finally {
    await stopBot(bot);
    await slack.stop();
    await cleanup();
  }
}

const quick = process.argv.includes("--quick");
const rows = Number(argument("rows", quick ? "50000" : "300000"));
const targets = argument("targets", "pglite,postgres").split(",") as Array<"pglite" | "postgres">;
console.log(
  `Slack acks while ${rows.toLocaleString("en-US")} invoice rows are imported through POST /api/ingest in the same bot process; ` +
    `${os.cpus().length} CPUs, Node ${process.version}`,
);
const results: Result[] = [];
for (const target of targets) {
  if (target === "postgres" && !(await postgresReachable())) {
    console.log(`postgres: skipped (no server at ${adminUrl})`);
    continue;
  }
  results.push(await runTarget(target, rows));
}
console.log(
  "\n| database | import | acks idle: p50 / p95 / max | acks during the import: n, p50 / p95 / max | retried |",
);
console.log("| --- | --- | --- | --- | --- |");
for (const r of results) {
  console.log(
    `| ${r.target} | ${r.rows.toLocaleString("en-US")} rows in ${r.importSeconds} s (${r.importStatus}) | ` +
      `${r.idle.p50} / ${r.idle.p95} / ${r.idle.max} ms | ${r.duringImport.n}, ${r.duringImport.p50} / ${r.duringImport.p95} / ${r.duringImport.max} ms | ${r.retries} |`,
  );
}
for (const r of results) {
  console.log(
    summaryLine({
      figure: `Slack ack p95 while ${r.rows.toLocaleString("en-US")} rows are imported over the API (${r.target})`,
      value: `${r.duringImport.p95} ms`,
      yardstick: `ack p95 on the idle bot: ${r.idle.p95} ms`,
      ratio: `${(r.duringImport.p95 / Math.max(1, r.idle.p95)).toFixed(1)}×`,
      goal: "the ack never waits for the import (Slack allows 3 s)",
    }),
  );
}
