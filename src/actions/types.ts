import type { ChatUser } from "../../commands/types.ts";
import type { Locale } from "../i18n/index.ts";
import type { ServiceContext } from "../services/context.ts";
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

/** A small form: a Slack modal, or inputs on a Teams card. */
export interface FormSpec {
  /** Action id the submission arrives as. */
  submitAction: ActionId;
  title: string;
  submitLabel: string;
  /** Context carried through the form (Slack private_metadata, Teams data). */
  value: ActionValue;
  fields: FormField[];
}

export type FormField =
  | {
      id: string;
      type: "choice";
      label: string;
      options: Array<{ value: string; label: string }>;
      required: boolean;
      initial?: string;
    }
  | { id: string; type: "text"; label: string; multiline: boolean; required: boolean; maxLength: number };

/** What the platform should do after an action. */
export type ActionResult =
  /** Replace the message the button was on. */
  | { kind: "update"; message: Message }
  /** Post the message visibly in the conversation the button was in. */
  | { kind: "share"; message: Message }
  /** Answer the person who clicked only (Slack ephemeral, Teams reply). */
  | { kind: "reply"; message: Message }
  /** Nothing to show: this exact interaction was already handled (a replay or a platform retry). */
  | { kind: "none" }
  /** Open a form. */
  | { kind: "form"; form: FormSpec }
  /** Reject a form submission, field by field (the form stays open). */
  | { kind: "formErrors"; errors: Record<string, string> };

export interface ActionContext {
  services: ServiceContext;
  /**
   * The platform's identity of this interaction (Slack view id + hash or action_ts + container, Teams
   * activity id). Given, the action runs at most once for it across every instance.
   */
  interactionKey?: string;
}

export type ActionHandler = (request: ActionRequest, ctx: ActionContext) => Promise<ActionResult>;
