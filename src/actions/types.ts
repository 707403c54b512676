import type { Locale } from "../i18n/index.ts";
import type { ServiceContext } from "../services/context.ts";
import type { ActionResult, ChatUser } from "../views/chat.ts";
import type { ActionId, ActionValue, Message } from "../views/message.ts";

/** A button click or form submission, the same for Slack and Teams. */
export interface ActionRequest {
  id: ActionId;
  value: ActionValue;
  user: ChatUser;
  locale: Locale;
  /** Values of a submitted form, by field id. */
  formValues?: Record<string, string | undefined>;
}

/**
 * Runs a chat command by name (commands/index.ts `runChatCommand`), handed in by the platform: the
 * share button re-runs the command it shares, and actions never import commands themselves.
 */
export type CommandRunner = (
  name: string,
  args: string,
  ctx: { services: ServiceContext; user: ChatUser; locale: Locale },
) => Promise<Message>;

export interface ActionContext {
  services: ServiceContext;
  /** Every platform hands it in; only sharing a command answer needs it (tests of other actions omit it). */
  runCommand?: CommandRunner;
  /**
   * The platform's identity of this interaction (Slack view id + hash or action_ts + container, Teams
   * activity id). Given, the action runs at most once for it across every instance.
   */
  interactionKey?: string;
}

export type ActionHandler = (request: ActionRequest, ctx: ActionContext) => Promise<ActionResult>;
