import {
  bandEmoji,
  bandLabel,
  formatDate,
  formatDelta,
  formatMoney,
  formatPercent,
} from "../domain/format.ts";
import { reasonText } from "../domain/health/reason-text.ts";
import { MIN_HEALTHY_CONFIDENCE } from "../domain/health/score.ts";
import { signalsWorstFirst } from "../domain/health/signal-order.ts";
import type { HealthResult, SignalResult } from "../domain/health/types.ts";
import { type Locale, type MessageKey, translator } from "../i18n/index.ts";
import { type AlertCardView, alertBlocksForCard } from "./alert-card.ts";
import type { Message, MessageAction, MessageBlock } from "./message.ts";

/**
 * What the health card shows, in domain terms: services/get-customer-health.ts builds it (its
 * `CustomerHealth` is this and more), so the view depends on no service.
 */
export interface HealthCardModel {
  customer: {
    id: number;
    externalId: string;
    name: string;
    segment: string;
    churnedAt: string | null;
    owner: { name: string } | null;
  };
  health: HealthResult;
  /** The date the shown score is of. */
  scoredOn: string;
  standing: "active" | "churned-erp" | "churned-silent";
  churnAfterDays: number;
  horizonDays: number;
  trend: number | null;
  trailingRevenueCents: number;
  lastOrderOn: string | null;
  history: Array<{ date: string; score: number }>;
  openAlerts: ReadonlyArray<unknown>;
  alertCard?: AlertCardView | null;
}

/**
 * The `/klant-health` card: score, band and trend first, then the reasons in plain words (worst
 * signal first), the facts a sales person asks next, the score history and the buttons.
 */
export function healthCard(view: HealthCardModel, locale: Locale): Message {
  const t = translator(locale);
  const { customer, health } = view;
  const trend = trendText(view.trend, locale);
  const active = view.standing === "active";
  const scoreLine = active
    ? t("health.scoreLine", {
        emoji: bandEmoji(health.band),
        score: health.score,
        band: bandLabel(health.band, locale),
        trend,
      })
    : t("health.churnedLine");
  const missing = health.signals.filter((signal) => signal.score === null);
  const reasons = signalsWorstFirst(health.signals).map((signal) => {
    const points = signal.points ? ` (${formatDelta(signal.points, locale)})` : "";
    return `${signalLabel(signal, locale)}${points}: ${reasonText(signal.reason, locale)}`;
  });

  const blocks: MessageBlock[] = [
    { type: "header", text: customer.name },
    { type: "text", text: scoreLine },
  ];
  if (view.standing === "churned-erp" && customer.churnedAt) {
    blocks.push({
      type: "context",
      text: t("health.churned", { date: formatDate(customer.churnedAt, locale) }),
    });
  } else if (view.standing === "churned-silent") {
    blocks.push({
      type: "context",
      text: t("health.silentChurn", {
        date: view.lastOrderOn ? formatDate(view.lastOrderOn, locale) : t("health.never"),
        days: view.churnAfterDays,
      }),
    });
  } else if (health.confidence < MIN_HEALTHY_CONFIDENCE) {
    blocks.push({ type: "context", text: t("health.lowConfidence") });
  }
  blocks.push(
    {
      type: "fields",
      fields: [
        { label: t("health.revenue"), value: formatMoney(view.trailingRevenueCents, locale) },
        { label: t("health.owner"), value: customer.owner?.name ?? t("health.noOwner") },
        {
          label: t("health.lastOrder"),
          value: view.lastOrderOn ? formatDate(view.lastOrderOn, locale) : t("health.never"),
        },
        { label: t("health.segment"), value: customer.segment || "—" },
        { label: t("health.confidence"), value: formatPercent(health.confidence * 100, locale) },
        { label: t("health.openAlerts"), value: String(view.openAlerts.length) },
      ],
    },
    { type: "text", text: `**${t("health.reasons")}**` },
    { type: "bullets", items: reasons },
  );
  if (active) {
    blocks.push({
      type: "context",
      text:
        health.model === "calibrated"
          ? t("health.pointsCalibrated", {
              base: health.baseScore,
              horizon: view.horizonDays,
              churn: formatPercent(health.churnProbability * 100, locale),
            })
          : t("health.pointsWeights"),
    });
  }
  if (missing.length > 0) {
    blocks.push({
      type: "context",
      text: t("health.missing", { signals: missing.map((signal) => signalLabel(signal, locale)).join(", ") }),
    });
  }
  // The weekly history ends with the shown snapshot; a live score (never scored) is added to it.
  const history = view.history.map((point) => point.score);
  if (view.history.at(-1)?.date !== view.scoredOn) history.push(health.score);
  if (history.length > 1) {
    blocks.push({ type: "sparkline", label: t("health.history"), values: history });
  }
  // Live alerts with the same buttons as the alert DM (acknowledge, snooze, reassign).
  if (view.alertCard) blocks.push(...alertBlocksForCard(view.alertCard, locale));
  blocks.push({ type: "actions", actions: cardActions(view, locale) });
  blocks.push({
    type: "context",
    text: t("health.footer", { externalId: customer.externalId, date: formatDate(view.scoredOn, locale) }),
  });

  const headline = active
    ? `${health.score}/100 ${bandLabel(health.band, locale)}, trend ${trend}`
    : t("health.churnedLine").replaceAll("*", "");
  const text = `${customer.name}: ${headline}. ${reasons[0] ?? ""}`;
  return { text: text.trim(), blocks, ephemeral: true };
}

/** The trend as every view shows it: "+3", "−21", or "nog geen historie". */
export function trendText(delta: number | null, locale: Locale): string {
  return delta === null ? translator(locale)("health.unknownTrend") : formatDelta(delta, locale);
}

function cardActions(view: HealthCardModel, locale: Locale): MessageAction[] {
  const t = translator(locale);
  return [
    { id: "pulse.add", label: t("action.addPulse"), value: { customerId: view.customer.id } },
    { id: "card.share", label: t("action.share"), value: { customerId: view.customer.id }, style: "primary" },
  ];
}

export function signalLabel(signal: Pick<SignalResult, "key">, locale: Locale): string {
  return translator(locale)(`signal.${signal.key}` as MessageKey);
}
