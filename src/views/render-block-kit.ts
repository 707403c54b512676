import type { ActionsBlock, Button, KnownBlock, SectionBlock } from "@slack/types";
import { type Locale, type Translate, translator } from "../i18n/index.ts";
import { blockKitLimits as limits } from "./block-kit-limits.ts";
import { context, cutText, escapeMrkdwn, mrkdwn, plain, slackMention, toMrkdwn } from "./block-kit-text.ts";
import {
  type Mentions,
  type Message,
  type MessageAction,
  type MessageBlock,
  replaceMentions,
  sparkline,
} from "./message.ts";
import { stripMarkup } from "./render-text.ts";
import { encodeActionId } from "./slack-action-ids.ts";

/**
 * The Block Kit renderer: a pure function from the neutral Message to what Slack accepts. Every
 * limit is respected by cutting (with "+N more") instead of letting Slack reject the payload;
 * `test/slack/render-block-kit.test.ts` checks the output with `checkBlockKit`. The Home tab and
 * modals: render-slack-views.ts; mrkdwn and text elements: block-kit-text.ts; button action ids:
 * slack-action-ids.ts.
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
