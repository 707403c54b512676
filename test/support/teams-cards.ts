import { createRequire } from "node:module";
import type * as AC from "adaptivecards";
import { actionIds } from "../../src/views/message.ts";

// adaptivecards (Microsoft's own renderer) runs in Node only through its UMD bundle.
const require = createRequire(import.meta.url);
const AdaptiveCards = require("adaptivecards/dist/adaptivecards.js") as typeof AC;

export const ADAPTIVE_CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
/** Teams refuses a message above about 28 KB. */
export const TEAMS_MESSAGE_LIMIT = 28 * 1024;

/**
 * Problems Microsoft's Adaptive Card library finds in a card (unknown element or action types, missing
 * required properties, duplicate ids, too many actions for the host), plus the rules Teams adds:
 * schema 1.5 at most, the size limit, and buttons that are Universal Actions with a known neutral id
 * and flat JSON data. No npm package ships the official 1.5 JSON schema, hence the library.
 */
export function adaptiveCardProblems(json: unknown): string[] {
  const problems: string[] = [];
  const card = new AdaptiveCards.AdaptiveCard();
  const context = new AdaptiveCards.SerializationContext();
  card.parse(json, context);
  for (let index = 0; index < context.eventCount; index++) {
    problems.push(`parse: ${context.getEventAt(index).message}`);
  }
  for (const event of card.validateProperties().validationEvents) problems.push(`validate: ${event.message}`);

  const root = json as Record<string, unknown>;
  if (root.type !== "AdaptiveCard") problems.push("type is not AdaptiveCard");
  if (root.version !== "1.5") problems.push(`version ${String(root.version)} is not 1.5`);
  const bytes = Buffer.byteLength(JSON.stringify(json), "utf8");
  if (bytes > TEAMS_MESSAGE_LIMIT) problems.push(`card is ${bytes} bytes, above Teams' limit`);
  walk(json, (node) => {
    if (node.type === "Action.Submit" || node.type === "Action.OpenUrl") return;
    if (node.type === "Action.Execute") {
      if (!(actionIds as readonly string[]).includes(String(node.verb))) {
        problems.push(`Action.Execute verb "${String(node.verb)}" is not a neutral action id`);
      }
      const data = node.data as Record<string, unknown> | undefined;
      for (const [key, value] of Object.entries(data ?? {})) {
        if (typeof value !== "string" && typeof value !== "number") problems.push(`data.${key} is not flat`);
      }
    } else if (typeof node.type === "string" && node.type.startsWith("Action.")) {
      problems.push(`unexpected action type ${node.type}`);
    }
  });
  return problems;
}

function walk(node: unknown, visit: (node: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) for (const child of node) walk(child, visit);
  else if (node && typeof node === "object") {
    visit(node as Record<string, unknown>);
    for (const child of Object.values(node)) walk(child, visit);
  }
}

/** The Adaptive Cards in an activity the bot sent. */
export function cardsOf(activity: Record<string, unknown>): Record<string, unknown>[] {
  const attachments = (activity.attachments ?? []) as Array<{ contentType?: string; content?: unknown }>;
  return attachments
    .filter((attachment) => attachment.contentType === ADAPTIVE_CARD_CONTENT_TYPE)
    .map((attachment) => attachment.content as Record<string, unknown>);
}

/** All visible text of a card, for assertions. */
export function cardText(card: unknown): string {
  const texts: string[] = [];
  walk(card, (node) => {
    if (typeof node.text === "string") texts.push(node.text);
    if (typeof node.title === "string") texts.push(node.title);
    if (typeof node.value === "string" && node.type === undefined) texts.push(node.value);
    if (typeof node.label === "string") texts.push(node.label);
  });
  return texts.join("\n");
}

/** The buttons of a card: verb and data. */
export function cardActions(
  card: unknown,
): Array<{ title: string; verb: string; data: Record<string, unknown> }> {
  const actions: Array<{ title: string; verb: string; data: Record<string, unknown> }> = [];
  walk(card, (node) => {
    if (node.type === "Action.Execute") {
      actions.push({
        title: String(node.title),
        verb: String(node.verb),
        data: (node.data ?? {}) as Record<string, unknown>,
      });
    }
  });
  return actions;
}
