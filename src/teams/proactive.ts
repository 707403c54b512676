import { type Activity, type ConversationReference, TurnContext } from "botbuilder";
import type { ConnectorClient } from "botframework-connector";
import type { Locale } from "../i18n/index.ts";
import type { Message } from "../views/message.ts";
import { cardActivity } from "./activities.ts";
import type { KlantpulsTeamsAdapter } from "./adapter.ts";

/**
 * How the Teams layer reaches a stored conversation: post a new message, or replace one posted earlier
 * (Bot Framework updateActivity). Internal to the Teams layer; services see only the outbox's
 * PlatformSender (teams-sender.ts). Tests give a recording stand-in.
 */
export interface BotConnectorTransport {
  post(reference: unknown, message: Message, locale: Locale): Promise<{ activityId: string | undefined }>;
  replace(reference: unknown, activityId: string, message: Message, locale: Locale): Promise<void>;
}

/**
 * Posts a Message into a stored conversation through the Bot Connector. `continueConversationAsync`
 * gives a turn with an authenticated connector client for the stored service URL; the message goes out
 * as a new post (sendToConversation), not as a reply to the made-up continuation activity, so in a
 * channel it starts its own thread. `replace` updates an activity posted earlier (PUT …/activities/{id})
 * through the same authenticated client.
 */
export function botConnectorTransport(adapter: KlantpulsTeamsAdapter, appId: string): BotConnectorTransport {
  return {
    async post(reference, message, locale) {
      const stored = reference as Partial<ConversationReference>;
      let activityId: string | undefined;
      await adapter.continueConversationAsync(appId, stored, async (turn) => {
        const client = turn.turnState.get<ConnectorClient>(turn.adapter.ConnectorClientKey);
        const activity = TurnContext.applyConversationReference(cardActivity(message, locale), stored);
        const conversationId = stored.conversation?.id ?? "";
        const sent = await client.conversations.sendToConversation(conversationId, activity as Activity);
        activityId = sent.id;
      });
      return { activityId };
    },
    async replace(reference, activityId, message, locale) {
      const stored = reference as Partial<ConversationReference>;
      await adapter.continueConversationAsync(appId, stored, async (turn) => {
        const client = turn.turnState.get<ConnectorClient>(turn.adapter.ConnectorClientKey);
        const activity = TurnContext.applyConversationReference(cardActivity(message, locale), stored);
        const conversationId = stored.conversation?.id ?? "";
        await client.conversations.updateActivity(conversationId, activityId, {
          ...activity,
          id: activityId,
        } as Activity);
      });
    },
  };
}
