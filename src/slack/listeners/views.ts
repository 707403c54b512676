import type { App, ViewOutput } from "@slack/bolt";
import { runChatCommand } from "../../../commands/index.ts";
import { handleAction } from "../../actions/index.ts";
import type { ActionResult } from "../../views/chat.ts";
import { chatFailureMessage } from "../../views/chat-failure.ts";
import { textMessage } from "../../views/message.ts";
import { decodeActionId } from "../../views/slack-action-ids.ts";
import { deliverResult, type FormMetadata, type SlackSurface } from "../surface-replies.ts";
import { parseValue } from "./actions.ts";
import { chatUserOrFailure } from "./chat-user-or-answer.ts";
import type { SlackDeps } from "./types.ts";

const TOO_SLOW = Symbol("too slow");

/**
 * A submitted form (modal). Field errors must travel in the ack (`response_action: "errors"`, keyed
 * by block id = field id) so the modal stays open; the neutral handler validates before it touches
 * the database, so errors come back fast. If the handler is still busy when the ack budget runs out,
 * the modal is closed and the answer follows through the original message or a DM.
 */
export function registerViews(app: App, deps: SlackDeps): void {
  app.view(/^[a-z]+\.[a-z]+$/, async ({ ack, body, view, client }) => {
    const id = decodeActionId(view.callback_id);
    if (!id) {
      await ack();
      return;
    }
    const metadata = parseMetadata(view.private_metadata);
    const surface: SlackSurface = {
      client,
      log: deps.log,
      locale: deps.locale,
      userId: body.user.id,
      channelId: metadata.channelId,
      responseUrl: metadata.responseUrl,
    };
    const work = (async (): Promise<ActionResult> => {
      const user = await chatUserOrFailure(deps, client, body.user.id);
      if (typeof user !== "object") return { kind: "reply", message: chatFailureMessage(deps.locale, user) };
      surface.locale = user.locale;
      return handleAction(
        { id, value: metadata.value, user, locale: user.locale, formValues: formValues(view) },
        // Slack's identity of a submission: the view and its hash (the hash changes when the view does).
        {
          services: deps.ctx,
          runCommand: runChatCommand,
          interactionKey: `slack:view:${view.id}:${view.hash}`,
        },
      );
    })().catch((error: unknown): ActionResult => {
      deps.log.error({ err: error, action: id }, "slack: form submission failed");
      return { kind: "reply", message: chatFailureMessage(deps.locale, "internalError") };
    });

    let timer: NodeJS.Timeout | undefined;
    const early = await Promise.race([
      work,
      new Promise<typeof TOO_SLOW>((resolve) => {
        timer = setTimeout(() => resolve(TOO_SLOW), deps.submitAckBudgetMs);
      }),
    ]);
    clearTimeout(timer);
    if (early !== TOO_SLOW && early.kind === "formErrors") {
      await ack({ response_action: "errors", errors: early.errors });
      return;
    }
    await ack();
    if (early === TOO_SLOW)
      deps.log.warn({ action: id }, "slack: form submission slower than the ack budget");
    const result = early === TOO_SLOW ? await work : early;
    if (result.kind === "formErrors") {
      // Too late to keep the modal open: say what was wrong instead.
      await deliverResult(
        { kind: "reply", message: textMessage(Object.values(result.errors).join("\n")) },
        surface,
      );
      return;
    }
    await deliverResult(result, surface);
  });
}

function parseMetadata(raw: string): FormMetadata {
  try {
    const parsed = JSON.parse(raw) as { value?: unknown; responseUrl?: unknown; channelId?: unknown };
    return {
      value: parseValue(JSON.stringify(parsed.value ?? {})),
      responseUrl: typeof parsed.responseUrl === "string" ? parsed.responseUrl : undefined,
      channelId: typeof parsed.channelId === "string" ? parsed.channelId : undefined,
    };
  } catch {
    return { value: {} };
  }
}

/** Input values by block id: a select's chosen value, a text input's text. */
function formValues(view: ViewOutput): Record<string, string | undefined> {
  const values: Record<string, string | undefined> = {};
  for (const [blockId, actions] of Object.entries(view.state.values)) {
    for (const state of Object.values(actions)) {
      values[blockId] = state.selected_option?.value ?? state.value ?? undefined;
    }
  }
  return values;
}
