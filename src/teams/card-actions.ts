import type { TurnContext } from "botbuilder";
import { runChatCommand } from "../../commands/index.ts";
import { handleAction } from "../actions/index.ts";
import { type Locale, t } from "../i18n/index.ts";
import type { ActionResult } from "../views/chat.ts";
import { chatFailureText } from "../views/chat-failure.ts";
import type { Message } from "../views/message.ts";
import { renderAdaptiveCard } from "../views/render-adaptive-card.ts";
import { renderFormCard } from "../views/render-form-card.ts";
import { isActionId, isRecord, splitActionData } from "./action-data.ts";
import {
  adaptiveCardActivity,
  cardActivity,
  sendInvokeResponse,
  summaryOf,
  teamsInteractionKey,
} from "./activities.ts";
import { teamsUserOrAnswer } from "./identify-user.ts";
import { activityLocale, type TeamsDeps } from "./types.ts";

/**
 * A button click. Teams sends `Action.Execute` as an `adaptiveCard/action` invoke (verb = neutral
 * action id, data = its value plus form inputs) and the older `Action.Submit` as a message whose value
 * is `{ action, ...value }`. Both run the same neutral handler; only how the result is shown differs.
 */
export type ClickKind = "execute" | "submit";

export async function handleActionExecute(context: TurnContext, deps: TeamsDeps): Promise<void> {
  const action = isRecord(context.activity.value) ? context.activity.value.action : undefined;
  const verb = isRecord(action) ? action.verb : undefined;
  const data = isRecord(action) && isRecord(action.data) ? action.data : {};
  await runCardAction(context, deps, verb, data, "execute");
}

export async function handleActionSubmit(context: TurnContext, deps: TeamsDeps): Promise<void> {
  const { action, verb, ...data } = context.activity.value as Record<string, unknown>;
  await runCardAction(context, deps, action ?? verb, data, "submit");
}

async function runCardAction(
  context: TurnContext,
  deps: TeamsDeps,
  id: unknown,
  data: Record<string, unknown>,
  kind: ClickKind,
): Promise<void> {
  let locale = activityLocale(context, deps);
  try {
    const user = await teamsUserOrAnswer(context, deps, (text) => answerText(context, kind, text));
    if (!user) return;
    locale = user.locale;
    if (!isActionId(id)) return await answerText(context, kind, t(locale, "actions.badRequest"));
    const { value, formValues } = splitActionData(data);
    const result = await handleAction(
      { id, value, user, locale, ...(formValues ? { formValues } : {}) },
      { services: deps.services, runCommand: runChatCommand, ...teamsInteractionKey(context) },
    );
    deps.services.log.info(
      { action: id, result: result.kind, userId: user.id, via: kind },
      "Teams card action",
    );
    await showResult(context, kind, result, locale, deps);
  } catch (error) {
    deps.services.log.error({ err: error, action: id }, "Teams card action failed");
    await answerText(context, kind, chatFailureText(locale, "internalError"));
  }
}

async function showResult(
  context: TurnContext,
  kind: ClickKind,
  result: ActionResult,
  locale: Locale,
  deps: TeamsDeps,
): Promise<void> {
  switch (result.kind) {
    case "update": {
      // Update the message for everyone in the conversation, and answer the clicker with the same
      // card so their view changes at once.
      const card = renderAdaptiveCard(result.message, { locale });
      const updated = await updateClickedMessage(
        context,
        adaptiveCardActivity(card, summaryOf(result.message)),
        deps,
      );
      if (kind === "execute") return sendInvokeResponse(context, { card });
      if (!updated) await context.sendActivity(adaptiveCardActivity(card, summaryOf(result.message)));
      return;
    }
    case "share":
      await context.sendActivity(cardActivity(result.message, locale));
      if (kind === "execute") await sendInvokeResponse(context, { text: t(locale, "teams.shared") });
      return;
    case "reply":
      return answer(context, kind, result.message, locale);
    case "form": {
      // A form is for the clicker only: as the invoke answer it replaces the card on their screen alone.
      const card = renderFormCard(result.form, { locale });
      if (kind === "execute") return sendInvokeResponse(context, { card });
      await context.sendActivity(adaptiveCardActivity(card, result.form.title));
      return;
    }
    case "none":
      // Already handled (a replay or a retry): an invoke still needs its answer, a message gets none.
      if (kind === "execute")
        await sendInvokeResponse(context, { text: t(locale, "actions.alreadyHandled") });
      return;
    case "formErrors":
      return answerText(
        context,
        kind,
        t(locale, "teams.formErrors", { errors: Object.values(result.errors).join(" ") }),
      );
  }
}

async function updateClickedMessage(
  context: TurnContext,
  activity: ReturnType<typeof adaptiveCardActivity>,
  deps: TeamsDeps,
): Promise<boolean> {
  const messageId = context.activity.replyToId;
  if (!messageId) return false;
  try {
    await context.updateActivity({ ...activity, id: messageId });
    return true;
  } catch (error) {
    // The clicker still sees the new card (invoke answer); others keep the old one. Worth a warning,
    // not a failed click.
    deps.services.log.warn({ err: error, messageId }, "could not update the Teams message in place");
    return false;
  }
}

async function answer(
  context: TurnContext,
  kind: ClickKind,
  message: Message,
  locale: Locale,
): Promise<void> {
  if (kind === "execute") return sendInvokeResponse(context, { text: summaryOf(message) });
  await context.sendActivity(cardActivity(message, locale));
}

async function answerText(context: TurnContext, kind: ClickKind, text: string): Promise<void> {
  if (kind === "execute") return sendInvokeResponse(context, { text });
  await context.sendActivity({ type: "message", text });
}
