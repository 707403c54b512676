import { z } from "zod";
import { isAppError } from "../app-error.ts";
import { claimInteraction, releaseInteraction } from "../db/queries/interaction-keys.ts";
import { translator } from "../i18n/index.ts";
import type { ActionResult } from "../views/chat.ts";
import type { ActionId } from "../views/message.ts";
import { textMessage } from "../views/message.ts";
import {
  acknowledgeAlert,
  openAlertCustomer,
  reassignAlert,
  snoozeAlert,
  submitAcknowledge,
  submitReassign,
  submitSnooze,
} from "./alert-actions.ts";
import { openCustomer, shareCard } from "./customer-actions.ts";
import { answerScheduledPulse, commentScheduledPulse } from "./owner-pulse-actions.ts";
import { addPulse } from "./pulse-actions.ts";
import type { ActionContext, ActionHandler, ActionRequest } from "./types.ts";
import { chooseLanguage } from "./user-actions.ts";

export type { ActionContext, ActionRequest } from "./types.ts";

/** Neutral action handlers, used by both Slack and Teams. Alert actions register here too. */
const handlers = new Map<ActionId, ActionHandler>([
  ["customer.open", openCustomer],
  ["card.share", shareCard],
  ["pulse.add", addPulse],
  // A pulse with a pulseId answers a scheduled pulse (refused once expired); without, an ad-hoc one.
  ["pulse.submit", answerScheduledPulse],
  ["pulse.answer", answerScheduledPulse],
  ["pulse.comment", commentScheduledPulse],
  ["alert.ack", acknowledgeAlert],
  ["alert.acksubmit", submitAcknowledge],
  ["alert.snooze", snoozeAlert],
  ["alert.snoozesubmit", submitSnooze],
  ["alert.reassign", reassignAlert],
  ["alert.reassignsubmit", submitReassign],
  ["alert.open", openAlertCustomer],
  ["user.language", chooseLanguage],
]);

/**
 * Handle one click or submission. Never throws: a tampered or outdated value gets a clear reply,
 * a known error its user message, anything else is logged and answered with an apology.
 */
export async function handleAction(request: ActionRequest, ctx: ActionContext): Promise<ActionResult> {
  const t = translator(request.locale);
  const handler = handlers.get(request.id);
  const reply = (text: string): ActionResult => ({
    kind: "reply",
    message: textMessage(text),
  });
  if (!handler) return reply(t("actions.badRequest"));
  const key = ctx.interactionKey;
  const sql = ctx.services.db.sql;
  let claimed = false;
  try {
    if (key) {
      // Claimed before any effect: a replay of the same click or submission (inside Slack's 5-minute
      // signature window, or a platform retry) changes nothing a second time.
      if (!(await claimInteraction(sql, key))) {
        ctx.services.log.info({ action: request.id, interactionKey: key }, "interaction already handled");
        return { kind: "none" };
      }
      claimed = true;
    }
    const result = await handler(request, ctx);
    // Field errors changed nothing; the corrected form must be able to come back with the same key.
    if (claimed && result.kind === "formErrors") await releaseInteraction(sql, key as string);
    return result;
  } catch (error) {
    if (claimed) {
      await releaseInteraction(sql, key as string).catch((releaseError: unknown) =>
        ctx.services.log.warn(
          { err: releaseError, interactionKey: key },
          "could not release an interaction key",
        ),
      );
    }
    if (error instanceof z.ZodError) return reply(t("actions.badRequest"));
    if (isAppError(error) && error.code !== "INTERNAL" && error.code !== "DATABASE")
      return reply(error.userMessage);
    ctx.services.log.error({ err: error, action: request.id, userId: request.user.id }, "action failed");
    return reply(t("common.internalError"));
  }
}
