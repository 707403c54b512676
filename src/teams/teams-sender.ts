import { AppError, isAppError } from "../app-error.ts";
import type { ServiceContext } from "../services/context.ts";
import {
  type DeliveryError,
  type PlatformSender,
  permanentError,
  retryableError,
} from "../services/deliveries/sender.ts";
import { findPersonalTeamsConversation, findTeamsConversation } from "../services/teams-conversation-refs.ts";
import type { BotConnectorTransport } from "./proactive.ts";

/**
 * Proactive messages to Teams for the delivery dispatcher: the stored conversation (a user's personal
 * chat with the bot, or a channel by its Teams conversation id) is looked up, and the message goes out
 * through the Bot Connector transport (proactive.ts), rendered as an Adaptive Card. `update` replaces a
 * sent message (conversation + activity id from its PlatformRef), e.g. an alert card after the alert
 * was handled elsewhere; clicks on the card itself are updated by the Teams layer.
 */
export function teamsSender(options: {
  ctx: ServiceContext;
  transport: BotConnectorTransport;
}): PlatformSender {
  const { ctx, transport } = options;
  return {
    platform: "TEAMS",
    async send(target, message, { locale }) {
      try {
        const conversation =
          target.kind === "user"
            ? await findPersonalTeamsConversation({ ctx, userId: target.userId })
            : await findTeamsConversation({ ctx, conversationId: target.channelId });
        if (!conversation) {
          const who = target.kind === "user" ? `user ${target.userId}` : `conversation ${target.channelId}`;
          throw new AppError(
            "NOT_FOUND",
            `no stored Teams conversation for ${who}: the app is not installed there`,
          );
        }
        const { activityId } = await transport.post(conversation.reference, message, locale);
        ctx.log.info(
          { conversationId: conversation.conversationId, kind: conversation.kind, activityId },
          "proactive Teams message sent",
        );
        return {
          platform: "TEAMS",
          conversationId: conversation.conversationId,
          activityId: activityId ?? null,
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
        const conversation = await findTeamsConversation({ ctx, conversationId: ref.conversationId });
        if (!conversation) {
          // After an uninstall the bot may no longer write there.
          throw new AppError(
            "NOT_FOUND",
            `no stored Teams conversation ${ref.conversationId}: the app was removed there, the message cannot be updated`,
          );
        }
        await transport.replace(conversation.reference, ref.activityId, message, locale);
        ctx.log.info(
          { conversationId: ref.conversationId, activityId: ref.activityId },
          "proactive Teams message updated",
        );
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
