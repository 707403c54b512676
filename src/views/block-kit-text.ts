import type { ContextBlock, MrkdwnElement, PlainTextElement } from "@slack/types";
import { blockKitLimits as limits } from "./block-kit-limits.ts";
import type { MentionedPerson } from "./message.ts";
import { stripMarkup } from "./render-text.ts";

/** Slack text: mrkdwn and its escaping, mentions, and text elements cut to Block Kit's limits. */

/** Slack user ids are U… or W… (Enterprise Grid); anything else is not sent as a mention. */
const SLACK_USER_ID = /^[UW][A-Z0-9]+$/;

/**
 * `<@U…>` notifies the person and Slack shows their current display name. Without a Slack id the
 * name is shown in bold, the way the digest showed owners before mentions existed.
 */
export function slackMention(person: MentionedPerson): string {
  return person.slackUserId && SLACK_USER_ID.test(person.slackUserId)
    ? `<@${person.slackUserId}>`
    : `*${escapeMrkdwn(person.name)}*`;
}

/** The neutral markup (`**bold**`, `_italic_`, `` `code` ``) as Slack mrkdwn, with &, < and > escaped. */
export function toMrkdwn(text: string): string {
  return escapeMrkdwn(text).replace(/\*\*(.+?)\*\*/g, "*$1*");
}

export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function plain(text: string, max: number): PlainTextElement {
  const clean = stripMarkup(text).replace(/\s+/g, " ").trim() || "…";
  return { type: "plain_text", text: cutText(clean, max), emoji: true };
}

export function mrkdwn(text: string, max: number): MrkdwnElement {
  return { type: "mrkdwn", text: cutText(text, max) };
}

export function context(text: string): ContextBlock {
  return { type: "context", elements: [mrkdwn(text || " ", limits.contextText)] };
}

export function cutId(id: string): string {
  return id.slice(0, limits.id);
}

/** Cut to `max` characters with "…", never in the middle of an escape such as `&amp;` or a mention `<@U…>`. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max - 1).replace(/&[a-z]{0,4}$|<@[A-Z0-9]*$/, "")}…`;
}
