import { z } from "zod";
import { translator } from "../i18n/index.ts";
import { setUserLanguage } from "../services/resolve-user.ts";
import { textMessage } from "../views/message.ts";
import type { ActionHandler } from "./types.ts";

const languageValue = z.object({ locale: z.enum(["nl", "en", "fr", "auto"]) });

/**
 * `user.language`: the clicker's own language from now on (answers, alerts, pulses, escalations),
 * whatever their Slack or Teams says; `auto` follows Slack or Teams again. Answered in the new language.
 */
export const chooseLanguage: ActionHandler = async (request, ctx) => {
  const { locale } = languageValue.parse(request.value);
  const chosen = locale === "auto" ? null : locale;
  const user = await setUserLanguage({ ctx: ctx.services, userId: request.user.id, locale: chosen });
  const t = translator(chosen ?? user?.locale ?? request.locale);
  const text = chosen ? t("language.chosen") : t("language.following");
  return { kind: "reply", message: textMessage(text) };
};
