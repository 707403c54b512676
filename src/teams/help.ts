import { type Locale, translator } from "../i18n/index.ts";
import type { ChatUser } from "../views/chat.ts";
import { languageChoice } from "../views/language-choice.ts";
import type { Message } from "../views/message.ts";

/**
 * The answer to `help` (and to text that is not a command), listing what can be typed; for a known
 * user also their language setting with a button per language.
 */
export function helpMessage(locale: Locale, lead?: string, user?: ChatUser): Message {
  const t = translator(locale);
  const items = [t("teams.help.health"), t("teams.help.risk"), t("teams.help.kpi")];
  return {
    text: `${lead ? `${lead} ` : ""}${t("teams.help.intro")} klant-health, klant-risico, klant-kpi`,
    ephemeral: true,
    blocks: [
      ...(lead ? [{ type: "text" as const, text: lead }] : []),
      { type: "header", text: t("teams.help.title") },
      { type: "text", text: t("teams.help.intro") },
      { type: "bullets", items },
      { type: "context", text: t("teams.help.footer") },
      ...(user ? languageChoice(user, locale) : []),
    ],
  };
}
