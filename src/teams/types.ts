import type { TurnContext } from "botbuilder";
import { type Locale, toLocale } from "../i18n/index.ts";
import type { ServiceContext } from "../services/context.ts";

/** What every Teams handler gets: the services and the company's default language. */
export interface TeamsDeps {
  services: ServiceContext;
  defaultLocale: Locale;
}

/** The language for someone the bot does not know yet: their Teams client's, else the company's. */
export function activityLocale(context: TurnContext, deps: TeamsDeps): Locale {
  return toLocale(context.activity.locale, deps.defaultLocale);
}
