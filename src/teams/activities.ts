import { type Activity, ActivityTypes, CardFactory, type TurnContext } from "botbuilder";
import type { Locale } from "../i18n/index.ts";
import type { AdaptiveCard } from "../views/adaptive-card.ts";
import { type Message, mentionsAsText } from "../views/message.ts";
import { renderAdaptiveCard } from "../views/render-adaptive-card.ts";

/** A Message as a Teams message activity: one Adaptive Card, with the plain text as notification summary. */
export function cardActivity(message: Message, locale: Locale): Partial<Activity> {
  return adaptiveCardActivity(renderAdaptiveCard(message, { locale }), summaryOf(message));
}

/** The message's plain text for a notification or a short answer: mention tokens become `@Name`. */
export function summaryOf(message: Message): string {
  return mentionsAsText(message.text, message.mentions);
}

export function adaptiveCardActivity(card: AdaptiveCard, summary: string): Partial<Activity> {
  return {
    type: ActivityTypes.Message,
    attachments: [CardFactory.adaptiveCard(card)],
    summary: summary.slice(0, 200),
  };
}

/**
 * Answer a Universal Action (`adaptiveCard/action` invoke). A card replaces the clicked card for the
 * person who clicked; a text is shown to them while the card stays as it was.
 */
export async function sendInvokeResponse(
  context: TurnContext,
  body: { card: AdaptiveCard } | { text: string },
): Promise<void> {
  const response =
    "card" in body
      ? { statusCode: 200, type: "application/vnd.microsoft.card.adaptive", value: body.card }
      : { statusCode: 200, type: "application/vnd.microsoft.activity.message", value: body.text };
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: response } });
}

/**
 * Teams' identity of one incoming activity (a click, a typed command): its id within its conversation.
 * A retried or replayed activity carries the same id, so its effect is claimed once.
 */
export function teamsInteractionKey(context: TurnContext): { interactionKey?: string } {
  const { id, conversation } = context.activity;
  return id ? { interactionKey: `teams:${conversation?.id ?? ""}:${id}` } : {};
}
