import type { Locale } from "../i18n/index.ts";
import type { ActionId, ActionValue, Message } from "./message.ts";

/**
 * The chat vocabulary shared by commands, actions, services and the platforms: who asked, what form
 * to show, and what to do after a click. Types only; a platform turns them into Slack or Teams.
 */

/** The internal user a chat request was resolved to (Slack/Teams identity → users table). */
export interface ChatUser {
  id: number;
  name: string;
  email: string;
  role: "ADMIN" | "MANAGER" | "MEMBER";
  locale: Locale;
  /** The person chose `locale` in Klantpuls; false: it follows their Slack or Teams language. */
  localeChosen?: boolean;
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
