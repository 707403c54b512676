import { AppError } from "../../app-error.ts";
import { isoDateIn } from "../../clock.ts";
import { queryOrderDateRange } from "../../db/queries/churn-labels.ts";
import { addDays, daysBetween } from "../../domain/dates.ts";
import { auc, deciles, quintiles, type RateRow, rate } from "../../domain/health/backtest-metrics.ts";
import { type LeadTime, leadTimes, topShare } from "../../domain/health/lead-time.ts";

import { fitLogistic, type LogisticModel, predictLogistic } from "../../domain/health/logistic.ts";
import { plainFeatureNames } from "../../domain/health/plain-features.ts";
import { scoreHealth } from "../../domain/health/score.ts";
import type { HealthBand } from "../../domain/health/types.ts";
import type { ServiceContext } from "../context.ts";
import { fitCalibrationAt } from "./fit-calibration.ts";
import {
  type LabelledDate,
  labelledDate,
  MIN_HISTORY_DAYS,
  pooledLabels,
  trainingSets,
  withoutBookRows,
} from "./training-set.ts";

export interface RankingQuality {
  auc: number | null;
  /** Among customers with at least one repeat order, and among one-time buyers. */
  aucRepeat: number | null;
  aucOneTime: number | null;
}

export type YardstickName = keyof BacktestReport["baselines"];

export interface BacktestReport {
  asOfDates: string[];
  horizonDays: number;
  everyDays: number;
  /** Pooled (customer, as-of date) rows of active customers with at least one order. */
  rows: number;
  churners: number;
  baseRate: number | null;
  /** How many of the as-of dates were scored with a calibration fitted on their own past. */
  calibratedDates: number;
  score: RankingQuality;
  baselines: {
    daysSinceLastOrder: RankingQuality;
    rfm: RankingQuality;
    bgnbd: RankingQuality;
    /**
     * A logistic regression on plain columns of every source (domain/health/plain-features.ts), fitted
     * on the same past dates as the calibration. Null AUCs when a date had no history to fit it on.
     */
    plainLogistic: RankingQuality;
  };
  bands: Record<HealthBand, RateRow>;
  atRisk: { precision: number | null; recall: number | null; lift: number | null };
  calibration: ReturnType<typeof deciles>;
  leadTime: LeadTime & {
    /**
     * The same measure for each yardstick flagging as many customers per date as the score's at-risk
     * band: how early the warning could come with the same workload.
     */
    baselines: { daysSinceLastOrder: LeadTime; rfm: LeadTime; bgnbd: LeadTime };
  };
  targets: { beatsBaselines: boolean; bandsOrdered: boolean; atRiskLift: boolean; leadTime: boolean };
  /** Each date on its own: the score's AUC and the yardsticks' on the same rows. */
  perDate: Array<{
    asOf: string;
    rows: number;
    churnRate: number | null;
    auc: number | null;
    yardsticks: Record<YardstickName, number | null>;
  }>;
}

interface PooledRow {
  customerId: number;
  asOf: string;
  label: number;
  repeat: boolean;
  risk: number;
  band: HealthBand;
  daysSinceLast: number;
  rfmRisk: number;
  bgnbdRisk: number;
  /** Null on a date without enough history to fit the plain yardstick. */
  plainRisk: number | null;
}

/**
 * No date fits between "half a year of orders before it" and "its horizon over by the last order": an
 * empty report would mark targets met on nothing, so say what the book lacks and what to do.
 */
function tooLittleHistory(dates: {
  asOf: string;
  earliest: string;
  lastKnown: string;
  horizonDays: number;
  chosen: boolean;
}): AppError {
  const latest = addDays(dates.lastKnown, -dates.horizonDays);
  const need =
    `an as-of date needs ${MIN_HISTORY_DAYS} days of orders before it (${dates.earliest} or later) and ` +
    `the ${dates.horizonDays} days after it known (${latest} or earlier, the last order being ${dates.lastKnown})`;
  const advice =
    dates.chosen && dates.earliest <= latest
      ? `choose --as-of between ${dates.earliest} and ${latest}.`
      : `import a longer order history (at least ${MIN_HISTORY_DAYS + dates.horizonDays} days from the first order to the last).`;
  return new AppError("BAD_INPUT", `Too little history to backtest at ${dates.asOf}: ${need}; ${advice}`);
}

/**
 * Replays scoring at past as-of dates, with only the data known on each date (and a calibration fitted
 * only on outcomes known by then), labels churn in the horizon after each, and measures the score
 * against the yardsticks on the same rows. Dates: `asOf` (default: today − horizon, the latest whose
 * outcome is known), then every `everyDays` back.
 */
