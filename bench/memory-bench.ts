/**
 * The bot's memory at 20k customers: `klantpuls serve` (compiled, default settings, no heap flags) in
 * its own process on PGlite and on PostgreSQL, with the scheduler on, so it does at start what a bot
 * does every morning: the start-up catch-up scores all customers (and evaluates alerts, digests,
 * pulses). Then /klant-health through the signed Slack endpoint for a sample of customers.
 * Reported: the process's resident memory after the catch-up and its peak (the kernel's high-water
 * mark, VmHWM), against the 300 MB goal.
 *
 * The data set is loaded beforehand by a separate process (the bulk load is not the bot's work).
 *
 *   npx tsx bench/memory-bench.ts [--customers 20000] [--lookups 100] [--targets pglite,postgres]
 *                                 [--reuse-postgres URL] [--reuse-pglite DIR]   (a database loaded before)
 */
import { type ChildProcess, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { demoUsers, generateDemoBatches } from "../prisma/seed/generate.ts";
import { seedDatabase } from "../prisma/seed/load.ts";
import { openDatabase } from "../src/db/client.ts";
import { applyMigrations } from "../src/db/migrate.ts";
import { LocalSlack } from "../src/dev/local-slack.ts";
import { httpTransport } from "../src/dev/local-slack-transport.ts";
import { adminUrl, postgresReachable, serveBot, stopBot } from "./bench-database.ts";
import { summaryLine } from "./summary.ts";

const signingSecret = randomBytes(16).toString("hex");
const botToken = "xoxb-bench";
const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam" }).format(new Date());

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? (process.argv[index + 1] as string) : fallback;
}

/** Resident memory now and at its peak, in MB, from the kernel's accounting of the process. */
function processMemory(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? Number.NaN);
  return { rssMb: Math.round(kb("VmRSS") / 1024), peakMb: Math.round(kb("VmHWM") / 1024) };
}

/** Loads the demo data set in this (bench) process: the bot process starts on a loaded database. */
async function loadData(target: "pglite" | "postgres", where: string, customers: number): Promise<void> {
  const db =
    target === "pglite"
      ? await openDatabase({ kind: "pglite", dataDir: where })
      : await openDatabase({ kind: "postgres", url: where, poolSize: 2 });
  try {
    await applyMigrations(db.sql);
    await seedDatabase(db, { customers, asOf: today, transactions: "per-batch" });
    await db.sql.exec("ANALYZE");
  } finally {
    await db.close();
  }
}

interface Result {
  target: "pglite" | "postgres";
  customers: number;
  lookups: number;
  afterCatchUpMb: number;
  /** VmHWM right after the catch-up: the peak of scoring, alerts, digests and pulses at start. */
  catchUpPeakMb: number;
  peakMb: number;
  catchUpMs: number;
}

