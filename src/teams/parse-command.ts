import { chatCommands } from "../../commands/index.ts";

export type ParsedText =
  | { kind: "help" }
  | { kind: "command"; name: string; args: string }
  | { kind: "unknown"; text: string };

const HELP_WORDS = new Set(["", "help", "hulp", "?", "start"]);

/**
 * A Teams message as a command: `klant-health acme`, `/klant-health acme`, or in a channel
 * `<at>Klantpuls</at> klant-health acme` (teams-ai removes the bot's own mention first; any mention
 * left, e.g. when the bot is renamed, is removed here too).
 */
export function parseCommandText(text: string | undefined): ParsedText {
  const clean = decodeEntities(
    (text ?? "")
      .replace(/<at>[^<]*<\/at>/gi, " ")
      // Rich-text messages can arrive with HTML; keep only the words.
      .replace(/<[^>]+>/g, " "),
  )
    .replace(/\s+/g, " ")
    .trim();
  const [first = "", ...rest] = clean.split(" ");
  const name = first.replace(/^\//, "").toLowerCase();
  if (HELP_WORDS.has(name)) return { kind: "help" };
  if (chatCommands.has(name)) return { kind: "command", name, args: rest.join(" ") };
  return { kind: "unknown", text: clean.slice(0, 80) };
}

function decodeEntities(text: string): string {
  return text
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}
