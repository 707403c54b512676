import type { CardElement } from "./adaptive-card.ts";
import { dropPartialMention } from "./message.ts";

/** Text on an Adaptive Card: TextBlocks, card markdown, plain text and cutting to a length. */

export function textBlock(
  text: string,
  extra: Record<string, unknown> = {},
  markdown: (text: string) => string = toCardMarkdown,
): CardElement {
  return { type: "TextBlock", text: markdown(text), wrap: true, ...extra };
}

/**
 * Adaptive Card markdown knows `**bold**` and `_italic_` (the neutral markup) but not inline code,
 * so backticks are dropped. A line that starts like a list item is escaped: a customer named
 * "1. Keuken" must not become a numbered list.
 */
export function toCardMarkdown(text: string): string {
  return text
    .replace(/`([^`]+)`/g, "$1")
    .replace(/^(\s*)(\d+)\. /, "$1$2\\. ")
    .replace(/^(\s*)([-+*]) /, "$1\\$2 ");
}

export function plainText(text: string): string {
  return text
    .replace(/\*\*(.+?)\*\*/g, "$1")
    .replace(/(^|\W)_(.+?)_(?=\W|$)/g, "$1$2")
    .replace(/`([^`]+)`/g, "$1");
}

/** Cut to `max` characters with "…"; a mention token cut in half is dropped rather than shown as `@[us…`. */
export function cut(text: string, max: number): string {
  return text.length > max ? `${dropPartialMention(text.slice(0, max - 1))}…` : text;
}
