import { chatCommands, unknownCommandText } from "../../commands/index.ts";
import { demoUsers } from "../../prisma/seed/generate/users.ts";
import { seedDatabase } from "../../prisma/seed/load.ts";
import { AppError } from "../app-error.ts";
import { localeOption, parseCliArgs, parseOption } from "../cli/args.ts";
import type { CliCommand } from "../cli/command.ts";
import { configuredClock, isoDateIn, ManualClock } from "../clock.ts";
import type { Config } from "../config/index.ts";
import { analyzeTables, countCustomers, latestSnapshotDate } from "../db/queries/maintenance.ts";
import { formatNumber } from "../domain/format.ts";
import { type Locale, type MessageKey, translator } from "../i18n/index.ts";
import { startBot } from "../main.ts";
import type { ServiceContext } from "../services/context.ts";
import { refreshTrackRecord } from "../services/health-model/track-record.ts";
import { findChatUserByEmail } from "../services/resolve-user.ts";
import { scoreCustomers } from "../services/score-customers.ts";
import { scoreHistory } from "../services/score-history.ts";
import type { ChatUser } from "../views/chat.ts";
import { runDemoConsole } from "./demo-console.ts";
import { directBackend } from "./direct-backend.ts";
import { schedulerConsoleCommands } from "./scheduler-console-commands.ts";
import { connectLocalSlack, startLocalSlack } from "./slack-demo.ts";

const usage = "klantpuls demo [--as EMAIL] [--lang nl|en|fr] [--customers N] [--fresh] [--via slack|direct]";
const DEMO_USER = "jan@klantpuls.demo";

/**
 * `npm run demo`: start the bot on the embedded database, load demo data the first time, and open a
 * console where you type the chat commands and press buttons — no Slack or Teams account needed.
 */
export const demoCommand: CliCommand = {
  usage,
  async run(args, io) {
    const { values } = parseCliArgs(
      args,
      {
        as: { type: "string", default: DEMO_USER },
        lang: { type: "string" },
        customers: { type: "string" },
        // Empty the demo database and load it again (e.g. with another --customers).
        fresh: { type: "boolean", default: false },
        // slack: through the real /slack/events endpoint with Slack played locally; direct: in-process.
        via: { type: "string", default: "slack" },
      },
      usage,
    );
    const customers = Number.parseInt(values.customers ?? "500", 10);
    if (!Number.isInteger(customers) || customers < 10 || customers > 50_000) {
      throw new AppError("BAD_INPUT", `--customers: expected a number from 10 to 50000.\n\nUsage: ${usage}`);
    }
    if (values.via !== "slack" && values.via !== "direct") {
      throw new AppError("BAD_INPUT", `--via: expected slack or direct.\n\nUsage: ${usage}`);
    }
    const localSlack = values.via === "slack" ? await startLocalSlack() : undefined;
    // A free port unless one is configured, so the demo never collides with something already running.
    const port = process.env.PORT ? io.config.http.port : 0;
    // A clock the console can move ("tijd +1d"); the scheduler starts once the demo data is there.
    const clock = new ManualClock(configuredClock(io.config.clockStart).now());
    const bot = await startBot({
      config: {
        ...io.config,
        http: { host: "127.0.0.1", port },
        logLevel: "warn",
        ...(localSlack ? { slack: localSlack.config } : {}),
        scheduler: { enabled: false },
      },
      clock,
    });
    try {
      const chosenLocale = values.lang ? parseOption(localeOption, values.lang, "lang", usage) : undefined;
      // --lang is this session's Slack language. Without it, the demo person's own: the one they chose
      // in Klantpuls, else the one the demo data gives them, not whatever an earlier --lang left behind.
      const seeded = demoUsers.find((demo) => demo.email === values.as.trim().toLowerCase())?.locale;
      await ensureDemoData(bot.ctx, {
        customers,
        customersGiven: values.customers !== undefined,
        fresh: values.fresh,
        where: describeDatabase(io.config.database),
        locale: chosenLocale ?? seeded ?? io.config.locale,
        log: io.err,
      });
      const found = await demoUser(bot.ctx, values.as);
      const locale = chosenLocale ?? (found.localeChosen ? found.locale : (seeded ?? found.locale));
      const user = { ...found, locale };
      // Slack identities first, so what the scheduler sends at start reaches the local Slack. The
      // demo user's Slack language is the one chosen: the bot reads it from Slack, as it would live.
      const slackDemo = localSlack ? await connectLocalSlack(localSlack, bot, user) : undefined;
      if (io.config.scheduler?.enabled) {
        bot.scheduler.start();
        bot.dispatcher.start();
      }
      const t = translator(locale);
      const banner = t("console.banner", {
        database: bot.ctx.db.kind,
        location: bot.ctx.db.location,
        url: bot.url,
        name: user.name,
        role: t(`console.role.${user.role}` as MessageKey),
        language: t("console.language"),
      });
      await runDemoConsole({
        backend: slackDemo?.backend ?? directBackend(bot.ctx, user),
        input: process.stdin,
        output: process.stdout,
        // `/home` is the local Slack's App Home tab, not a chat command: it goes through too.
        unknownCommand: (name) =>
          chatCommands.has(name.toLowerCase()) || (slackDemo && name.toLowerCase() === "home")
            ? null
            : unknownCommandText(name, locale),
        locale,
        extra: schedulerConsoleCommands({ clock, ...bot, timezone: bot.ctx.timezone, locale }),
        ready: io.config.scheduler?.enabled ? bot.scheduler.caughtUp : undefined,
        banner: slackDemo
          ? `${banner}
${slackDemo.banner}`
          : banner,
      });
    } finally {
      await bot.stop();
      await localSlack?.slack.stop();
    }
    return 0;
  },
};

