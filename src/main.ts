import type { Server } from "node:http";
import { AppError } from "./app-error.ts";
import { type Clock, configuredClock } from "./clock.ts";
import type { Config } from "./config/index.ts";
import { openDatabase } from "./db/client.ts";
import { applyMigrations } from "./db/migrate.ts";
import { failInterruptedImports } from "./db/queries/interrupted-imports.ts";
import { useCurrency } from "./domain/format.ts";
import { createHttpApp, finishHttpApp } from "./http/app.ts";
import { createLogger, type Logger } from "./logger.ts";
import { scheduledJobs } from "./scheduler/jobs/index.ts";
import { createScheduler, type Scheduler } from "./scheduler/scheduler.ts";
import type { JobDefinition } from "./scheduler/types.ts";
import type { ServiceContext } from "./services/context.ts";
import { createServiceContext } from "./services/create-service-context.ts";
import { createDeliveryDispatcher, type DeliveryDispatcher } from "./services/deliveries/dispatcher.ts";
import type { PlatformSenders } from "./services/deliveries/sender.ts";
import type { SlackBot } from "./slack/app.ts";

export interface RunningBot {
  ctx: ServiceContext;
  server: Server;
  /** Base URL the server listens on, e.g. http://127.0.0.1:3000 */
  url: string;
  /** The cron jobs; running in the background only when `config.scheduler.enabled`. */
  scheduler: Scheduler;
  /** Sends the outbox; running in the background only when `config.scheduler.enabled`. */
  dispatcher: DeliveryDispatcher;
  stop(): Promise<void>;
}

/**
 * The composition root: config → database (migrated) → services → platform layers → HTTP server.
 * Everything is passed in from here; tests start the same bot with their own config and clock.
 */
export async function startBot(options: {
  config: Config;
  clock?: Clock;
  log?: Logger;
  /** Replaces the job registry (tests). */
  jobs?: JobDefinition[];
  /** Replaces the platform senders built from the configuration (tests, the demo). */
  senders?: PlatformSenders;
}): Promise<RunningBot> {
  const { config } = options;
  useCurrency(config.currency ?? "EUR");
  const log = options.log ?? createLogger(config.logLevel);
  const db = await openDatabase(config.database);
  let server: Server | undefined;
  let slack: SlackBot | undefined;
  let scheduler: Scheduler | undefined;
  let dispatcher: DeliveryDispatcher | undefined;
  try {
    const { applied } = await applyMigrations(db.sql, { log: (line) => log.info(line) });
    if (applied.length > 0) log.info({ applied }, "migrations applied");
    const interrupted = await failInterruptedImports(db, { atStartUp: true });
    if (interrupted > 0) log.warn({ interrupted }, "imports left running by a stopped process marked failed");
    const ctx = createServiceContext({
      db,
      settingsJson: config.settingsJson,
      clock: options.clock ?? configuredClock(config.clockStart),
      log,
      timezone: config.timezone,
    });
    const app = createHttpApp(ctx, { healthTimeoutMs: config.http.healthTimeoutMs });
    // Platform layers mount here (Slack, Teams, ingestion). Each platform's SDK is imported only when
    // it is configured: teams-ai with botbuilder alone costs ~1.5 s and ~160 MiB to load.
    const slackConfig = config.slack;
    const slackModules = slackConfig
      ? await Promise.all([import("./slack/app.ts"), import("./slack/slack-sender.ts")])
      : undefined;
    const teamsModules = config.teams
      ? await Promise.all([import("./teams/index.ts"), import("./teams/teams-sender.ts")])
      : undefined;
    if (slackConfig && slackModules) {
      slack = await slackModules[0].mountSlack({
        config: slackConfig,
        ctx,
        http: app,
        locale: config.locale,
      });
    }
    const teams = teamsModules ? teamsModules[0].mountTeams(app, ctx, config) : undefined;
    if (!teamsModules) log.debug("Teams is off (no TEAMS_APP_ID, no TEAMS_LOCAL_MODE)");
    finishHttpApp(app, ctx);

    // Proactive delivery: the outbox is sent through whichever platforms are configured.
    const senders: PlatformSenders = options.senders ?? {
      ...(slackConfig && slackModules
        ? { SLACK: slackModules[1].slackSender({ ctx, config: slackConfig }) }
        : {}),
      ...(teamsModules && teams
        ? { TEAMS: teamsModules[1].teamsSender({ ctx, transport: teams.transport }) }
        : {}),
    };
    Object.assign(ctx.outbox.senders, senders);
    dispatcher = createDeliveryDispatcher({ ctx, senders });
    scheduler = createScheduler({ ctx, jobs: options.jobs ?? scheduledJobs() });

    server = await listen(app, config.http.port, config.http.host);
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : config.http.port;
    const host = config.http.host === "0.0.0.0" ? "127.0.0.1" : config.http.host;
    const url = `http://${host}:${port}`;
    if (config.scheduler?.enabled) {
      scheduler.start();
      dispatcher.start();
    }
    log.info({ url, database: db.kind, location: db.location }, "Klantpuls is running");
    const running = server;
    const jobs = scheduler;
    const outbox = dispatcher;
    return {
      ctx,
      server: running,
      url,
      scheduler: jobs,
      dispatcher: outbox,
      async stop() {
        // Background work first: a run in progress finishes before the database closes.
        await jobs.stop();
        await outbox.stop();
        await slack?.stop();
        const closed = new Promise<void>((resolve) => running.close(() => resolve()));
        running.closeAllConnections();
        await closed;
        await db.close();
      },
    };
  } catch (error) {
    await scheduler?.stop().catch(() => undefined);
    await dispatcher?.stop().catch(() => undefined);
    await slack?.stop().catch(() => undefined);
    server?.close();
    await db.close();
    throw error;
  }
}

function listen(app: import("express").Express, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const refuse = (error: Error) => reject(listenError(error, port, host));
    const server = app.listen(port, host, (error?: Error) => (error ? refuse(error) : resolve(server)));
    server.once("error", refuse);
  });
}

/** A port taken or not allowed is a configuration problem: one line that says what to change. */
function listenError(error: Error, port: number, host: string): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "EADDRINUSE") {
    return new AppError(
      "CONFIG",
      `Port ${port} on ${host} is already in use. Stop the program using it, or set PORT to a free port.`,
      { cause: error },
    );
  }
  if (code === "EACCES" || code === "EADDRNOTAVAIL") {
    return new AppError("CONFIG", `Cannot listen on ${host}:${port} (${code}). Check PORT and HOST.`, {
      cause: error,
    });
  }
  return error;
}