export async function runBacktest(options: {
  ctx: ServiceContext;
  asOf?: string;
  horizonDays?: number;
  everyDays?: number;
  dates?: number;
  onProgress?: (done: number, total: number, asOf: string) => void;
}): Promise<BacktestReport> {
  const base = options.ctx;
  const horizonDays = options.horizonDays ?? base.settings.health.calibration.horizonDays;
  const everyDays = options.everyDays ?? base.settings.health.calibration.everyDays;
  const ctx: ServiceContext = {
    ...base,
    settings: {
      ...base.settings,
      health: {
        ...base.settings.health,
        calibration: { ...base.settings.health.calibration, horizonDays, everyDays },
      },
    },
  };
  const today = isoDateIn(ctx.clock.now(), ctx.timezone);
  const range = await queryOrderDateRange(ctx.db.sql);
  if (range.first === null || range.last === null) {
    throw new AppError("BAD_INPUT", "No orders to backtest on: import orders first.");
  }
  // Dates compare as strings (ISO); the later of "last order" and "today" does not count.
  const lastKnown = [range.last, today].sort()[0]!;
  const asOf = options.asOf ?? addDays(lastKnown, -horizonDays);
  if (daysBetween(asOf, lastKnown) < horizonDays) {
    throw new AppError(
      "BAD_INPUT",
      `What happened in the ${horizonDays} days after ${asOf} is not known yet (last order ${lastKnown}): ` +
        `choose --as-of ${addDays(lastKnown, -horizonDays)} or earlier.`,
    );
  }
  const earliest = addDays(range.first, MIN_HISTORY_DAYS);
  const asOfDates: string[] = [];
  for (let j = 0; j < (options.dates ?? 12); j += 1) {
    const date = addDays(asOf, -j * everyDays);
    if (date < earliest) break;
    asOfDates.push(date);
  }
  if (asOfDates.length === 0)
    throw tooLittleHistory({ asOf, earliest, lastKnown, horizonDays, chosen: !!options.asOf });
  const cache = new Map<string, Promise<LabelledDate>>();
  const pooled: PooledRow[] = [];
  const perDate: BacktestReport["perDate"] = [];
  let calibratedDates = 0;
  // Oldest first, so each fit can warm-start from the previous date's book.
  for (const [index, date] of [...asOfDates].reverse().entries()) {
    const calibration =
      ctx.settings.health.model === "calibrated"
        ? await fitCalibrationAt({ ctx, asOf: date, cache, store: false })
        : null;
    if (calibration) calibratedDates += 1;
    // Scoring needs the date's whole book (every customer's inputs); once scored, only the features
    // and labels stay cached for later dates' calibrations, so the replay holds one book at a time.
    // The cache never holds a date before it is scored: a date's fits only use earlier dates.
    const labelled = await labelledDate(ctx, date, horizonDays, null);
    const plainModel = await fitPlainYardstick(ctx, date, cache, range.first);
    pooled.push(...scoreDate(ctx, labelled, calibration, plainModel));
    cache.set(date, Promise.resolve(withoutBookRows(labelled)));
    const dateRows = pooled.filter((row) => row.asOf === date);
    perDate.push({
      asOf: date,
      rows: dateRows.length,
      churnRate: rate(dateRows.length, dateRows.filter((row) => row.label).length).churnRate,
      auc: auc(
        dateRows.map((row) => row.risk),
        dateRows.map((row) => row.label),
      ),
      yardsticks: mapYardsticks((risk) => quality(dateRows, risk).auc),
    });
    options.onProgress?.(index + 1, asOfDates.length, date);
  }
  return summarise(pooled, {
    asOfDates,
    horizonDays,
    everyDays,
    calibratedDates,
    perDate: perDate.reverse(),
  });
}

/**
 * The plain yardstick for `asOf`: a logistic regression on plain columns, fitted on the same past dates
 * (and outcomes known by then) as the calibration for that date. Null without both outcomes to learn.
 */
async function fitPlainYardstick(
  ctx: ServiceContext,
  asOf: string,
  cache: Map<string, Promise<LabelledDate>>,
  firstOrderOn: string | null,
): Promise<LogisticModel | null> {
  const { sets } = await trainingSets(ctx, asOf, { firstOrderOn, cache });
  const rows = sets.flatMap((set) => set.plain);
  const labels = pooledLabels(sets);
  const churners = labels.reduce((sum, label) => sum + label, 0);
  if (churners === 0 || churners === labels.length) return null;
  return fitLogistic([...plainFeatureNames], rows, labels, { lambda: PLAIN_PENALTY });
}

/** A light ridge, as an analyst's default; enough to keep the fit finite on separable columns. */
const PLAIN_PENALTY = 1e-3;

