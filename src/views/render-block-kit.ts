import type {
  ActionsBlock,
  Button,
  ContextBlock,
  HomeView,
  InputBlock,
  KnownBlock,
  ModalView,
  MrkdwnElement,
  PlainTextElement,
  SectionBlock,
} from "@slack/types";
import { type Locale, type Translate, translator } from "../i18n/index.ts";
import { blockKitLimits as limits } from "./block-kit-limits.ts";
import type { FormField, FormSpec } from "./chat.ts";
import {
  type ActionId,
  actionIds,
  type MentionedPerson,
  type Mentions,
  type Message,
  type MessageAction,
  type MessageBlock,
  replaceMentions,
  sparkline,
} from "./message.ts";
import { stripMarkup } from "./render-text.ts";

/**
 * The Block Kit renderer: a pure function from the neutral Message to what Slack accepts. Every
 * limit is respected by cutting (with "+N more") instead of letting Slack reject the payload;
 * `test/slack/render-block-kit.test.ts` checks the output with `checkBlockKit`.
 */
export interface BlockKitMessage {
  /** Fallback for notifications and clients without blocks; always set. */
  text: string;
  blocks: KnownBlock[];
}

export interface BlockKitOptions {
  locale: Locale;
  /** 50 for messages (default), 100 for modals and the home tab. */
  maxBlocks?: number;
}

export function renderBlockKit(message: Message, options: BlockKitOptions): BlockKitMessage {
  const t = translator(options.locale);
  const inline = inlineText(message.mentions);
  const rendered = message.blocks.flatMap((block) => renderBlock(block, options.locale, inline));
  const blocks = fitBlockBudget(rendered, options.maxBlocks ?? limits.messageBlocks, (count, max) =>
    t("slack.moreBlocks", { count, max }),
  );
  return { text: fallbackText(message), blocks };
}

/** How inline text becomes Slack text: mrkdwn (with real mentions) or plain (labels, headers, buttons). */
interface InlineText {
  mrkdwn(text: string): string;
  /** For mrkdwn spots that show a label, not prose: markup stripped, escaped, mentions as `@Name`. */
  label(text: string): string;
  /** For plain_text elements; `plain()` strips markup and cuts. */
  plain(text: string): string;
}

function inlineText(mentions: Mentions | undefined): InlineText {
  return {
    mrkdwn: (text) => replaceMentions(toMrkdwn(text), mentions, slackMention),
    label: (text) =>
      replaceMentions(escapeMrkdwn(stripMarkup(text)), mentions, (person) => `@${escapeMrkdwn(person.name)}`),
    plain: (text) => replaceMentions(text, mentions, (person) => `@${person.name}`),
  };
}

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

/** The App Home tab: the same blocks with the view's budget of 100. */
export function renderHomeView(message: Message, locale: Locale): HomeView {
  const { blocks } = renderBlockKit(message, { locale, maxBlocks: limits.viewBlocks });
  return { type: "home", blocks };
}

/** A modal that only shows a message (a card, "loading…", or an answer to a click inside a modal). */
export function renderMessageModal(
  message: Message,
  options: { locale: Locale; title: string; callbackId?: string; privateMetadata?: string },
): ModalView {
  const t = translator(options.locale);
  const { blocks } = renderBlockKit(message, { locale: options.locale, maxBlocks: limits.viewBlocks });
  return {
    type: "modal",
    title: plain(options.title, limits.viewTitle),
    close: plain(t("slack.close"), limits.viewButton),
    blocks,
    ...(options.callbackId ? { callback_id: options.callbackId } : {}),
    ...(options.privateMetadata ? { private_metadata: options.privateMetadata } : {}),
  };
}

/**
 * A neutral form as a modal. `callback_id` is the submit action; each input's block_id and
 * action_id are the field id, so `response_action: "errors"` can be keyed by field id.
 */
export function renderFormModal(
  form: FormSpec,
  options: { locale: Locale; privateMetadata: string },
): ModalView {
  const t = translator(options.locale);
  return {
    type: "modal",
    callback_id: form.submitAction,
    title: plain(form.title, limits.viewTitle),
    submit: plain(form.submitLabel, limits.viewButton),
    close: plain(t("slack.cancel"), limits.viewButton),
    private_metadata: options.privateMetadata,
    blocks: form.fields.slice(0, limits.viewBlocks).map(renderField),
  };
}

