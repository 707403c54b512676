import { hostname } from "node:os";
import { App, ExpressReceiver, type Receiver, SocketModeReceiver } from "@slack/bolt";
import { ErrorCode, WebClient, type WebClientOptions } from "@slack/web-api";
import express from "express";
import { AppError } from "../app-error.ts";
import type { SlackConfig } from "../config/slack.ts";
import type { Locale } from "../i18n/index.ts";
import type { Logger } from "../logger.ts";
import type { ServiceContext } from "../services/context.ts";
import { fetchRetryingReset } from "./fresh-retry-fetch.ts";
import { registerActions } from "./listeners/actions.ts";
import { registerCommands } from "./listeners/commands.ts";
import { registerHome } from "./listeners/home.ts";
import type { SlackDeps } from "./listeners/types.ts";
import { registerViews } from "./listeners/views.ts";
import { boltLogger } from "./logger.ts";
import { refuseFutureTimestamps, refuseMalformedBodies } from "./request-guard.ts";

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
    // A connection reset (a dead pooled socket after a restart) is retried at once on a fresh connection.
    fetch: fetchRetryingReset,
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
      processEventErrorHandler: refuseMalformedBodies(log),
    });
  }

  const identity = await verifyBotToken(config.botToken, { ...clientOptions, logger }, log);
  const app = new App({
    token: config.botToken,
    receiver,
    logger,
    clientOptions,
    // With the bot's ids known, Bolt makes no auth.test call of its own: its eager one is a promise
    // nobody awaits, and a failure (Slack unreachable, shutdown mid-call) would crash the process.
    ...(identity
      ? { botId: identity.botId, botUserId: identity.botUserId }
      : { tokenVerificationEnabled: false }),
  });
  app.error(async (error) => {
    log.error({ err: error }, "slack: unhandled error in a listener");
  });
  const deps: SlackDeps = {
    ctx,
    log,
    locale: options.locale,
    submitAckBudgetMs: 2000,
    instanceId: `${hostname()}:${process.pid}`,
    profiles: new Map(),
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

/**
 * Check the bot token once at start-up. A token Slack refuses stops start-up with a clear message;
 * Slack being unreachable does not (the bot starts and Bolt verifies on the first request).
 */
async function verifyBotToken(
  token: string,
  clientOptions: WebClientOptions,
  log: Logger,
): Promise<{ botId: string; botUserId: string } | null> {
  const client = new WebClient(token, { ...clientOptions, retryConfig: { retries: 1, minTimeout: 200 } });
  try {
    const result = await client.auth.test();
    if (typeof result.bot_id === "string" && typeof result.user_id === "string") {
      return { botId: result.bot_id, botUserId: result.user_id };
    }
    return null;
  } catch (error) {
    if ((error as { code?: string }).code === ErrorCode.PlatformError) {
      const reason = (error as { data?: { error?: string } }).data?.error ?? "refused";
      throw new AppError(
        "CONFIG",
        `SLACK_BOT_TOKEN was refused by Slack (auth.test: ${reason}). Check the bot token.`,
        {
          cause: error,
        },
      );
    }
    log.warn(
      { err: error },
      "slack: could not verify the bot token at start-up; will verify on the first request",
    );
    return null;
  }
}
