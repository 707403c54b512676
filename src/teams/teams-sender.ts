import { isAppError } from "../app-error.ts";
import type { ServiceContext } from "../services/context.ts";
import {
  type DeliveryError,
  type PlatformSender,
  permanentError,
  retryableError,
} from "../services/deliveries/sender.ts";
import {
  type ProactiveSender,
  sendProactiveMessage,
  updateProactiveMessage,
} from "../services/send-proactive-message.ts";

/**
 * Proactive messages to Teams for the delivery dispatcher, through the Teams layer's proactive send
 * service (stored conversation reference → Bot Connector, Adaptive Card renderer). A user target is
 * their personal chat with the bot; a channel target is a stored Teams conversation id. `update`
 * replaces a sent message (conversation + activity id from its PlatformRef), e.g. an alert card after
 * the alert was handled elsewhere; clicks on the card itself are updated by the Teams layer.
 */
export function teamsSender(options: { ctx: ServiceContext; proactive: ProactiveSender }): PlatformSender {
  const { ctx, proactive } = options;
  return {
    platform: "TEAMS",
    async send(target, message, { locale }) {
      try {
        const sent = await sendProactiveMessage({
          ctx,
          sender: proactive,
          target: target.kind === "user" ? { userId: target.userId } : { conversationId: target.channelId },
          message,
          locale,
        });
        return {
          platform: "TEAMS",
          conversationId: sent.conversationId,
          activityId: sent.activityId ?? null,
        };
      } catch (error) {
        throw classifyTeamsError(error);
      }
    },
    async update(ref, message, { locale }) {
      if (ref.platform !== "TEAMS" || !ref.activityId) {
        throw permanentError(`not a Teams message that can be updated: ${JSON.stringify(ref)}`);
      }
      try {
        await updateProactiveMessage({
          ctx,
          sender: proactive,
          conversationId: ref.conversationId,
          activityId: ref.activityId,
          message,
          locale,
        });
      } catch (error) {
        throw classifyTeamsError(error);
      }
    },
  };
}

/** Bot Connector and proactive-service errors as retryable (429, 5xx, network) or permanent. */
export function classifyTeamsError(error: unknown): DeliveryError {
  if (isAppError(error)) {
    // NOT_FOUND: no stored conversation (app not installed there, or uninstalled); CONFIG: Teams off.
    return permanentError(error.message, error);
  }
  const e = error as {
    statusCode?: unknown;
    code?: unknown;
    message?: unknown;
    response?: { headers?: { get?: (name: string) => string | undefined | null } };
  };
  const message = typeof e?.message === "string" ? e.message : String(error);
  const status = typeof e?.statusCode === "number" ? e.statusCode : undefined;
  if (status !== undefined) {
    if (status === 429 || status === 408 || status >= 500) {
      const retryAfter = Number(e.response?.headers?.get?.("retry-after"));
      return retryableError(`Bot Connector answered HTTP ${status}`, {
        ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterMs: retryAfter * 1000 } : {}),
        cause: error,
      });
    }
    if (status === 403) {
      return permanentError(
        "HTTP 403: Klantpuls was removed from this Teams conversation or blocked by the user",
        error,
      );
    }
    if (status === 404) {
      return permanentError("HTTP 404: the Teams conversation no longer exists (app uninstalled?)", error);
    }
    if (status === 401) {
      return permanentError(
        "HTTP 401: the Bot Connector refused the bot's credentials (TEAMS_APP_ID)",
        error,
      );
    }
    return permanentError(`Bot Connector answered HTTP ${status}: ${message}`, error);
  }
  // No HTTP status: the request did not get an answer (connection refused, reset, timeout).
  return retryableError(`cannot reach the Bot Connector: ${message}`, { cause: error });
}
