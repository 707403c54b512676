import type { Message, MessageAction, MessageBlock } from "./message.ts";
import { mentionsAsText, sparkline } from "./message.ts";

export interface TextRenderOptions {
  /** Width for tables; long cells are cut with "…". */
  width?: number;
  /** Number the buttons ("[1] Open") so a console can let you pick one. */
  numberActions?: boolean;
  /** Before each button number ("a" → "[a1] Open"): the console's name for a message's buttons. */
  actionPrefix?: string;
  /** The number of the first button (default 1), when several messages are numbered as one answer. */
  firstActionNumber?: number;
}

/**
 * Plain text for the terminal and for logs: bold markers removed, mentions as `@Name`, tables
 * aligned, buttons listed. Returns the text and the actions in the order they were numbered.
 */
export function renderText(
  message: Message,
  options: TextRenderOptions = {},
): { text: string; actions: MessageAction[] } {
  const actions: MessageAction[] = [];
  // Mentions are resolved after the markup is stripped, so a name with `_` or `*` stays as it is.
  const inline = (text: string) => mentionsAsText(stripMarkup(text), message.mentions);
  const lines = message.blocks.flatMap((block) => renderBlock(block, options, actions, inline));
  return { text: lines.join("\n"), actions };
}

function renderBlock(
  block: MessageBlock,
  options: TextRenderOptions,
  actions: MessageAction[],
  inline: (text: string) => string,
): string[] {
  switch (block.type) {
    case "header":
      // Underlined, not upper-cased: "KPIs" must not turn into "KPIS", nor "McKinsey" into "MCKINSEY".
      return [inline(block.text), "═".repeat(Math.min(60, block.text.length))];
    case "text":
      return [inline(block.text)];
    case "context":
      return [`  ${inline(block.text)}`];
    case "divider":
      return ["─".repeat(40)];
    case "fields": {
      const width = Math.max(...block.fields.map((field) => field.label.length));
      return block.fields.map((field) => `  ${`${field.label}:`.padEnd(width + 1)} ${inline(field.value)}`);
    }
    case "bullets":
      return [
        ...block.items.map((item) => `  • ${inline(item)}`),
        ...(block.moreLabel ? [`  ${block.moreLabel}`] : []),
      ];
    case "sparkline":
      return [
        `  ${block.label}: ${sparkline(block.values)} (${block.values.at(0)} → ${block.values.at(-1)})`,
      ];
    case "table":
      return renderTable(block.columns, block.rows, options.width ?? 120, inline).concat(
        block.moreLabel ? [`  ${block.moreLabel}`] : [],
      );
    case "actions": {
      if (block.actions.length === 0) return [];
      const labels = block.actions.map((action) => {
        actions.push(action);
        if (!options.numberActions) return `[${action.label}]`;
        const number = actions.length - 1 + (options.firstActionNumber ?? 1);
        return `[${options.actionPrefix ?? ""}${number}] ${action.label}`;
      });
      return [`  ${labels.join("  ")}`];
    }
  }
}

function renderTable(
  columns: string[],
  rows: string[][],
  maxWidth: number,
  inline: (text: string) => string,
): string[] {
  const cells = [columns, ...rows].map((row) => row.map(inline));
  const widths = columns.map((_, index) => Math.max(...cells.map((row) => (row[index] ?? "").length)));
  // Shrink the widest column until the table fits.
  while (widths.reduce((sum, width) => sum + width + 2, 0) > maxWidth) {
    const widest = widths.indexOf(Math.max(...widths));
    if ((widths[widest] ?? 0) <= 8) break;
    widths[widest] = (widths[widest] ?? 0) - 1;
  }
  const line = (row: string[]) =>
    `  ${row.map((cell, index) => fitCell(cell, widths[index] ?? 0)).join("  ")}`.trimEnd();
  return [
    line(cells[0] ?? []),
    `  ${widths.map((width) => "─".repeat(width)).join("  ")}`,
    ...cells.slice(1).map(line),
  ];
}

function fitCell(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, Math.max(0, width - 1))}…` : text.padEnd(width);
}

/** Remove the neutral inline markup (`**bold**`, `_italic_`, `` `code` ``). */
export function stripMarkup(text: string): string {
  return text
    .replace(/\*\*(.+?)\*\*/g, "$1")
    .replace(/(^|\W)_(.+?)_(?=\W|$)/g, "$1$2")
    .replace(/`([^`]+)`/g, "$1");
}