function renderField(field: FormField): InputBlock {
  const base = {
    type: "input" as const,
    block_id: cutId(field.id),
    label: plain(field.label, limits.inputLabel),
  };
  if (field.type === "choice") {
    const options = field.options.slice(0, limits.selectOptions).map((option) => ({
      text: plain(option.label, limits.optionText),
      value: option.value.slice(0, limits.optionValue),
    }));
    const initial = options.find((option) => option.value === field.initial);
    return {
      ...base,
      optional: !field.required,
      element: {
        type: "static_select",
        action_id: cutId(field.id),
        options,
        ...(initial ? { initial_option: initial } : {}),
      },
    };
  }
  return {
    ...base,
    optional: !field.required,
    element: {
      type: "plain_text_input",
      action_id: cutId(field.id),
      multiline: field.multiline,
      max_length: Math.max(1, Math.min(field.maxLength, limits.plainTextInputMax)),
    },
  };
}

// --- action ids -----------------------------------------------------------------------------------

/**
 * Slack wants action ids unique within a block, and several "Open" buttons share a neutral id, so the
 * position is appended: `customer.open:2`. `decodeActionId` gives the neutral id back.
 */
export function encodeActionId(id: ActionId, index: number): string {
  return `${id}:${index}`;
}

export function decodeActionId(actionId: string): ActionId | null {
  const id = actionId.split(":")[0] ?? "";
  return (actionIds as readonly string[]).includes(id) ? (id as ActionId) : null;
}

// --- blocks ---------------------------------------------------------------------------------------

function renderBlock(block: MessageBlock, locale: Locale, inline: InlineText): KnownBlock[] {
  const t = translator(locale);
  switch (block.type) {
    case "header":
      return [{ type: "header", text: plain(inline.plain(block.text), limits.headerText) }];
    case "text":
      return splitSections(inline.mrkdwn(block.text).split("\n"));
    case "context":
      return [context(inline.mrkdwn(block.text))];
    case "divider":
      return [{ type: "divider" }];
    case "fields": {
      const sections: SectionBlock[] = [];
      const fields = block.fields.map((field) =>
        mrkdwn(`*${inline.label(field.label)}*\n${inline.mrkdwn(field.value)}`, limits.fieldText),
      );
      for (let start = 0; start < fields.length; start += limits.sectionFields) {
        sections.push({ type: "section", fields: fields.slice(start, start + limits.sectionFields) });
      }
      return sections;
    }
    case "bullets": {
      if (block.items.length === 0 && !block.moreLabel) return [];
      const lines = block.items.map((item) => `• ${inline.mrkdwn(item)}`);
      return withSingleSection(lines, block.moreLabel, t);
    }
    case "sparkline": {
      if (block.values.length === 0) return [];
      const line = `${inline.label(block.label)}: ${sparkline(block.values)} (${block.values.at(0)} → ${block.values.at(-1)})`;
      return [context(line)];
    }
    case "table": {
      if (block.rows.length === 0) return [];
      const header = context(block.columns.map((column) => inline.label(column)).join(" · "));
      const lines = block.rows.map((row) => {
        const [first = "", ...rest] = row.map((cell) => inline.mrkdwn(cell));
        return [`*${first}*`, ...rest].join(" · ");
      });
      const more = block.moreLabel ? [context(escapeMrkdwn(block.moreLabel))] : [];
      return [header, ...splitSections(lines), ...more];
    }
    case "actions":
      return renderActions(block.actions, inline);
  }
}

/** Lines that must stay one section (a list of reasons): cut at the section limit with "+N more". */
function withSingleSection(lines: string[], moreLabel: string | undefined, t: Translate): SectionBlock[] {
  const tail = moreLabel ? `\n${escapeMrkdwn(moreLabel)}` : "";
  const budget = limits.sectionText - tail.length;
  const shown: string[] = [];
  let length = 0;
  for (const [index, raw] of lines.entries()) {
    // Any single line fits together with a "+N more" line.
    const line = cutText(raw, budget - 40);
    const remaining = lines.length - index - 1;
    const more = remaining > 0 ? t("slack.more", { count: remaining }).length + 1 : 0;
    const separator = shown.length > 0 ? 1 : 0;
    if (length + separator + line.length + more > budget) {
      shown.push(t("slack.more", { count: lines.length - index }));
      break;
    }
    shown.push(line);
    length += separator + line.length;
  }
  return [{ type: "section", text: mrkdwn(`${shown.join("\n")}${tail}`, limits.sectionText) }];
}

