import { hostname } from "node:os";
import { App, ExpressReceiver, type Receiver, SocketModeReceiver } from "@slack/bolt";
import express from "express";
import type { Locale } from "../i18n/index.ts";
import type { ServiceContext } from "../services/context.ts";
import type { SlackConfig } from "./config.ts";
import { registerActions } from "./listeners/actions.ts";
import { registerCommands } from "./listeners/commands.ts";
import { registerHome } from "./listeners/home.ts";
import type { SlackDeps } from "./listeners/types.ts";
import { registerViews } from "./listeners/views.ts";
import { boltLogger } from "./logger.ts";
import { refuseFutureTimestamps } from "./request-guard.ts";

export const SLACK_EVENTS_PATH = "/slack/events";

export interface SlackBot {
  app: App;
  mode: "http" | "socket";
  stop(): Promise<void>;
}

/**
 * Mount the Slack bot: over HTTP on the shared Express app (`POST /slack/events` for commands,
 * interactivity and events; Bolt verifies every signature), or over Socket Mode when an app token
 * is configured. Call before the HTTP app's 404 handler is added.
 */
export async function mountSlack(options: {
  config: SlackConfig;
  ctx: ServiceContext;
  http: express.Express;
  locale: Locale;
  /** Socket Mode client ping timeout; tests lower it. */
  socketPingTimeoutMs?: number;
}): Promise<SlackBot> {
  const { config, ctx, http } = options;
  const log = ctx.log.child({ component: "slack" });
  const logger = boltLogger(ctx.log);
  const clientOptions = {
    slackApiUrl: config.apiUrl,
    // WebClient's default is 10 retries over ~30 minutes; a person is waiting on these calls.
    // 429s are waited out per Retry-After (WebClient logs it through our logger) and count as a retry.
    retryConfig: { retries: 3, factor: 2, minTimeout: 250, maxTimeout: 2000, randomize: false },
    timeout: 10_000,
  };

  let receiver: Receiver;
  let mode: SlackBot["mode"];
  if (config.appToken) {
    mode = "socket";
    receiver = new SocketModeReceiver({
      appToken: config.appToken,
      logger,
      installerOptions: { clientOptions },
      ...(options.socketPingTimeoutMs ? { clientPingTimeout: options.socketPingTimeoutMs } : {}),
    });
  } else {
    mode = "http";
    const router = express.Router();
    router.post(
      SLACK_EVENTS_PATH,
      refuseFutureTimestamps({ maxSkewSeconds: config.maxClockSkewSeconds, log }),
    );
    receiver = new ExpressReceiver({
      signingSecret: config.signingSecret as string,
      endpoints: SLACK_EVENTS_PATH,
      router,
      app: http,
      logger,
    });
  }

  const app = new App({ token: config.botToken, receiver, logger, clientOptions });
  app.error(async (error) => {
    log.error({ err: error }, "slack: unhandled error in a listener");
  });
  const deps: SlackDeps = {
    ctx,
    log,
    locale: options.locale,
    submitAckBudgetMs: 2000,
    instanceId: `${hostname()}:${process.pid}`,
  };
  registerCommands(app, deps);
  registerActions(app, deps);
  registerViews(app, deps);
  registerHome(app, deps);

  if (mode === "socket") await app.start();
  log.info({ mode, apiUrl: config.apiUrl }, "slack mounted");
  return {
    app,
    mode,
    async stop() {
      if (mode === "socket") await app.stop();
    },
  };
}
