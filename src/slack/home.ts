import { bandEmoji, bandLabel, formatDate } from "../domain/format.ts";
import { type Locale, translator } from "../i18n/index.ts";
import type { MyOverview } from "../services/get-my-overview.ts";
import { kindLabel } from "../views/alert-card.ts";
import type { ChatUser } from "../views/chat.ts";
import { trendText } from "../views/health-card.ts";
import { languageChoice } from "../views/language-choice.ts";
import type { Message, MessageBlock } from "../views/message.ts";
import { trackRecordText } from "../views/track-record.ts";

export const HOME_CUSTOMERS = 25;
export const HOME_ALERTS = 10;
const HOME_OPEN_BUTTONS = 10;

/** The Home tab as a neutral Message: my customers (worst first), my open alerts, how to use the commands. */
export function homeMessage(user: ChatUser, overview: MyOverview, locale: Locale): Message {
  const t = translator(locale);
  const { customers, alerts } = overview;
  const blocks: MessageBlock[] = [
    { type: "header", text: t("slack.home.title") },
    { type: "text", text: t("slack.home.greeting", { name: user.name }) },
    { type: "divider" },
    { type: "text", text: `**${t("slack.home.myCustomers", { count: customers.total })}**` },
  ];
  if (customers.rows.length === 0) {
    blocks.push({ type: "context", text: t("slack.home.noCustomers") });
  } else {
    const hidden = customers.total - customers.rows.length;
    blocks.push({
      type: "bullets",
      items: customers.rows.map((row) =>
        row.band === null || row.score === null
          ? `⚪ **${row.name}** · ${t("slack.home.notScored")}`
          : t("slack.home.customerLine", {
              emoji: bandEmoji(row.band),
              name: row.name,
              score: row.score,
              band: bandLabel(row.band, locale),
              trend: trendText(row.trend, locale),
            }),
      ),
      ...(hidden > 0 ? { moreLabel: t("common.more", { count: hidden }) } : {}),
    });
    blocks.push({
      type: "actions",
      actions: customers.rows.slice(0, HOME_OPEN_BUTTONS).map((row) => ({
        id: "customer.open" as const,
        label: `${t("action.open")}: ${row.name}`,
        value: { customerId: row.id },
      })),
    });
  }
  blocks.push(
    { type: "divider" },
    { type: "text", text: `**${t("slack.home.myAlerts", { count: alerts.total })}**` },
  );
  if (alerts.rows.length === 0) {
    blocks.push({ type: "context", text: t("slack.home.noAlerts") });
  } else {
    const hidden = alerts.total - alerts.rows.length;
    blocks.push({
      type: "bullets",
      items: alerts.rows.map((alert) =>
        t("slack.home.alertLine", {
          customer: alert.customerName,
          kind: kindLabel(alert.kind, locale),
          date: formatDate(alert.openedAt, locale),
        }),
      ),
      ...(hidden > 0 ? { moreLabel: t("common.more", { count: hidden }) } : {}),
    });
  }
  blocks.push(
    { type: "divider" },
    { type: "text", text: `**${t("slack.home.howTo")}**` },
    { type: "text", text: t("slack.home.commands") },
    { type: "context", text: t("slack.home.scoredOn", { date: formatDate(overview.scoredOn, locale) }) },
    { type: "context", text: trackRecordText(overview.trackRecord, locale) },
    { type: "divider" },
    ...languageChoice(user, locale),
  );
  return { text: t("slack.home.greeting", { name: user.name }), blocks };
}

/** What someone we do not know sees: no data, only how to get access and the commands. */
export function unknownUserHome(locale: Locale): Message {
  const t = translator(locale);
  return {
    text: t("slack.home.unknownUser"),
    blocks: [
      { type: "header", text: t("slack.home.title") },
      { type: "text", text: t("slack.home.unknownUser") },
      { type: "divider" },
      { type: "text", text: `**${t("slack.home.howTo")}**` },
      { type: "text", text: t("slack.home.commands") },
    ],
  };
}
