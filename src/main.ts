import type { Server } from "node:http";
import { type Clock, systemClock } from "./clock.ts";
import type { Config } from "./config.ts";
import { openDatabase } from "./db/client.ts";
import { applyMigrations } from "./db/migrate.ts";
import { parseHealthSettings } from "./domain/health/settings.ts";
import { createHttpApp, finishHttpApp } from "./http/app.ts";
import { createLogger, type Logger } from "./logger.ts";
import type { ServiceContext } from "./services/context.ts";
import { mountSlack, type SlackBot } from "./slack/app.ts";
import { mountTeams } from "./teams/index.ts";

export interface RunningBot {
  ctx: ServiceContext;
  server: Server;
  /** Base URL the server listens on, e.g. http://127.0.0.1:3000 */
  url: string;
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
}): Promise<RunningBot> {
  const { config } = options;
  const log = options.log ?? createLogger(config.logLevel);
  const db = await openDatabase(config.database);
  let server: Server | undefined;
  let slack: SlackBot | undefined;
  try {
    const { applied } = await applyMigrations(db.sql, { log: (line) => log.info(line) });
    if (applied.length > 0) log.info({ applied }, "migrations applied");
    const ctx: ServiceContext = {
      db,
      settings: parseHealthSettings(config.settingsJson ?? {}),
      clock: options.clock ?? systemClock,
      log,
      timezone: config.timezone,
    };
    const app = createHttpApp(ctx);
    // Platform layers mount here (Slack, Teams, ingestion).
    if (config.slack) {
      slack = await mountSlack({ config: config.slack, ctx, http: app, locale: config.locale });
    }
    mountTeams(app, ctx, config);
    finishHttpApp(app, ctx);

    server = await listen(app, config.http.port, config.http.host);
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : config.http.port;
    const host = config.http.host === "0.0.0.0" ? "127.0.0.1" : config.http.host;
    const url = `http://${host}:${port}`;
    log.info({ url, database: db.kind, location: db.location }, "Klantpuls is running");
    const running = server;
    return {
      ctx,
      server: running,
      url,
      async stop() {
        await slack?.stop();
        const closed = new Promise<void>((resolve) => running.close(() => resolve()));
        running.closeAllConnections();
        await closed;
        await db.close();
      },
    };
  } catch (error) {
    await slack?.stop().catch(() => undefined);
    server?.close();
    await db.close();
    throw error;
  }
}

function listen(app: import("express").Express, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, (error?: Error) => (error ? reject(error) : resolve(server)));
    server.once("error", reject);
  });
}