/** Lines packed into as few sections as fit (≤ 3000 chars each); a single over-long line is cut. */
function splitSections(lines: string[]): SectionBlock[] {
  const sections: SectionBlock[] = [];
  let current = "";
  for (const raw of lines) {
    const line = cutText(raw, limits.sectionText);
    if (current && current.length + 1 + line.length > limits.sectionText) {
      sections.push({ type: "section", text: mrkdwn(current, limits.sectionText) });
      current = "";
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current.trim()) sections.push({ type: "section", text: mrkdwn(current, limits.sectionText) });
  return sections;
}

function renderActions(actions: MessageAction[], inline: InlineText): ActionsBlock[] {
  const buttons: Button[] = [];
  for (const action of actions) {
    const value = JSON.stringify(action.value);
    // A value over Slack's limit cannot be shortened without breaking it; such a button is left out.
    if (value.length > limits.buttonValue) continue;
    buttons.push({
      type: "button",
      action_id: encodeActionId(action.id, buttons.length),
      text: plain(inline.plain(action.label), limits.buttonText),
      value,
      ...(action.style ? { style: action.style } : {}),
    });
  }
  const blocks: ActionsBlock[] = [];
  for (let start = 0; start < buttons.length; start += limits.actionsElements) {
    blocks.push({ type: "actions", elements: buttons.slice(start, start + limits.actionsElements) });
  }
  return blocks;
}

/**
 * Over the block budget: keep the head, say how many blocks were left out, and keep the last
 * actions block (the buttons matter more than the middle of a long list).
 */
function fitBlockBudget(
  blocks: KnownBlock[],
  max: number,
  moreText: (count: number, max: number) => string,
): KnownBlock[] {
  if (blocks.length <= max) return blocks;
  let lastActions = -1;
  for (let index = blocks.length - 1; index >= 0; index--) {
    if (blocks[index]?.type === "actions") {
      lastActions = index;
      break;
    }
  }
  const keepTail = lastActions >= 0 ? blocks.slice(lastActions, lastActions + 1) : [];
  const headCount = max - 1 - keepTail.length;
  const head = blocks.slice(0, headCount);
  const hidden = blocks.length - head.length - keepTail.length;
  return [...head, context(moreText(hidden, max)), ...keepTail];
}

// --- text -----------------------------------------------------------------------------------------

/** The neutral markup (`**bold**`, `_italic_`, `` `code` ``) as Slack mrkdwn, with &, < and > escaped. */
export function toMrkdwn(text: string): string {
  return escapeMrkdwn(text).replace(/\*\*(.+?)\*\*/g, "*$1*");
}

export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function fallbackText(message: Message): string {
  const header = message.blocks.find((block) => block.type === "header");
  const text = message.text.trim() || (header?.type === "header" ? header.text : "") || "Klantpuls";
  // The fallback is what a notification shows: `@Name` reads well there, and a `<@U…>` would
  // notify the person a second time on top of the mention in the blocks.
  const withNames = replaceMentions(
    toMrkdwn(text),
    message.mentions,
    (person) => `@${escapeMrkdwn(person.name)}`,
  );
  // Notifications show a line or two; 3000 keeps the payload small and far under the 40k limit.
  return cutText(withNames, limits.sectionText);
}

function plain(text: string, max: number): PlainTextElement {
  const clean = stripMarkup(text).replace(/\s+/g, " ").trim() || "…";
  return { type: "plain_text", text: cutText(clean, max), emoji: true };
}

function mrkdwn(text: string, max: number): MrkdwnElement {
  return { type: "mrkdwn", text: cutText(text, max) };
}

function context(text: string): ContextBlock {
  return { type: "context", elements: [mrkdwn(text || " ", limits.contextText)] };
}

function cutId(id: string): string {
  return id.slice(0, limits.id);
}

/** Cut to `max` characters with "…", never in the middle of an escape such as `&amp;` or a mention `<@U…>`. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max - 1).replace(/&[a-z]{0,4}$|<@[A-Z0-9]*$/, "")}…`;
}
