import { queryOrderDateRange } from "../../db/queries/churn-labels.ts";
import { saveHealthModel } from "../../db/queries/health-models.ts";
import { auc } from "../../domain/health/backtest-metrics.ts";
import { fitCalibration, fitChurnModel, type HealthCalibration } from "../../domain/health/calibration.ts";
import { predictLogistic } from "../../domain/health/logistic.ts";
import type { ServiceContext } from "../context.ts";
import { type LabelledDate, pooledLabels, trainingSets } from "./training-set.ts";

/**
 * Fit the calibration for `asOf` on the company's own history (only outcomes known by asOf) and store
 * it. Null, and nothing stored, when the history is too short: the configured weights are then used.
 * `cache` lets a backtest share the labelled dates between its as-of dates.
 */
export async function fitCalibrationAt(options: {
  ctx: ServiceContext;
  asOf: string;
  cache?: Map<string, Promise<LabelledDate>>;
  store?: boolean;
}): Promise<HealthCalibration | null> {
  const { ctx, asOf } = options;
  const { horizonDays, penalty } = ctx.settings.health.calibration;
  const range = await queryOrderDateRange(ctx.db.sql);
  // Only the features, labels and fit are needed from here on: each date's book (every customer's
  // inputs) is let go at once, also in a backtest's cache, so memory holds one book, not eighteen.
  const { dates, sets } = await trainingSets(ctx, asOf, {
    firstOrderOn: range.first,
    ...(options.cache ? { cache: options.cache } : {}),
  });
  const features = sets.flatMap((set) => set.features);
  const labels = pooledLabels(sets);
  const calibration = fitCalibration({
    fittedOn: asOf,
    horizonDays,
    trainingDates: dates,
    features,
    labels,
    customers: new Set(sets.flatMap((set) => set.active)).size,
    lambda: penalty === "auto" ? choosePenalty(sets) : penalty,
  });
  if (calibration && options.store !== false) {
    await saveHealthModel(ctx.db.sql, { kind: "calibration", asOf, params: calibration });
  }
  ctx.log.info(
    { asOf, dates: dates.length, rows: features.length, fitted: calibration !== null },
    "health calibration fitted",
  );
  return calibration;
}

const PENALTIES = [0.003, 0.01, 0.03, 0.1, 0.3, 1];
const DEFAULT_PENALTY = 0.1;

/**
 * Time-split validation: fit on all training dates but the newest, rank the newest, keep the penalty
 * with the best AUC (the larger one on a tie: simpler is safer). Scoring is always out of time, so the
 * choice is too.
 */
export function choosePenalty(sets: LabelledDate[]): number {
  if (sets.length < 2) return DEFAULT_PENALTY;
  const [newest, ...older] = sets as [LabelledDate, ...LabelledDate[]];
  const features = older.flatMap((set) => set.features);
  const labels = pooledLabels(older);
  let best = { penalty: DEFAULT_PENALTY, auc: -1 };
  for (const penalty of PENALTIES) {
    const model = fitChurnModel(features, labels, penalty);
    const score =
      auc(
        newest.features.map((row) => predictLogistic(model, row)),
        newest.labels,
      ) ?? -1;
    if (score >= best.auc - 1e-9) best = { penalty, auc: score };
  }
  return best.penalty;
}
