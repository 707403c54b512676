import { z } from "zod";
import type { RateRow } from "../../domain/health/backtest-metrics.ts";
import type { LeadTime } from "../../domain/health/lead-time.ts";
import {
  type BacktestReport,
  type RankingQuality,
  runBacktest,
  type YardstickName,
} from "../../services/health-model/run-backtest.ts";
import { saveTrackRecord } from "../../services/health-model/track-record.ts";
import { optionalAsOf, optionalDateOption, parseCliArgs, parseOption } from "../args.ts";
import type { CliCommand } from "../command.ts";

const usage = "klantpuls backtest [--as-of YYYY-MM-DD] [--horizon DAYS] [--every DAYS] [--dates N] [--json]";

/** `klantpuls backtest`: the score's track record on the company's own history, against the yardsticks. */
export const backtestCommand: CliCommand = {
  usage,
  async run(args, io) {
    const { values } = parseCliArgs(
      args,
      {
        "as-of": { type: "string" },
        horizon: { type: "string" },
        every: { type: "string" },
        dates: { type: "string" },
        json: { type: "boolean", default: false },
      },
      usage,
    );
    const days = z.coerce.number().int().min(7).max(730);
    const ctx = await io.services();
    const report = await runBacktest({
      ctx,
      ...optionalAsOf(optionalDateOption(values["as-of"], "as-of", usage)),
      ...(values.horizon ? { horizonDays: parseOption(days, values.horizon, "horizon", usage) } : {}),
      ...(values.every ? { everyDays: parseOption(days, values.every, "every", usage) } : {}),
      ...(values.dates
        ? { dates: parseOption(z.coerce.number().int().min(1).max(60), values.dates, "dates", usage) }
        : {}),
      onProgress: io.isTty
        ? (done, total, asOf) => io.err(`backtest: ${done}/${total} as-of dates scored (${asOf})`)
        : undefined,
    });
    // The latest run is the track record App Home, /klant-kpi and the digest show.
    await saveTrackRecord(ctx, report);
    io.out(values.json ? JSON.stringify(report, null, 2) : formatReport(report));
    return 0;
  },
};

const pct = (value: number | null) => (value === null ? "—" : `${(value * 100).toFixed(1)} %`);
const num = (value: number | null) => (value === null ? "—" : value.toFixed(3));
const check = (ok: boolean) => (ok ? "ok " : "NO ");

/** How the report names each yardstick: in full in its tables, short in the per-date line. */
const yardstickLabels: Record<YardstickName, { full: string; short: string }> = {
  daysSinceLastOrder: { full: "days since last order", short: "days since last order" },
  rfm: { full: "RFM quintile sum", short: "RFM" },
  bgnbd: { full: "BG/NBD P(no order)", short: "BG/NBD" },
  plainLogistic: { full: "plain logistic, all data", short: "plain logistic" },
};

/** Per date on its own: at how many dates the score ranks better than each yardstick. */
export function datesAheadLine(report: Pick<BacktestReport, "perDate">): string {
  const counts = Object.entries(yardstickLabels).map(([name, label]) => {
    const aucs = report.perDate.flatMap((date) => {
      const yardstick = date.yardsticks[name as YardstickName];
      return date.auc !== null && yardstick !== null ? [{ score: date.auc, yardstick }] : [];
    });
    const ahead = aucs.filter(({ score, yardstick }) => score > yardstick).length;
    return `${label.short} ${ahead} of ${aucs.length}`;
  });
  return `  dates where the score ranks better than: ${counts.join(", ")}`;
}

function formatReport(report: BacktestReport): string {
  const quality = (name: string, q: RankingQuality) =>
    `  ${name.padEnd(26)} ${num(q.auc).padStart(6)} ${num(q.aucRepeat).padStart(8)} ${num(q.aucOneTime).padStart(9)}`;
  const band = (name: string, row: RateRow) =>
    `  ${name.padEnd(10)} ${String(row.customers).padStart(8)} ${pct(row.churnRate).padStart(8)}`;
  const lead = (name: string, time: LeadTime) =>
    `  ${name.padEnd(26)} ${String(time.churnersFlagged).padStart(8)} ${String(time.medianDays ?? "—").padStart(7)} ${pct(time.shareAtLeast45Days).padStart(7)}`;
  const first = report.asOfDates.at(-1) ?? "—";
  const last = report.asOfDates[0] ?? "—";
  return [
    `Backtest: ${report.asOfDates.length} as-of dates ${first} … ${last}, every ${report.everyDays} days; ` +
      `churn = no order (or ERP churn) within ${report.horizonDays} days.`,
    `${report.rows} customer-dates, ${report.churners} churned (base rate ${pct(report.baseRate)}); ` +
      `calibrated on its own past at ${report.calibratedDates} of ${report.asOfDates.length} dates.`,
    "",
    "Ranking (AUC: chance a churner ranks riskier than a stayer)",
    `  ${"".padEnd(26)} ${"all".padStart(6)} ${"repeat".padStart(8)} ${"one-time".padStart(9)}`,
    quality("Klantpuls score", report.score),
    ...Object.entries(yardstickLabels).map(([name, label]) =>
      quality(label.full, report.baselines[name as YardstickName]),
    ),
    datesAheadLine(report),
    "",
    "Churn per band",
    `  ${"".padEnd(10)} ${"rows".padStart(8)} ${"churned".padStart(8)}`,
    band("healthy", report.bands.HEALTHY),
    band("attention", report.bands.ATTENTION),
    band("at risk", report.bands.AT_RISK),
    `  at risk: precision ${pct(report.atRisk.precision)}, recall ${pct(report.atRisk.recall)}, ` +
      `${report.atRisk.lift === null ? "—" : report.atRisk.lift.toFixed(2)}× the base rate`,
    "",
    "Calibration by score decile (1 = safest): predicted vs actual churn",
    ...report.calibration.map(
      (d) =>
        `  ${String(d.decile).padStart(2)}  ${pct(d.meanPredicted).padStart(8)}  ${pct(d.churnRate).padStart(8)}`,
    ),
    "",
    "Lead time: days from the first at-risk flag to the churner's last order (positive = warned while",
    "still buying); the yardsticks flag as many customers per date as the at-risk band",
    `  ${"".padEnd(26)} ${"flagged".padStart(8)} ${"median".padStart(7)} ${"≥ 45 d".padStart(7)}`,
    lead("Klantpuls at risk", report.leadTime),
    lead(yardstickLabels.daysSinceLastOrder.full, report.leadTime.baselines.daysSinceLastOrder),
    lead(yardstickLabels.rfm.full, report.leadTime.baselines.rfm),
    lead(yardstickLabels.bgnbd.full, report.leadTime.baselines.bgnbd),
    "",
    "Targets",
    `  ${check(report.targets.beatsBaselines)} score AUC ≥ the best yardstick`,
    `  ${check(report.targets.bandsOrdered)} churn at risk > attention > healthy`,
    `  ${check(report.targets.atRiskLift)} at-risk churn ≥ 1.5× the base rate`,
    `  ${check(report.targets.leadTime)} median lead time ≥ 45 days`,
  ].join("\n");
}