function scoreDate(
  ctx: ServiceContext,
  set: LabelledDate,
  calibration: Parameters<typeof scoreHealth>[2],
  plainModel: LogisticModel | null,
): PooledRow[] {
  const byId = new Map(set.book.rows.map((row) => [row.customerId, row]));
  const rows = set.active.map((customerId, i) => {
    const inputs = byId.get(customerId)!.inputs;
    const health = scoreHealth(inputs, ctx.settings.health, calibration);
    return {
      customerId,
      asOf: set.asOf,
      label: set.labels[i]!,
      repeat: inputs.orders.repeatOrderDays > 0,
      risk: health.churnProbability,
      band: health.band,
      daysSinceLast: inputs.orders.daysSinceLastOrder ?? 0,
      frequency: inputs.orders.repeatOrderDays + 1,
      monetary: inputs.orders.revenue365Cents,
      rfmRisk: 0,
      bgnbdRisk: 1 - (inputs.orders.rhythm?.pOrder ?? 0),
      plainRisk: plainModel ? predictLogistic(plainModel, set.plain[i]!) : null,
    };
  });
  // RFM quintiles within the date: recent, frequent and big buyers score high (risk = −sum).
  const r = quintiles(rows.map((row) => -row.daysSinceLast));
  const f = quintiles(rows.map((row) => row.frequency));
  const m = quintiles(rows.map((row) => row.monetary));
  return rows.map(({ frequency: _f, monetary: _m, ...row }, i) => ({
    ...row,
    rfmRisk: -(r[i]! + f[i]! + m[i]!),
  }));
}

/** Each yardstick's risk for a row (higher = riskier); the plain one is null without a fit. */
const yardstickRisk: Record<YardstickName, (row: PooledRow) => number | null> = {
  daysSinceLastOrder: (row) => row.daysSinceLast,
  rfm: (row) => row.rfmRisk,
  bgnbd: (row) => row.bgnbdRisk,
  plainLogistic: (row) => row.plainRisk,
};

/** One measure per yardstick, in the report's order (that of `yardstickRisk`). */
function mapYardsticks<T>(measure: (risk: (row: PooledRow) => number | null) => T): Record<YardstickName, T> {
  return Object.fromEntries(
    Object.entries(yardstickRisk).map(([name, risk]) => [name, measure(risk)]),
  ) as Record<YardstickName, T>;
}

/** AUC overall and per group; null where a yardstick has no value for some row (no unfair subset). */
function quality(rows: PooledRow[], pick: (row: PooledRow) => number | null): RankingQuality {
  const of = (subset: PooledRow[]) => {
    const risks = subset.map(pick);
    if (risks.some((risk) => risk === null)) return null;
    return auc(
      risks as number[],
      subset.map((row) => row.label),
    );
  };
  return {
    auc: of(rows),
    aucRepeat: of(rows.filter((row) => row.repeat)),
    aucOneTime: of(rows.filter((row) => !row.repeat)),
  };
}

function summarise(
  rows: PooledRow[],
  meta: Pick<BacktestReport, "asOfDates" | "horizonDays" | "everyDays" | "calibratedDates" | "perDate">,
): BacktestReport {
  const churners = rows.filter((row) => row.label).length;
  const baseRate = rows.length ? churners / rows.length : null;
  const bandRate = (band: HealthBand) => {
    const inBand = rows.filter((row) => row.band === band);
    return rate(inBand.length, inBand.filter((row) => row.label).length);
  };
  const bands = {
    HEALTHY: bandRate("HEALTHY"),
    ATTENTION: bandRate("ATTENTION"),
    AT_RISK: bandRate("AT_RISK"),
  };
  const precision = bands.AT_RISK.churnRate;
  const recall = churners ? bands.AT_RISK.churned / churners : null;
  const lift = precision !== null && baseRate ? precision / baseRate : null;
  const score = quality(rows, (row) => row.risk);
  const baselines = mapYardsticks((risk) => quality(rows, risk));
  const flaggedShare = rows.length ? bands.AT_RISK.customers / rows.length : 0;
  const sameShare = (pick: (row: PooledRow) => number) => leadTimes(rows, topShare(rows, pick, flaggedShare));
  const leadTime = {
    ...leadTimes(rows, (row) => row.band === "AT_RISK"),
    baselines: {
      daysSinceLastOrder: sameShare((row) => row.daysSinceLast),
      rfm: sameShare((row) => row.rfmRisk),
      bgnbd: sameShare((row) => row.bgnbdRisk),
    },
  };
  const best = Math.max(...Object.values(baselines).map((b) => b.auc ?? 0));
  const ordered = (a: number | null, b: number | null) => a !== null && b !== null && a > b;
  return {
    ...meta,
    rows: rows.length,
    churners,
    baseRate,
    score,
    baselines,
    bands,
    atRisk: { precision, recall, lift },
    calibration: deciles(
      rows.map((row) => row.risk),
      rows.map((row) => row.label),
    ),
    leadTime,
    targets: {
      beatsBaselines: score.auc !== null && score.auc >= best,
      bandsOrdered:
        ordered(bands.AT_RISK.churnRate, bands.ATTENTION.churnRate) &&
        ordered(bands.ATTENTION.churnRate, bands.HEALTHY.churnRate),
      atRiskLift: (lift ?? 0) >= 1.5,
      leadTime: (leadTime.medianDays ?? -Infinity) >= 45,
    },
  };
}
