/**
 * The weekly digest as a Message: readable in 20 seconds. KPIs with their week-over-week change
 * first, then who to call (top at-risk by revenue), the week's alerts, what nobody picked up, pulse
 * response and one calibration line. Lists are capped so no platform limit is ever reached.
 */
import type { DigestContent, KpiDelta } from "../domain/alerts/digest.ts";
import { formatDate, formatDelta, formatMoney, formatNumber, formatPercent } from "../domain/format.ts";
import { reasonText } from "../domain/health/reason-text.ts";
import { type Locale, translator } from "../i18n/index.ts";
import { kindLabel } from "./alert-card.ts";
import { trendText } from "./health-card.ts";
import {
  type Field,
  type Mentions,
  type Message,
  type MessageBlock,
  mention,
  withMentions,
} from "./message.ts";
import { trackRecordText } from "./track-record.ts";

export function digestMessage(
  content: DigestContent,
  locale: Locale,
  options: { periodKey: string },
): Message {
  const t = translator(locale);
  const week = options.periodKey.replace(/^\d{4}-W0?/, "");
  const title = t("digest.title", {
    week,
    segment: content.segment ? ` · ${content.segment}` : "",
  });
  const blocks: MessageBlock[] = [
    { type: "header", text: title },
    { type: "fields", fields: content.kpis.map((kpi) => kpiField(kpi, content, locale)) },
    { type: "divider" },
    { type: "text", text: `**${t("digest.topAtRisk", { count: content.atRisk.length })}**` },
  ];
  if (content.atRisk.length === 0) blocks.push({ type: "text", text: t("digest.noneAtRisk") });
  else {
    blocks.push({
      type: "bullets",
      items: content.atRisk.map((row, index) =>
        [
          `${index + 1}. **${row.name}** ${formatMoney(row.revenueAtRiskCents, locale, { compact: true })}`,
          `${row.score}/100 (${t("digest.trend", { trend: trendText(row.trend ?? null, locale) })})`,
          row.owner ?? t("health.noOwner"),
          reasonText(row.topReason, locale),
        ]
          .filter(Boolean)
          .join(" · "),
      ),
    });
  }

  const opened = content.alertsOpened;
  const kinds = opened.byKind.map((row) => `${row.count} ${kindLabel(row.kind, locale)}`).join(", ");
  blocks.push({
    type: "text",
    text:
      opened.total === 0
        ? `**${t("digest.alertsTitle")}** ${t("digest.noAlerts")}`
        : `**${t("digest.alertsTitle")}** ${t("digest.alertsOpened", { total: opened.total, kinds })}${
            opened.digestOnly > 0 ? ` ${t("digest.digestOnly", { count: opened.digestOnly })}` : ""
          }`,
  });
  // Owners of what nobody picked up are mentioned, so the digest reaches them and not only the channel.
  const mentions: Mentions = {};
  if (content.unacknowledged.length > 0) {
    const days = content.unacknowledgedDays;
    const heading =
      days === 1 ? t("digest.unacknowledgedTitleOne") : t("digest.unacknowledgedTitle", { days });
    blocks.push({ type: "text", text: `**${heading}**` });
    blocks.push({
      type: "bullets",
      items: content.unacknowledged.map((row) =>
        t("digest.unacknowledgedItem", {
          customer: row.customerName,
          kind: kindLabel(row.kind, locale),
          owner: ownerMention(row, mentions) ?? t("health.noOwner"),
          days: row.days,
        }),
      ),
      ...(content.unacknowledgedHidden > 0
        ? { moreLabel: t("common.more", { count: content.unacknowledgedHidden }) }
        : {}),
    });
  }

  const pulses = content.pulses;
  const lowest = pulses.perOwner
    .filter((row) => row.rate < 100)
    .map((row) => `${row.owner} ${formatPercent(row.rate, locale)}`)
    .join(", ");
  blocks.push({
    type: "text",
    text:
      pulses.rate === null
        ? `**${t("digest.pulsesTitle")}** ${t("digest.noPulses")}`
        : `**${t("digest.pulsesTitle")}** ${t("digest.pulseRate", {
            rate: formatPercent(pulses.rate, locale),
            answered: pulses.answered,
            asked: pulses.asked,
          })}${lowest ? ` ${t("digest.pulseLowest", { owners: lowest })}` : ""}`,
  });

  const calibration = content.calibration;
  const calibrationText =
    calibration && calibration.atRiskLeftPercent !== null
      ? t("digest.calibration", {
          days: Math.round((Date.parse(content.asOf) - Date.parse(calibration.since)) / 86_400_000),
          atRisk: formatPercent(calibration.atRiskLeftPercent, locale),
          healthy:
            calibration.healthyLeftPercent === null
              ? "—"
              : formatPercent(calibration.healthyLeftPercent, locale),
          count: calibration.atRiskThen,
        })
      : content.trackRecord
        ? // No live figures yet (the bot has not watched a horizon pass): the backtest's replay says it.
          trackRecordText(content.trackRecord, locale)
        : t("digest.calibrationUnknown");
  blocks.push({ type: "context", text: calibrationText });
  blocks.push({ type: "context", text: t("digest.footer", { date: formatDate(content.asOf, locale) }) });

  const kpiText = content.kpis
    .map((kpi) => kpiField(kpi, content, locale))
    .map((f) => `${f.label} ${f.value}`);
  const text = `${title}: ${kpiText.join("; ")}. ${t("digest.topAtRisk", { count: content.atRisk.length })}: ${content.atRisk
    .slice(0, 3)
    .map((row) => row.name)
    .join(", ")}`;
  return { text, blocks, ...withMentions(mentions) };
}

/** The owner as a mention keyed by user id (one entry per person however many alerts they own). */
function ownerMention(row: DigestContent["unacknowledged"][number], mentions: Mentions): string | null {
  if (row.owner === null) return null;
  if (row.ownerId === null) return `**${row.owner}**`;
  return mention(mentions, `user:${row.ownerId}`, {
    name: row.owner,
    slackUserId: row.ownerSlackUserId,
    teamsUserId: row.ownerTeamsUserId,
  });
}

function kpiField(kpi: KpiDelta, content: DigestContent, locale: Locale): Field {
  const t = translator(locale);
  const points = locale === "en" ? " pts" : " pp";
  const change = (suffix: string, decimals = 1) =>
    kpi.delta === null ? "" : ` (${formatDelta(kpi.delta, locale, { decimals })}${suffix})`;
  switch (kpi.key) {
    case "retention":
      return { label: t("kpi.retention"), value: percentOrNa(kpi.now, locale) + change(points) };
    case "churn":
      return { label: t("kpi.churn"), value: percentOrNa(kpi.now, locale) + change(points) };
    case "nps":
      return {
        label: t("kpi.nps"),
        value: kpi.now === null ? t("kpi.notAvailable") : formatNumber(kpi.now, locale) + change("", 0),
      };
    case "revenueAtRisk": {
      const delta = kpi.delta ?? 0;
      const moneyChange =
        delta === 0 ? "" : ` (${delta > 0 ? "+" : ""}${formatMoney(delta, locale, { compact: true })})`;
      return {
        label: t("kpi.revenueAtRisk"),
        value:
          t("kpi.atRiskValue", {
            amount: formatMoney(kpi.now ?? 0, locale, { compact: true }),
            count: content.atRiskCustomers,
          }) + moneyChange,
      };
    }
  }
}

function percentOrNa(value: number | null, locale: Locale): string {
  return value === null
    ? translator(locale)("kpi.notAvailable")
    : formatPercent(value, locale, { decimals: 1 });
}
