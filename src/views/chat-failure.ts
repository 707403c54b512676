import { type Locale, t } from "../i18n/index.ts";
import { type Message, textMessage } from "./message.ts";

/**
 * Why a chat request could not be served at the platform edge: the person is not linked to a
 * Klantpuls user, or something failed on our side (the caller logs the error). Slack and Teams answer
 * both with the same words, built here once.
 */
export type ChatFailure = "unknownUser" | "internalError";

export function chatFailureText(locale: Locale, failure: ChatFailure): string {
  return t(locale, failure === "unknownUser" ? "common.unknownUser" : "common.internalError");
}

export function chatFailureMessage(locale: Locale, failure: ChatFailure): Message {
  return textMessage(chatFailureText(locale, failure));
}
