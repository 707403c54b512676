import { klantKpi } from "../../../commands/klant-kpi.ts";
import { matchSegment, periodProblem } from "../../../commands/shared.ts";
import { AppError } from "../../app-error.ts";
import { isoDateIn } from "../../clock.ts";
import { addDays } from "../../domain/dates.ts";
import { type Period, parsePeriodWords } from "../../domain/periods.ts";
import { translator } from "../../i18n/index.ts";
import { getKpis, type KpiReport } from "../../services/get-kpis.ts";
import { latestTrackRecord } from "../../services/health-model/track-record.ts";
import { renderText } from "../../views/render-text.ts";
import { isoDateOption, localeOption, parseCliArgs, parseOption } from "../args.ts";
import { cliCommandContext } from "../cli-user.ts";
import type { CliCommand } from "../command.ts";

const usage =
  'klantpuls kpi [--period "vorig kwartaal"] [--from YYYY-MM-DD --to YYYY-MM-DD] [--segment S] [--json] [--lang nl|en|fr]';

/**
 * `klantpuls kpi`: retention KPIs over a period (default: the last 90 days). `--period` reads the same
 * forms as `/klant-kpi` (one parser, src/domain/periods.ts); `--json` gives money in whole cents.
 */
export const kpiCommand: CliCommand = {
  usage,
  async run(args, io) {
    const { values } = parseCliArgs(
      args,
      {
        period: { type: "string" },
        from: { type: "string" },
        to: { type: "string" },
        segment: { type: "string" },
        json: { type: "boolean", default: false },
        lang: { type: "string", default: "nl" },
      },
      usage,
    );
    const locale = parseOption(localeOption, values.lang, "lang", usage);
    const t = translator(locale);
    const ctx = await io.services();
    const today = isoDateIn(ctx.clock.now(), ctx.timezone);
    let period: Period;
    if (values.period !== undefined) {
      if (values.from || values.to)
        throw new AppError("BAD_INPUT", `--period cannot be combined with --from/--to.\n\nUsage: ${usage}`);
      const words = values.period.trim().split(/\s+/).filter(Boolean);
      const parsed = parsePeriodWords(words, today, locale);
      if (parsed.kind !== "period" || parsed.rest.length > 0) {
        const problem =
          parsed.kind === "error"
            ? periodProblem(parsed.error, t)
            : t("periods.unknown", { input: values.period });
        throw new AppError("BAD_INPUT", `--period: ${problem}\n${t("periods.forms")}\n\nUsage: ${usage}`);
      }
      period = parsed.period;
    } else {
      const to = values.to ? parseOption(isoDateOption, values.to, "to", usage) : today;
      const from = values.from ? parseOption(isoDateOption, values.from, "from", usage) : addDays(to, -89);
      if (from > to)
        throw new AppError("BAD_INPUT", `--from (${from}) is after --to (${to}).\n\nUsage: ${usage}`);
      period = { from, to };
    }
    const segmentWords = values.segment?.trim() ? [values.segment.trim()] : [];
    const segment = await matchSegment(segmentWords, ctx, locale);
    if (!segment.ok) throw new AppError("BAD_INPUT", `--segment: ${segment.problem}\n\nUsage: ${usage}`);

    if (!values.json) {
      const expression = values.period ?? `${period.from}..${period.to}`;
      const message = await klantKpi.run(
        [expression, segment.segment ?? ""].join(" "),
        cliCommandContext(ctx, locale),
      );
      io.out(renderText(message).text);
      return 0;
    }
    const [report, trackRecord] = await Promise.all([
      getKpis({ ctx, from: period.from, to: period.to, segment: segment.segment }),
      latestTrackRecord(ctx),
    ]);
    io.out(JSON.stringify({ ...inWholeCents(report), trackRecord }, null, 2));
    return 0;
  },
};

/** Money in the JSON is whole cents (an average per customer would otherwise carry fractions). */
function inWholeCents(report: KpiReport): KpiReport & { moneyUnit: "cents" } {
  const round = (value: number | null) => (value === null ? null : Math.round(value));
  return {
    ...report,
    revenue: Math.round(report.revenue),
    revenueAtRisk: round(report.revenueAtRisk),
    clv: round(report.clv),
    orderRevenuePerCustomer: round(report.orderRevenuePerCustomer),
    expectedLoss: round(report.expectedLoss),
    moneyUnit: "cents",
  };
}
