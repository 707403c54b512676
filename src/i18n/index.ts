import { interpolate, type Locale } from "./define.ts";
import { actionsText } from "./messages/actions.ts";
import { alertsText } from "./messages/alerts.ts";
import { commandsText } from "./messages/commands.ts";
import { common } from "./messages/common.ts";
import { legalText } from "./messages/legal.ts";
import { slackText } from "./messages/slack.ts";
import { teamsText } from "./messages/teams.ts";
import { typedInputText } from "./messages/typed-input.ts";

export { type Locale, locales, toLocale } from "./define.ts";

// Each namespace lives in its own file under ./messages; add new ones here.
const catalog = {
  nl: {
    ...common.nl,
    ...commandsText.nl,
    ...actionsText.nl,
    ...alertsText.nl,
    ...slackText.nl,
    ...teamsText.nl,
    ...typedInputText.nl,
    ...legalText.nl,
  },
  en: {
    ...common.en,
    ...commandsText.en,
    ...actionsText.en,
    ...alertsText.en,
    ...slackText.en,
    ...teamsText.en,
    ...typedInputText.en,
    ...legalText.en,
  },
};

export type MessageKey = keyof (typeof catalog)["nl"];

export function t(locale: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  return interpolate(catalog[locale][key] ?? catalog.nl[key], params);
}

/** A translator bound to one locale, handy in commands and renderers. */
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
  return (key, params) => t(locale, key, params);
}
