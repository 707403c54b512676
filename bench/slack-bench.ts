/**
 * `/klant-health` end to end through the Slack HTTP endpoint, with the bot in its own process as in
 * production (`klantpuls serve`, after `klantpuls seed`): a signed slash command POSTed to the bot's
 * /slack/events, Bolt verifies and acks, the bot looks the customer up, computes the card and POSTs
 * it to the response_url, played on localhost by this process. Measured per request: the ack, and
 * the answer (request sent → card received at the response_url). Sequential, after a warm-up that
 * also links every Slack user by e-mail.
 *
 *   npx tsx bench/slack-bench.ts [--customers 3000] [--requests 200] [--targets pglite,postgres]
 *
 * PGlite runs on disk in a temporary directory. PostgreSQL: KLANTPULS_BENCH_POSTGRES_URL (default
 * postgres://postgres@127.0.0.1:5432/test) is used to create and drop kp_slack_bench_<random>.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { demoUsers, generateDemoBatches } from "../prisma/seed/generate.ts";
import { LocalSlack } from "../src/dev/local-slack.ts";
import { httpTransport } from "../src/dev/local-slack-transport.ts";
import { adminUrl, postgresReachable, serveBot, stopBot, throwawayBotDatabase } from "./bench-database.ts";

const bin = path.resolve(import.meta.dirname, "../bin/klantpuls.js");
const signingSecret = randomBytes(16).toString("hex");
const botToken = "xoxb-bench";

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? (process.argv[index + 1] as string) : fallback;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

interface Result {
  target: string;
  customers: number;
  requests: number;
  ack: { p50: number; p95: number; max: number };
  answer: { p50: number; p95: number; max: number };
  setupMs: number;
}

function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += String(chunk);
    });
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new Error(`klantpuls ${args[0]}: ${stderr}`)),
    );
  });
}

async function runTarget(
  target: "pglite" | "postgres",
  customers: number,
  requests: number,
): Promise<Result> {
  const started = performance.now();
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: "warn", PORT: "0", HOST: "127.0.0.1" };
  const database = await throwawayBotDatabase(target, "slack_bench");
  Object.assign(env, database.env);
  const cleanup = database.cleanup;
  const slack = new LocalSlack({
    botToken,
    users: demoUsers.map((user, index) => ({ id: `U0B${index}`, name: user.name, email: user.email })),
  });
  await slack.start();
  let bot: ChildProcess | undefined;
  try {
    await runCli(["seed", "--customers", String(customers)], env);
    const running = await serveBot({
      ...env,
      SLACK_BOT_TOKEN: botToken,
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: slack.apiUrl,
    });
    bot = running.child;
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam" }).format(new Date());
    const names: string[] = [];
    for (const batch of generateDemoBatches({ customers, asOf: today })) {
      names.push(...batch.customers.map((customer) => customer.name));
    }
    // A fixed pseudo-random order of customers (same on every run).
    const picks = Array.from({ length: requests }, (_, i) => names[(i * 7919) % names.length] as string);
    const slackUserIds = [...slack.users.keys()];
    slack.connect(httpTransport({ eventsUrl: `${running.url}/slack/events`, signingSecret }));
    const setupMs = performance.now() - started;

    const ask = async (text: string, userId: string) => {
      const before = slack.messages.length;
      const sent = performance.now();
      const ack = await slack.slashCommand({ command: "/klant-health", text, userId });
      if (ack.status !== 200) throw new Error(`ack ${ack.status}`);
      while (slack.messages.length === before) await new Promise((resolve) => setTimeout(resolve, 1));
      return { ackMs: ack.ackMs, answerMs: performance.now() - sent };
    };
    for (const [i, userId] of slackUserIds.entries()) await ask(picks[i % picks.length] ?? "acme", userId);

    const acks: number[] = [];
    const answers: number[] = [];
    for (let i = 0; i < requests; i++) {
      const { ackMs, answerMs } = await ask(
        picks[i] ?? "acme",
        slackUserIds[i % slackUserIds.length] as string,
      );
      acks.push(ackMs);
      answers.push(answerMs);
    }
    if (slack.problems.length > 0) throw new Error(`Block Kit problems: ${slack.problems.join("; ")}`);
    acks.sort((a, b) => a - b);
    answers.sort((a, b) => a - b);
    return {
      target,
      customers,
      requests,
      ack: {
        p50: round(percentile(acks, 50)),
        p95: round(percentile(acks, 95)),
        max: round(acks.at(-1) ?? 0),
      },
      answer: {
        p50: round(percentile(answers, 50)),
        p95: round(percentile(answers, 95)),
        max: round(answers.at(-1) ?? 0),
      },
      setupMs: Math.round(setupMs),
    };
  } finally {
    await stopBot(bot);
    await slack.stop();
    await cleanup();
  }
}

const customers = Number(argument("customers", "3000"));
const requests = Number(argument("requests", "200"));
const targets = argument("targets", "pglite,postgres").split(",") as Array<"pglite" | "postgres">;
console.log(
  `Slack /klant-health end to end (bot in its own process): ${customers} customers, ${requests} sequential requests; ` +
    `${os.cpus().length} CPUs, Node ${process.version}`,
);
const results: Result[] = [];
for (const target of targets) {
  if (target === "postgres" && !(await postgresReachable())) {
    console.log(`postgres: skipped (no server at ${adminUrl})`);
    continue;
  }
  results.push(await runTarget(target, customers, requests));
}
console.log("\n| database | customers | requests | ack p50 / p95 / max | answer p50 / p95 / max | setup |");
console.log("| --- | --- | --- | --- | --- | --- |");
for (const r of results) {
  console.log(
    `| ${r.target} | ${r.customers} | ${r.requests} | ${r.ack.p50} / ${r.ack.p95} / ${r.ack.max} ms | ` +
      `${r.answer.p50} / ${r.answer.p95} / ${r.answer.max} ms | ${(r.setupMs / 1000).toFixed(1)} s |`,
  );
}
