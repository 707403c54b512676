import { type Locale, translator } from "../i18n/index.ts";
import { ADAPTIVE_CARD_SCHEMA, type AdaptiveCard, type CardElement } from "./adaptive-card.ts";
import { type CardInline, cardInline, setMsteams } from "./adaptive-card-mentions.ts";
import { cut, textBlock } from "./adaptive-card-text.ts";
import { limitList, type Message, type MessageAction, type MessageBlock, sparkline } from "./message.ts";

/**
 * The Teams renderer: a Message (a FormSpec: render-form-card.ts) as an Adaptive Card, schema 1.5 — the highest version
 * Teams renders on desktop, web and mobile. Buttons are `Action.Execute` (Universal Actions) whose
 * verb is the neutral action id and whose data is the action's value, so a click arrives as the same
 * neutral action as on Slack.
 */

/**
 * Teams refuses a message above about 28 KB (the whole activity, card included). The card budget
 * leaves room for the activity envelope, the fallback text and the JSON escaping of non-ASCII text.
 */
export const CARD_MAX_BYTES = 24_000;

/** Teams' host config shows at most this many buttons in one row; more are dropped silently. */
const MAX_ACTIONS_PER_SET = 5;

export interface AdaptiveCardOptions {
  locale: Locale;
  /** Size budget in bytes of the card JSON; lists are shortened until the card fits. */
  maxBytes?: number;
}

interface Limits {
  rows: number;
  items: number;
  chars: number;
}

/** Tried in order: a card is shortened only as far as it has to be. */
const LIMIT_STEPS: Limits[] = [
  { rows: 25, items: 20, chars: 2000 },
  { rows: 12, items: 10, chars: 1000 },
  { rows: 6, items: 5, chars: 400 },
  { rows: 3, items: 3, chars: 160 },
];

export function renderAdaptiveCard(message: Message, options: AdaptiveCardOptions): AdaptiveCard {
  const maxBytes = options.maxBytes ?? CARD_MAX_BYTES;
  let card: AdaptiveCard | undefined;
  let inline: CardInline | undefined;
  for (const limits of LIMIT_STEPS) {
    inline = cardInline(message.mentions);
    card = buildCard(message, limits, options.locale, inline);
    if (cardBytes(card) <= maxBytes) return card;
  }
  // Still too big at the tightest limits (a message with very many blocks): drop blocks from the end
  // and say so, rather than have Teams reject the whole message.
  const last = card!;
  const t = translator(options.locale);
  while (last.body.length > 1 && cardBytes(last) > maxBytes) {
    last.body.splice(-2, 2, textBlock(t("teams.card.truncated"), { size: "Small", isSubtle: true }));
    // A dropped block may have held the only `<at>` of someone: their entity goes with it.
    setMsteams(last, last.msteams?.width === "Full", inline!);
  }
  return last;
}

export function cardBytes(card: AdaptiveCard): number {
  return Buffer.byteLength(JSON.stringify(card), "utf8");
}

function buildCard(message: Message, limits: Limits, locale: Locale, inline: CardInline): AdaptiveCard {
  const t = translator(locale);
  const body: CardElement[] = [];
  let separatorNext = false;
  for (const block of message.blocks) {
    if (block.type === "divider") {
      separatorNext = body.length > 0;
      continue;
    }
    const elements = renderBlock(block, limits, t, inline);
    const first = elements[0];
    if (first && separatorNext) {
      first.separator = true;
      first.spacing = "Medium";
    }
    if (elements.length > 0) separatorNext = false;
    body.push(...elements);
  }
  const hasTable = message.blocks.some((block) => block.type === "table");
  const card: AdaptiveCard = {
    type: "AdaptiveCard",
    $schema: ADAPTIVE_CARD_SCHEMA,
    version: "1.5",
    body,
    fallbackText: cut(inline.plain(message.text), limits.chars),
  };
  setMsteams(card, hasTable, inline);
  return card;
}

type Translate = ReturnType<typeof translator>;

