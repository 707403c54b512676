/**
 * The platform-neutral message model. Commands and services return a Message; the Slack (Block Kit),
 * Teams (Adaptive Card) and text renderers turn it into what each platform shows.
 *
 * Inline text uses a small neutral markup that every renderer understands:
 * `**bold**`, `_italic_` and `` `code` ``. Renderers translate or strip it.
 *
 * People are mentioned with a token, `@[key]`, whose key names an entry in `Message.mentions`: the
 * message says who is meant, each renderer decides how its platform mentions them (Slack `<@U…>`,
 * Teams `<at>…</at>` plus an entity, text `@Name`). A token whose key has no entry stays as it is,
 * so text that happens to contain `@[…]` is never turned into a mention.
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
  "user.language",
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
  /** The people that `@[key]` tokens in the text refer to, by key. */
  mentions?: Mentions;
}

/** Someone a message mentions, with the ids each platform needs to notify them (null: not linked). */
export interface MentionedPerson {
  name: string;
  slackUserId?: string | null;
  teamsUserId?: string | null;
}

export type Mentions = Record<string, MentionedPerson>;

/**
 * Keys are restricted to characters that none of the inline markup uses (no `_`, `*`, `` ` ``), so
 * stripping or translating markup never changes a token.
 */
const MENTION_KEY = /^[A-Za-z0-9:.-]{1,64}$/;
const MENTION_TOKEN = /@\[([A-Za-z0-9:.-]{1,64})\]/g;

/**
 * Add `person` to `mentions` under `key` and return the token to put in the text. The same key
 * twice keeps one entry (the same person mentioned on several lines).
 */
export function mention(mentions: Mentions, key: string, person: MentionedPerson): string {
  if (!MENTION_KEY.test(key)) throw new Error(`mention key "${key}" must match ${MENTION_KEY}`);
  mentions[key] = person;
  return `@[${key}]`;
}

/** `{ mentions }` when there are any, else nothing: messages without mentions keep their old shape. */
export function withMentions(mentions: Mentions): { mentions?: Mentions } {
  return Object.keys(mentions).length > 0 ? { mentions } : {};
}

/**
 * Replace every known `@[key]` token in `text` by what `render` makes of the person. Unknown keys stay
 * as written. Renderers call this after their own markup translation and escaping, and escape the
 * name themselves as their format needs.
 */
export function replaceMentions(
  text: string,
  mentions: Mentions | undefined,
  render: (person: MentionedPerson, key: string) => string,
): string {
  if (!mentions || !text.includes("@[")) return text;
  return text.replace(MENTION_TOKEN, (token, key: string) => {
    const person = Object.hasOwn(mentions, key) ? mentions[key] : undefined;
    return person ? render(person, key) : token;
  });
}

/** Mentions as `@Name`, for plain text (notifications, summaries, logs). */
export function mentionsAsText(text: string, mentions: Mentions | undefined): string {
  return replaceMentions(text, mentions, (person) => `@${person.name}`);
}

/**
 * A cut must not leave half a token behind (`@[us…`): a dangling start is dropped. Renderers that
 * shorten neutral text before resolving mentions use this on the cut part.
 */
export function dropPartialMention(text: string): string {
  return text.replace(/@\[[A-Za-z0-9:.-]*$/, "");
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

/** A private answer of one paragraph: the fallback text and a single text block. */
export function textMessage(text: string): Message {
  return { text, blocks: [{ type: "text", text }], ephemeral: true };
}
