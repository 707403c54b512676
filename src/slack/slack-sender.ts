import { webApi } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import type { SlackConfig } from "../config/slack.ts";
import { findUserSlackId } from "../db/queries/users.ts";
import type { ServiceContext } from "../services/context.ts";
import {
  type DeliveryError,
  type PlatformRef,
  type PlatformSender,
  permanentError,
  retryableError,
} from "../services/deliveries/sender.ts";
import { renderBlockKit } from "../views/render-block-kit.ts";
import { boltLogger } from "./logger.ts";

/**
 * Proactive messages to Slack for the delivery dispatcher: chat.postMessage to a channel, or to a
 * user's Slack id (Slack opens or reuses the bot's DM with them and answers with its D… channel id,
 * which is what a later chat.update needs). Its own WebClient with retries off and 429s rejected:
 * the dispatcher owns retrying and pacing, so a rate-limited message waits in the outbox rather than
 * in memory, and Retry-After also holds back the rest of that channel.
 */
/** Slack message metadata `event_type` of every message the outbox sends. */
export const PROACTIVE_EVENT_TYPE = "klantpuls_proactive";

export function slackSender(options: {
  ctx: ServiceContext;
  config: Pick<SlackConfig, "botToken" | "apiUrl">;
  /** Per-call timeout; a timeout is retried by the dispatcher. */
  timeoutMs?: number;
  /** A ready client (tests); built from the config otherwise. */
  client?: WebClient;
}): PlatformSender {
  const { ctx } = options;
  const client =
    options.client ??
    new webApi.WebClient(options.config.botToken, {
      slackApiUrl: options.config.apiUrl,
      logger: boltLogger(ctx.log),
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout: options.timeoutMs ?? 10_000,
    });

  return {
    platform: "SLACK",
    async send(target, message, { locale }) {
      const channel = target.kind === "channel" ? target.channelId : await slackUserId(ctx, target.userId);
      const rendered = renderBlockKit(message, { locale });
      try {
        const result = await client.chat.postMessage({
          channel,
          text: rendered.text,
          blocks: rendered.blocks,
          unfurl_links: false,
          unfurl_media: false,
          // Marks the message as sent on the bot's own initiative (alert, pulse, digest), not as an
          // answer to someone: Slack keeps it with the message, and the demo console files it apart.
          metadata: { event_type: PROACTIVE_EVENT_TYPE, event_payload: {} },
        });
        return { platform: "SLACK", channel: result.channel ?? channel, ts: result.ts ?? "" };
      } catch (error) {
        throw classifySlackError(error, channel);
      }
    },
    async update(ref: PlatformRef, message, { locale }) {
      if (ref.platform !== "SLACK") throw permanentError(`not a Slack message: ${JSON.stringify(ref)}`);
      const rendered = renderBlockKit(message, { locale });
      try {
        await client.chat.update({
          channel: ref.channel,
          ts: ref.ts,
          text: rendered.text,
          blocks: rendered.blocks,
        });
      } catch (error) {
        throw classifySlackError(error, ref.channel);
      }
    },
  };
}

async function slackUserId(ctx: ServiceContext, userId: number): Promise<string> {
  const user = await findUserSlackId(ctx.db.sql, userId);
  if (!user) throw permanentError(`user ${userId} no longer exists`);
  if (!user.slackUserId) throw permanentError(`${user.name} has no Slack account linked to Klantpuls`);
  return user.slackUserId;
}

/** Slack's error codes that a retry can fix (server trouble), beyond HTTP 429/5xx and the network. */
const RETRYABLE_CODES = new Set([
  "ratelimited",
  "rate_limited",
  "internal_error",
  "fatal_error",
  "service_unavailable",
  "request_timeout",
]);

/** Permanent failures in words an admin can act on. Unknown codes are permanent too, with the code. */
const REASONS: Record<string, (channel: string) => string> = {
  channel_not_found: (c) =>
    `channel_not_found: Slack channel ${c} does not exist, or it is private and Klantpuls was not invited`,
  not_in_channel: (c) =>
    `not_in_channel: Klantpuls is not a member of ${c}; invite it with /invite @Klantpuls`,
  is_archived: (c) => `is_archived: Slack channel ${c} is archived`,
  user_not_found: (c) => `user_not_found: Slack user ${c} does not exist (left the workspace?)`,
  user_disabled: (c) => `user_disabled: Slack user ${c} is deactivated`,
  cannot_dm_bot: (c) => `cannot_dm_bot: ${c} is a bot`,
  messages_tab_disabled: (c) =>
    `messages_tab_disabled: Klantpuls's Messages tab is off, so ${c} cannot get DMs`,
  restricted_action: (c) => `restricted_action: the workspace does not let Klantpuls post in ${c}`,
  account_inactive: () => "account_inactive: Klantpuls was removed from the Slack workspace (token inactive)",
  token_revoked: () => "token_revoked: Klantpuls was uninstalled from the Slack workspace",
  invalid_auth: () => "invalid_auth: the Slack bot token (SLACK_BOT_TOKEN) is not valid",
  not_authed: () => "not_authed: no Slack bot token was sent",
  missing_scope: () => "missing_scope: the Slack app lacks the chat:write scope; reinstall it",
  team_access_not_granted: () => "team_access_not_granted: Klantpuls has no access to this workspace",
  invalid_blocks: () => "invalid_blocks: Slack refused the message layout",
  msg_too_long: () => "msg_too_long: the message is too long for Slack",
  message_not_found: (c) => `message_not_found: the message to update in ${c} is gone`,
};

/** A WebClient error as retryable (429, 5xx, network, Slack's own trouble) or permanent. */
export function classifySlackError(error: unknown, channel: string): DeliveryError {
  if (error instanceof webApi.WebAPIRateLimitedError) {
    return retryableError(`rate limited by Slack (Retry-After ${error.retryAfter} s)`, {
      retryAfterMs: Math.max(0, error.retryAfter) * 1000,
      cause: error,
    });
  }
  if (error instanceof webApi.WebAPIHTTPError) {
    const status = error.statusCode;
    const retryAfter = Number(error.headers?.["retry-after"]);
    if (status === 429 || status === 408 || status >= 500) {
      return retryableError(`Slack answered HTTP ${status}`, {
        ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterMs: retryAfter * 1000 } : {}),
        cause: error,
      });
    }
    return permanentError(`Slack answered HTTP ${status} ${error.statusMessage ?? ""}`.trim(), error);
  }
  if (error instanceof webApi.WebAPIRequestError) {
    return retryableError(`cannot reach Slack: ${error.original?.message ?? error.message}`, {
      cause: error,
    });
  }
  if (error instanceof webApi.WebAPIPlatformError) {
    const code = String(error.data?.error ?? "unknown_error");
    if (RETRYABLE_CODES.has(code)) return retryableError(`Slack error ${code}`, { cause: error });
    return permanentError(REASONS[code]?.(channel) ?? `Slack refused the message: ${code}`, error);
  }
  const message = error instanceof Error ? error.message : String(error);
  return retryableError(`Slack call failed: ${message}`, { cause: error });
}