async function ensureDemoData(
  ctx: ServiceContext,
  options: {
    customers: number;
    /** --customers was typed: say so when it cannot be honoured. */
    customersGiven: boolean;
    fresh: boolean;
    where: string;
    locale: Locale;
    log: (line: string) => void;
  },
): Promise<void> {
  const { customers, log } = options;
  const today = isoDateIn(ctx.clock.now(), ctx.timezone);
  const count = await countCustomers(ctx.db.sql);
  if (count > 0 && options.customersGiven && !options.fresh && count !== customers) {
    log(
      translator(options.locale)("console.customersIgnored", {
        requested: customers,
        dataDir: options.where,
        existing: count,
      }),
    );
  }
  if (count === 0 || options.fresh) {
    const t = translator(options.locale);
    const seconds = (ms: number) => formatNumber(ms / 1000, options.locale, 1);
    log(t("console.loading", { customers }));
    const seeded = await seedDatabase(ctx.db, { customers, asOf: today, replace: options.fresh });
    // Fresh statistics after a bulk load, or the planner guesses and scoring gets several times slower.
    await analyzeTables(ctx.db.sql);
    log(t("console.loaded", { seconds: seconds(seeded.generateAndLoadMs) }));
    const scored = await scoreHistory({ ctx, asOf: today, weeks: 13 });
    log(
      t("console.scored", { customers: scored.customers, dates: scored.runs, seconds: seconds(scored.ms) }),
    );
    // The score's track record (the backtest the bot replays at night), so App Home, /klant-kpi and the
    // digest show it from the first minute: the demo cannot be backtested from a second terminal while
    // it holds the data directory.
    const replayStarted = performance.now();
    const record = await refreshTrackRecord(ctx);
    if (record)
      log(
        t("console.trackRecord", {
          dates: record.dates,
          seconds: seconds(performance.now() - replayStarted),
        }),
      );
    return;
  }
  const latest = await latestSnapshotDate(ctx.db.sql);
  if (latest !== today) await scoreCustomers({ ctx, asOf: today });
}

async function demoUser(ctx: ServiceContext, email: string): Promise<ChatUser> {
  const user = await findChatUserByEmail({ ctx, email });
  if (!user)
    throw new AppError("BAD_INPUT", `--as: no user with e-mail ${email}. Demo users end in @klantpuls.demo.`);
  return user;
}

/** Where the demo data lives, as the user knows it: the data folder, or the PostgreSQL server. */
function describeDatabase(database: Config["database"]): string {
  return database.kind === "pglite" ? (database.dataDir ?? "memory") : "DATABASE_URL";
}
