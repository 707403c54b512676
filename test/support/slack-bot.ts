import { pino } from "pino";
import { seedDatabase } from "../../prisma/seed/load.ts";
import { ManualClock } from "../../src/clock.ts";
import type { DatabaseTarget } from "../../src/config/database.ts";
import type { Config } from "../../src/config/index.ts";
import { LocalSlack } from "../../src/dev/local-slack.ts";
import { httpTransport } from "../../src/dev/local-slack-transport.ts";
import type { LocalSlackUser } from "../../src/dev/local-slack-workspace.ts";
import { type RunningBot, startBot } from "../../src/main.ts";
import { scoreCustomers } from "../../src/services/score-customers.ts";
import { createThrowawayPostgres } from "./postgres.ts";
import { LocalSocketMode } from "./slack-socket.ts";
import { localSlackConfig, TEST_BOT_TOKEN, TEST_SIGNING_SECRET, testConfig } from "./test-config.ts";

export const SIGNING_SECRET = TEST_SIGNING_SECRET;
export const BOT_TOKEN = TEST_BOT_TOKEN;
/** The demo data's "today"; the bot's clock stands on it. */
export const AS_OF = "2026-11-25";

/** Slack people: two known by e-mail (demo users), one stranger. */
export const slackUsers = {
  jan: { id: "U0JAN", name: "jan", email: "jan@klantpuls.demo", locale: "nl-NL" },
  pieter: { id: "U0PIETER", name: "pieter", email: "pieter@klantpuls.demo" },
  stranger: { id: "U0STRANGER", name: "stranger", email: "someone@elsewhere.example" },
} satisfies Record<string, LocalSlackUser>;

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export interface SlackTestBot {
  bot: RunningBot;
  slack: LocalSlack;
  logs: LogLine[];
  eventsUrl: string;
  close(): Promise<void>;
}

/**
 * The real bot (startBot: HTTP server, Bolt on /slack/events, database migrated) with demo data
 * scored, Slack's Web API and response_urls played by LocalSlack, and the logs captured.
 */
export async function startSlackTestBot(
  options: {
    customers?: number;
    database?: "pglite" | "postgres";
    appToken?: string;
    scoreDates?: string[];
  } = {},
): Promise<SlackTestBot> {
  const slack = new LocalSlack({ botToken: BOT_TOKEN, users: Object.values(slackUsers) });
  await slack.start();
  // Socket Mode connects while the bot starts, so Slack's socket side must be up first.
  const socketMode = options.appToken ? new LocalSocketMode() : undefined;
  if (socketMode) slack.setSocketUrl(await socketMode.start());
  let database: DatabaseTarget = { kind: "pglite" };
  let dropDatabase: (() => Promise<void>) | undefined;
  if (options.database === "postgres") {
    const throwaway = await createThrowawayPostgres("kp_slack");
    database = { kind: "postgres", url: throwaway.url, poolSize: 4 };
    dropDatabase = () => throwaway.drop();
  }
  const config: Config = testConfig({
    database,
    logLevel: "info",
    slack: localSlackConfig(slack.apiUrl, { appToken: options.appToken }),
  });
  const logs: LogLine[] = [];
  const log = pino(
    { level: "info" },
    { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) },
  );
  const bot = await startBot({ config, clock: new ManualClock(`${AS_OF}T09:00:00Z`), log });
  await seedDatabase(bot.ctx.db, { customers: options.customers ?? 40, asOf: AS_OF });
  for (const asOf of options.scoreDates ?? [AS_OF]) await scoreCustomers({ ctx: bot.ctx, asOf });
  const eventsUrl = `${bot.url}/slack/events`;
  slack.connect(
    socketMode ? socketMode.transport() : httpTransport({ eventsUrl, signingSecret: SIGNING_SECRET }),
  );
  return {
    bot,
    slack,
    logs,
    eventsUrl,
    async close() {
      await bot.stop();
      await socketMode?.stop();
      await slack.stop();
      await dropDatabase?.();
    },
  };
}

/** Poll until `check` returns something truthy (answers arrive after the ack, through response_url). */
export async function waitFor<T>(check: () => T | undefined | null | false, timeoutMs = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`waitFor: nothing after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The text a person would read in a Slack payload's blocks (mrkdwn markers kept). */
export function blocksText(blocks: unknown): string {
  const parts: string[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === "object") {
      for (const [key, item] of Object.entries(value)) {
        if (key === "text" && typeof item === "string") parts.push(item);
        else walk(item);
      }
    }
  };
  walk(blocks);
  return parts.join("\n");
}

/** The day before the alert tests' "today": Acme is set to a healthy 72 then, so today's drop opens alerts. */
export const ALERT_BEFORE = "2026-10-26";

/**
 * A Slack test bot for the alert flows: scored on ALERT_BEFORE and AS_OF, Acme healthy (72) on the
 * earlier day, and Jan (Acme's owner) and Pieter (a member) linked to their Slack ids, as people who
 * have used the bot before.
 */
export async function startSlackAlertBot(): Promise<SlackTestBot> {
  const bot = await startSlackTestBot({ customers: 30, scoreDates: [ALERT_BEFORE, AS_OF] });
  const sql = bot.bot.ctx.db.sql;
  await sql.query(
    `UPDATE health_snapshots SET score = 72, band = 'HEALTHY'
     WHERE as_of = $1 AND customer_id = (SELECT id FROM customers WHERE external_id = 'K-1001')`,
    [ALERT_BEFORE],
  );
  for (const user of [slackUsers.jan, slackUsers.pieter]) {
    await sql.query("UPDATE users SET slack_user_id = $1 WHERE email = $2", [user.id, user.email]);
  }
  return bot;
}
