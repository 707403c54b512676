import { formatNumber } from "../domain/format.ts";
import { interpolate, type Locale, type MessageParams } from "./define.ts";
import { actionsText } from "./messages/actions.ts";
import { alertsText } from "./messages/alerts.ts";
import { commandsText } from "./messages/commands.ts";
import { common } from "./messages/common.ts";
import { consoleText } from "./messages/console.ts";
import { legalText } from "./messages/legal.ts";
import { slackText } from "./messages/slack.ts";
import { teamsText } from "./messages/teams.ts";
import { trackRecordText } from "./messages/track-record.ts";
import { typedInputText } from "./messages/typed-input.ts";

export { type Locale, locales, localeTags, parseLocale, toLocale } from "./define.ts";

// Each namespace lives in its own file under ./messages; add new ones here.
const namespaces = [
  common,
  commandsText,
  actionsText,
  alertsText,
  slackText,
  teamsText,
  typedInputText,
  legalText,
  consoleText,
  trackRecordText,
];

type Catalog = typeof common.nl &
  typeof commandsText.nl &
  typeof actionsText.nl &
  typeof alertsText.nl &
  typeof slackText.nl &
  typeof teamsText.nl &
  typeof typedInputText.nl &
  typeof legalText.nl &
  typeof consoleText.nl &
  typeof trackRecordText.nl;

/** Every string in every language; exported for the completeness test. */
export const catalog = {
  nl: Object.assign({}, ...namespaces.map((namespace) => namespace.nl)) as Catalog,
  en: Object.assign({}, ...namespaces.map((namespace) => namespace.en)) as Record<keyof Catalog, string>,
  fr: Object.assign({}, ...namespaces.map((namespace) => namespace.fr)) as Record<keyof Catalog, string>,
};

export type MessageKey = keyof Catalog;

export function t(locale: Locale, key: MessageKey, params?: MessageParams): string {
  return interpolate(catalog[locale][key] ?? catalog.nl[key], params, locale, (value) =>
    formatNumber(value, locale),
  );
}

/** A translator bound to one locale, handy in commands and renderers. */
export type Translate = (key: MessageKey, params?: MessageParams) => string;

export function translator(locale: Locale): Translate {
  return (key, params) => t(locale, key, params);
}
