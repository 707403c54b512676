import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import { runChatCommand } from "../../../commands/index.ts";
import { handleAction } from "../../actions/index.ts";
import type { ActionValue } from "../../views/message.ts";
import { decodeActionId } from "../../views/slack-action-ids.ts";
import { afterAck, deliverResult, openLoadingModal, type SlackSurface } from "../surface-replies.ts";
import { chatUserOrAnswer } from "./chat-user-or-answer.ts";
import type { SlackDeps } from "./types.ts";

/**
 * Neutral actions that answer with a form (after a permission check in the database). Their modal is
 * opened the moment the click arrives, before any database work, because the click's trigger_id is
 * valid for 3 seconds only; the form, or a refusal, then replaces the "one moment" modal. Strings,
 * not ActionId, so ids still being added elsewhere can be listed here.
 */
export const FORM_ACTIONS: ReadonlySet<string> = new Set([
  "pulse.add",
  "pulse.comment",
  "alert.ack",
  "alert.snooze",
  "alert.reassign",
]);

/** Our buttons' action ids: a neutral id plus the position (`customer.open:2`). */
const ACTION_ID = /^[a-z]+\.[a-z]+(:\d+)?$/;

/** Every button click goes to the neutral handler shared with Teams; this only adapts Slack to it. */
export function registerActions(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(ACTION_ID, async ({ ack, body, action, client }) => {
    await ack();
    await afterAck();
    const id = decodeActionId(action.action_id);
    if (!id || action.type !== "button") return;
    const surface: SlackSurface = {
      client,
      log: deps.log,
      locale: deps.locale,
      userId: body.user.id,
      channelId: body.container?.channel_id ?? body.channel?.id,
      responseUrl: body.response_url,
      triggerId: body.trigger_id,
    };
    if (FORM_ACTIONS.has(id)) surface.viewId = await openLoadingModal(surface);

    const user = await chatUserOrAnswer(deps, client, body.user.id, surface);
    if (!user) return;
    const result = await handleAction(
      { id, value: parseValue(action.value), user, locale: user.locale },
      { services: deps.ctx, runCommand: runChatCommand, interactionKey: blockActionKey(body, action) },
    );
    await deliverResult(result, { ...surface, locale: user.locale });
  });
}

/**
 * Slack's identity of one click: its action_ts, on this message or view, for this button. A double
 * click is two clicks (two action_ts); a replayed request is the same click.
 */
export function blockActionKey(body: BlockAction, action: ButtonAction): string {
  const container = body.container as { message_ts?: string; view_id?: string } | undefined;
  const where = container?.message_ts ?? container?.view_id ?? body.view?.id ?? "";
  return `slack:action:${body.team?.id ?? ""}:${where}:${action.action_id}:${action.action_ts}`;
}

/** A button's value is our JSON; anything else becomes {} and the handler answers "expired or invalid". */
export function parseValue(raw: string | undefined): ActionValue {
  try {
    const value = JSON.parse(raw ?? "{}") as unknown;
    if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
    const flat: ActionValue = {};
    for (const [key, item] of Object.entries(value)) {
      if (typeof item === "string" || typeof item === "number") flat[key] = item;
    }
    return flat;
  } catch {
    return {};
  }
}
