import { isoDateIn } from "../src/clock.ts";
import { addDays } from "../src/domain/dates.ts";
import {
  formatDate,
  formatDateRange,
  formatDelta,
  formatMoney,
  formatNumber,
  formatPercent,
} from "../src/domain/format.ts";
import type { TrackRecord } from "../src/domain/health/track-record.ts";
import { type Period, parsePeriodWords, previousPeriod } from "../src/domain/periods.ts";
import { type Locale, type Translate, translator } from "../src/i18n/index.ts";
import { getKpis, type KpiReport } from "../src/services/get-kpis.ts";
import { latestTrackRecord } from "../src/services/health-model/track-record.ts";
import type { Field, Message } from "../src/views/message.ts";
import { trackRecordText } from "../src/views/track-record.ts";
import { isHelpWord, matchSegment, periodProblem, usageMessage } from "./shared.ts";
import type { ChatCommand, CommandContext } from "./types.ts";

/** `/klant-kpi [periode] [segment]`: retention KPIs for a period, with the change against the period before. */
export const klantKpi: ChatCommand = {
  name: "klant-kpi",
  async run(args: string, ctx: CommandContext): Promise<Message> {
    const t = translator(ctx.locale);
    const usage = `${t("kpi.usage")}\n${t("periods.forms")}`;
    const tokens = args.trim().split(/\s+/).filter(Boolean);
    if (tokens.some(isHelpWord)) return usageMessage(usage);
    const today = isoDateIn(ctx.services.clock.now(), ctx.services.timezone);

    let period: Period = { from: addDays(today, -89), to: today };
    let segmentWords = tokens;
    const parsed = parsePeriodWords(tokens, today, ctx.locale);
    if (parsed.kind === "error") return usageMessage(`${periodProblem(parsed.error, t)}\n${usage}`);
    if (parsed.kind === "period") {
      period = parsed.period;
      segmentWords = parsed.rest;
    }
    const match = await matchSegment(segmentWords, ctx.services, ctx.locale);
    if (!match.ok) return usageMessage(`${match.problem}\n${usage}`);
    const { segment } = match;

    const before = previousPeriod(period);
    const [current, previous, record] = await Promise.all([
      getKpis({ ctx: ctx.services, ...period, segment }),
      getKpis({ ctx: ctx.services, ...before, segment }),
      latestTrackRecord(ctx.services),
    ]);
    return kpiMessage(current, previous, period, ctx.locale, record);
  },
};

function kpiMessage(
  current: KpiReport,
  previous: KpiReport,
  period: Period,
  locale: Locale,
  record: TrackRecord | null,
): Message {
  const t = translator(locale);
  const title = t("kpi.title", {
    period: formatDateRange(current.from, current.to, locale),
    segment: current.segment ? ` · ${current.segment}` : "",
  });
  const fields = kpiFields(current, previous, locale, t);
  const text = `${title}: ${fields.map((field) => `${field.label} ${field.value}`).join("; ")}`;
  return {
    text,
    ephemeral: true,
    blocks: [
      { type: "header", text: title },
      { type: "fields", fields },
      {
        type: "context",
        // A running period covers up to today: say so, and that it is compared with the same part
        // of the period before, not with the whole of it.
        text: period.end
          ? t("kpi.runningVsPrevious", {
              to: formatDate(current.to, locale, { style: "short", withoutYear: true }),
              previous: formatDateRange(previous.from, previous.to, locale),
            })
          : t("kpi.vsPrevious", { period: formatDateRange(previous.from, previous.to, locale) }),
      },
      ...(current.whatIf
        ? [
            {
              type: "context" as const,
              text: t("kpi.whatIf", {
                from: formatPercent(current.whatIf.fromRate, locale),
                to: formatPercent(current.whatIf.toRate, locale),
                kept: formatMoney(current.whatIf.revenueKept, locale),
              }),
            },
          ]
        : []),
      { type: "context", text: trackRecordText(record, locale) },
    ],
  };
}

function kpiFields(current: KpiReport, previous: KpiReport, locale: Locale, t: Translate): Field[] {
  const na = t("kpi.notAvailable");
  const percent = (value: number | null) =>
    value === null ? na : formatPercent(value, locale, { decimals: 1 });
  const delta = (now: number | null, before: number | null, decimals = 1, suffix = "") =>
    now === null || before === null ? "" : ` (${formatDelta(now - before, locale, { decimals })}${suffix})`;
  const points = locale === "en" ? " pts" : " pp";
  return [
    {
      label: t("kpi.customers"),
      value: t("kpi.customersValue", {
        start: current.customersAtStart,
        end: current.customersAtEnd,
        new: current.newCustomers,
        lost: current.lostCustomers,
      }),
    },
    {
      label: t("kpi.retention"),
      value: percent(current.retentionRate) + delta(current.retentionRate, previous.retentionRate, 1, points),
    },
    {
      label: t("kpi.churn"),
      value: percent(current.churnRate) + delta(current.churnRate, previous.churnRate, 1, points),
    },
    {
      label: t("kpi.nps"),
      value:
        current.nps === null
          ? na
          : t("kpi.npsValue", { nps: formatNumber(current.nps, locale), answers: current.npsAnswers }) +
            delta(current.nps, previous.nps, 0),
    },
    {
      label: t("kpi.revenue"),
      value: formatMoney(current.revenue, locale) + moneyDelta(current.revenue, previous.revenue, locale),
    },
    {
      label: t("kpi.revenueAtRisk"),
      value:
        current.revenueAtRisk === null
          ? t("kpi.noHistory")
          : t("kpi.atRiskValue", {
              amount: formatMoney(current.revenueAtRisk, locale),
              count: current.atRiskCustomers ?? 0,
            }) +
            (previous.revenueAtRisk === null
              ? ` (${t("kpi.vsPreviousUnknown")})`
              : moneyDelta(current.revenueAtRisk, previous.revenueAtRisk, locale)),
    },
    {
      label: t("kpi.expectedLoss"),
      value: current.expectedLoss === null ? t("kpi.noHistory") : formatMoney(current.expectedLoss, locale),
    },
    {
      label: t("kpi.clv"),
      value:
        current.clv === null
          ? na
          : `${current.clvLifetimeCapped ? "≥ " : ""}${formatMoney(current.clv, locale)}`,
    },
    {
      label: t("kpi.frequency"),
      value:
        current.ordersPerCustomer === null
          ? na
          : formatNumber(current.ordersPerCustomer, locale, 1) +
            delta(current.ordersPerCustomer, previous.ordersPerCustomer, 1),
    },
    {
      label: t("kpi.volume"),
      value:
        current.orderRevenuePerCustomer === null
          ? na
          : formatMoney(current.orderRevenuePerCustomer, locale) +
            (previous.orderRevenuePerCustomer === null
              ? ""
              : moneyDelta(current.orderRevenuePerCustomer, previous.orderRevenuePerCustomer, locale)),
    },
  ];
}

function moneyDelta(now: number, before: number, locale: Locale): string {
  const diff = now - before;
  if (diff === 0) return "";
  const sign = diff > 0 ? "+" : "";
  return ` (${sign}${formatMoney(diff, locale, { compact: true })})`;
}
