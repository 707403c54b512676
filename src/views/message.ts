/**
 * The platform-neutral message model. Commands and services return a Message; the Slack (Block Kit),
 * Teams (Adaptive Card) and text renderers turn it into what each platform shows.
 *
 * Inline text uses a small neutral markup that every renderer understands:
 * `**bold**`, `_italic_` and `` `code` ``. Renderers translate or strip it.
 */

/** Neutral action ids. A click arrives as one of these on either platform and is handled once. */
export const actionIds = [
  "customer.open",
  "card.share",
  "pulse.add",
  "pulse.answer",
  "pulse.submit",
  "alert.ack",
  "alert.snooze",
  "alert.reassign",
  "alert.open",
  "alert.acksubmit",
  "alert.snoozesubmit",
  "alert.reassignsubmit",
  "pulse.comment",
] as const;
export type ActionId = (typeof actionIds)[number];

/** Values carried by a button: small, flat and JSON-safe so they fit Slack's `value` and Teams' `data`. */
export type ActionValue = Record<string, string | number>;

export interface MessageAction {
  id: ActionId;
  label: string;
  value: ActionValue;
  style?: "primary" | "danger";
}

export interface Field {
  label: string;
  value: string;
}

export type MessageBlock =
  | { type: "header"; text: string }
  | { type: "text"; text: string }
  | { type: "fields"; fields: Field[] }
  | { type: "bullets"; items: string[]; moreLabel?: string }
  /** A score history, oldest first; renderers draw it as a sparkline. */
  | { type: "sparkline"; label: string; values: number[] }
  | { type: "table"; columns: string[]; rows: string[][]; moreLabel?: string }
  | { type: "actions"; actions: MessageAction[] }
  | { type: "context"; text: string }
  | { type: "divider" };

export interface Message {
  /** Plain-text fallback: notifications, screen readers, clients that cannot render cards. Always set. */
  text: string;
  blocks: MessageBlock[];
  /** A hint that the answer is for the asker only (Slack: ephemeral). Sharing makes it visible. */
  ephemeral?: boolean;
}

/** Cut a list to `max` items and say how many were left out, so no platform limit ever rejects it. */
export function limitList<T>(items: readonly T[], max: number): { shown: T[]; hidden: number } {
  if (items.length <= max) return { shown: [...items], hidden: 0 };
  return { shown: items.slice(0, max), hidden: items.length - max };
}

const SPARK_CHARS = "▁▂▃▄▅▆▇█";

/** Unicode sparkline for a series of 0..100 scores. */
export function sparkline(values: readonly number[]): string {
  return values
    .map((v) => {
      const clamped = Math.max(0, Math.min(100, v));
      return SPARK_CHARS[Math.min(SPARK_CHARS.length - 1, Math.floor((clamped / 100) * SPARK_CHARS.length))];
    })
    .join("");
}
