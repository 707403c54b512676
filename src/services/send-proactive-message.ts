import { AppError } from "../app-error.ts";
import { type Locale, toLocale } from "../i18n/index.ts";
import type { Message } from "../views/message.ts";
import type { ServiceContext } from "./context.ts";
import { findPersonalTeamsConversation, findTeamsConversation } from "./teams-conversation-refs.ts";

/**
 * Send a Message without being asked: an alert to an account owner, a digest to a channel, a pulse
 * question. Callers write their delivery row (the outbox) first and call this after, so a retry after
 * a crash knows whether it already went out.
 *
 * Targets: an internal user (their personal chat with the bot, stored when they installed the app)
 * or a stored conversation (a team channel or group chat) by its Teams conversation id.
 */
export type ProactiveTarget = { userId: number } | { conversationId: string };

export interface ProactiveSendResult {
  platform: "TEAMS";
  conversationId: string;
  /** The id of the posted message, to update it later (e.g. an alert card after "acknowledge"). */
  activityId: string | undefined;
}

/** What the Teams layer provides once it is mounted; services never see Bot Framework types. */
export interface ProactiveSender {
  send(reference: unknown, message: Message, locale: Locale): Promise<{ activityId: string | undefined }>;
  /** Replace a message posted earlier in that conversation (Bot Framework updateActivity). */
  update(reference: unknown, activityId: string, message: Message, locale: Locale): Promise<void>;
}

export async function sendProactiveMessage(options: {
  ctx: ServiceContext;
  /** The Teams layer's Bot Framework sender (src/teams/proactive.ts), handed in by src/teams/teams-sender.ts. */
  sender: ProactiveSender;
  target: ProactiveTarget;
  message: Message;
  /** Language for the card's own words ("+3 more"); a user target uses the user's language. */
  locale?: Locale;
}): Promise<ProactiveSendResult> {
  const { ctx, sender, target, message } = options;
  let conversation: Awaited<ReturnType<typeof findTeamsConversation>>;
  let locale = options.locale ?? "nl";
  if ("userId" in target) {
    const personal = await findPersonalTeamsConversation({ ctx, userId: target.userId });
    if (personal) locale = options.locale ?? toLocale(personal.locale);
    conversation = personal;
  } else {
    conversation = await findTeamsConversation({ ctx, conversationId: target.conversationId });
  }
  if (!conversation) {
    const who = "userId" in target ? `user ${target.userId}` : `conversation ${target.conversationId}`;
    throw new AppError(
      "NOT_FOUND",
      `no stored Teams conversation for ${who}: the app is not installed there`,
    );
  }
  const { activityId } = await sender.send(conversation.reference, message, locale);
  ctx.log.info(
    { conversationId: conversation.conversationId, kind: conversation.kind, activityId },
    "proactive Teams message sent",
  );
  return { platform: "TEAMS", conversationId: conversation.conversationId, activityId };
}

/**
 * Replace a message sent earlier with `sendProactiveMessage` (by the ids it returned), e.g. an alert
 * card after the alert was acknowledged somewhere else. The conversation must still be stored: after
 * an uninstall the bot may no longer write there (`NOT_FOUND`).
 */
export async function updateProactiveMessage(options: {
  ctx: ServiceContext;
  sender: ProactiveSender;
  conversationId: string;
  activityId: string;
  message: Message;
  locale?: Locale;
}): Promise<void> {
  const { ctx, sender, conversationId, activityId, message } = options;
  const conversation = await findTeamsConversation({ ctx, conversationId });
  if (!conversation) {
    throw new AppError(
      "NOT_FOUND",
      `no stored Teams conversation ${conversationId}: the app was removed there, the message cannot be updated`,
    );
  }
  await sender.update(conversation.reference, activityId, message, options.locale ?? "nl");
  ctx.log.info({ conversationId, activityId }, "proactive Teams message updated");
}