function renderBlock(
  block: Exclude<MessageBlock, { type: "divider" }>,
  limits: Limits,
  t: Translate,
  inline: CardInline,
): CardElement[] {
  const text = (value: string, extra: Record<string, unknown> = {}) =>
    textBlock(value, extra, inline.markdown);
  switch (block.type) {
    case "header":
      return [text(cut(block.text, 200), { size: "Large", weight: "Bolder", style: "heading" })];
    case "text":
      // One TextBlock per line: Teams does not render a single "\n" inside a TextBlock as a line break.
      return block.text
        .split("\n")
        .filter((line) => line.trim() !== "")
        .map((line, index) => text(cut(line, limits.chars), index > 0 ? { spacing: "None" } : {}));
    case "context":
      return [text(cut(block.text, limits.chars), { size: "Small", isSubtle: true })];
    case "fields": {
      const { shown, hidden } = limitList(block.fields, limits.items);
      const facts = shown.map((field) => ({
        title: cut(inline.plain(field.label), 100),
        value: inline.fact(cut(field.value, 300)),
      }));
      return [{ type: "FactSet", facts }, ...moreBlock(hidden, undefined, t)];
    }
    case "bullets": {
      const { shown, hidden } = limitList(block.items, limits.items);
      return [
        ...shown.map((item, index) =>
          text(`• ${cut(item, limits.chars)}`, { spacing: index === 0 ? "Small" : "None" }),
        ),
        ...moreBlock(hidden, block.moreLabel, t),
      ];
    }
    case "sparkline": {
      if (block.values.length === 0) return [];
      const line = `${sparkline(block.values)}  (${block.values.at(0)} → ${block.values.at(-1)})`;
      return [
        textBlock(inline.plain(block.label), { size: "Small", isSubtle: true }),
        textBlock(line, { fontType: "Monospace", spacing: "None" }),
      ];
    }
    case "table":
      return renderTable(block, limits, t, inline);
    case "actions":
      return chunk(block.actions, MAX_ACTIONS_PER_SET).map((actions) => ({
        type: "ActionSet",
        actions: actions.map((action) => executeAction(action, inline)),
      }));
  }
}

function renderTable(
  block: Extract<MessageBlock, { type: "table" }>,
  limits: Limits,
  t: Translate,
  inline: CardInline,
): CardElement[] {
  const { shown, hidden } = limitList(block.rows, limits.rows);
  const rows = [block.columns, ...shown];
  // Relative column widths from the longest cell, so a name column gets more room than a score.
  const columns = block.columns.map((_, index) => {
    const longest = Math.max(...rows.map((row) => inline.plain(row[index] ?? "").length));
    return { width: Math.max(1, Math.min(4, Math.round(longest / 10))) };
  });
  const table: CardElement = {
    type: "Table",
    firstRowAsHeader: true,
    gridStyle: "accent",
    columns,
    rows: rows.map((row, rowIndex) => ({
      type: "TableRow",
      cells: block.columns.map((_, index) => ({
        type: "TableCell",
        items: [
          textBlock(
            cut(row[index] ?? "", Math.min(limits.chars, 200)),
            rowIndex === 0 ? { weight: "Bolder" } : {},
            inline.markdown,
          ),
        ],
      })),
    })),
  };
  return [table, ...moreBlock(hidden, block.moreLabel, t)];
}

/**
 * The "+N more" line. When the renderer cuts a list that the message had already cut, the two
 * counts add up; the message's own label is used when the renderer cut nothing.
 */
function moreBlock(hiddenHere: number, moreLabel: string | undefined, t: Translate): CardElement[] {
  if (hiddenHere === 0) return moreLabel ? [textBlock(moreLabel, { size: "Small", isSubtle: true })] : [];
  const already = Number(moreLabel?.match(/\d+/)?.[0] ?? 0);
  return [textBlock(t("common.more", { count: hiddenHere + already }), { size: "Small", isSubtle: true })];
}

function executeAction(action: MessageAction, inline: CardInline): CardElement {
  return {
    type: "Action.Execute",
    title: cut(inline.plain(action.label), 60),
    verb: action.id,
    data: { ...action.value },
    ...(action.style ? { style: action.style === "primary" ? "positive" : "destructive" } : {}),
  };
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let index = 0; index < items.length; index += size) chunks.push(items.slice(index, index + size));
  return chunks;
}
