import { type Locale, locales, t } from "../i18n/index.ts";
import type { ChatUser } from "./chat.ts";
import type { MessageBlock } from "./message.ts";

/**
 * The person's language setting, for the App Home and the Teams help card: which language Klantpuls
 * speaks with them and why, and one button per language (each in its own name), plus one to follow
 * their Slack or Teams language again once they chose one (`user.language`).
 */
export function languageChoice(user: ChatUser, locale: Locale): MessageBlock[] {
  const language = t(locale, "language.self");
  return [
    {
      type: "context",
      text: user.localeChosen
        ? t(locale, "language.chosenNow", { language })
        : t(locale, "language.followsNow", { language }),
    },
    {
      type: "actions",
      actions: [
        ...locales
          .filter((other) => other !== locale)
          .map((other) => ({
            id: "user.language" as const,
            label: t(other, "language.self"),
            value: { locale: other },
          })),
        ...(user.localeChosen
          ? [{ id: "user.language" as const, label: t(locale, "language.follow"), value: { locale: "auto" } }]
          : []),
      ],
    },
  ];
}