async function runTarget(target: "pglite" | "postgres", customers: number, lookups: number): Promise<Result> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LOG_LEVEL: "info",
    PORT: "0",
    HOST: "127.0.0.1",
    KLANTPULS_SCHEDULER: "on",
  };
  let cleanup: () => Promise<void>;
  let where: string;
  const reuse = argument(`reuse-${target}`, "");
  if (reuse) {
    // An already loaded database (--reuse-postgres URL, --reuse-pglite DIR): kept as it is.
    where = reuse;
    if (target === "postgres") env.DATABASE_URL = reuse;
    else Object.assign(env, { DATABASE_URL: "", KLANTPULS_DATA_DIR: reuse });
    cleanup = async () => undefined;
  } else if (target === "postgres") {
    const name = `kp_memory_bench_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    where = url.toString();
    env.DATABASE_URL = where;
    cleanup = async () => {
      const drop = new pg.Client({ connectionString: adminUrl });
      await drop.connect();
      await drop.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await drop.end();
    };
  } else {
    const dir = mkdtempSync(path.join(os.tmpdir(), "kp-memory-bench-"));
    where = dir;
    env.DATABASE_URL = "";
    env.KLANTPULS_DATA_DIR = dir;
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  const slack = new LocalSlack({
    botToken,
    users: demoUsers.map((user, index) => ({ id: `U0M${index}`, name: user.name, email: user.email })),
  });
  let bot: ChildProcess | undefined;
  try {
    process.stderr.write(`memory bench: loading ${customers} customers into ${target}…\n`);
    if (!reuse) await loadData(target, where, customers);
    await slack.start();
    process.stderr.write(`memory bench: klantpuls serve on ${target}, start-up catch-up…\n`);
    const started = performance.now();
    const running = await serveBot(
      {
        ...env,
        SLACK_BOT_TOKEN: botToken,
        SLACK_SIGNING_SECRET: signingSecret,
        SLACK_API_URL: slack.apiUrl,
      },
      '"msg":"scheduler started"',
    );
    bot = running.child;
    // `klantpuls serve` starts the bot as a child with a bounded heap (bin/klantpuls.js): measure that one.
    const children = readFileSync(`/proc/${bot.pid}/task/${bot.pid}/children`, "utf8").trim();
    const pid = children ? Number(children.split(" ")[0]) : (bot.pid as number);
    const catchUpMs = performance.now() - started - running.listeningMs;
    const afterCatchUp = processMemory(pid);

    const names: string[] = [];
    for (const batch of generateDemoBatches({ customers, asOf: today })) {
      names.push(...batch.customers.map((customer) => customer.name));
    }
    slack.connect(httpTransport({ eventsUrl: `${running.url}/slack/events`, signingSecret }));
    const userIds = [...slack.users.keys()];
    for (let i = 0; i < lookups; i++) {
      const before = slack.messages.length;
      const ack = await slack.slashCommand({
        command: "/klant-health",
        text: names[(i * 7919) % names.length] ?? "acme",
        userId: userIds[i % userIds.length] as string,
      });
      if (ack.status !== 200) throw new Error(`ack ${ack.status}`);
      while (slack.messages.length === before) await new Promise((resolve) => setTimeout(resolve, 1));
    }
    const end = processMemory(pid);
    return {
      target,
      customers,
      lookups,
      afterCatchUpMb: afterCatchUp.rssMb,
      catchUpPeakMb: afterCatchUp.peakMb,
      peakMb: end.peakMb,
      catchUpMs: Math.round(catchUpMs),
    };
  } finally {
    await stopBot(bot);
    await slack.stop();
    await cleanup();
  }
}

async function main(): Promise<void> {
  const build = spawnSync(
    process.execPath,
    [path.join(import.meta.dirname, "../scripts/build.js"), "--if-stale"],
    {
      stdio: "inherit",
    },
  );
  if (build.status !== 0) throw new Error("npm run build failed");
  const customers = Number(argument("customers", "20000"));
  const lookups = Number(argument("lookups", "100"));
  const targets = argument("targets", "pglite,postgres").split(",") as Array<"pglite" | "postgres">;
  const results: Result[] = [];
  for (const target of targets) {
    if (target === "postgres" && !(await postgresReachable())) {
      console.log(`postgres: skipped (no server at ${adminUrl})`);
      continue;
    }
    results.push(await runTarget(target, customers, lookups));
  }
  console.log(
    `\nBot process memory (klantpuls serve, default settings, scheduler catch-up then ${lookups} × /klant-health via Slack)`,
  );
  console.log(
    "| database | customers | RSS after catch-up | peak RSS by then | peak RSS (VmHWM) at the end | catch-up |",
  );
  console.log("| --- | --- | --- | --- | --- | --- |");
  for (const r of results) {
    console.log(
      `| ${r.target} | ${r.customers} | ${r.afterCatchUpMb} MB | ${r.catchUpPeakMb} MB | ${r.peakMb} MB | ${(r.catchUpMs / 1000).toFixed(1)} s |`,
    );
    console.log(
      summaryLine({
        figure: `bot process peak RSS, ${r.customers} customers (${r.target})`,
        value: `${r.peakMb} MB`,
        yardstick: "goal 300 MB",
        ratio: `${(r.peakMb / 300).toFixed(2)}×`,
        goal: "< 300 MB",
      }),
    );
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
