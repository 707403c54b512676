import { saveHealthModel } from "../db/queries/health-models.ts";
import {
  removeHealthSnapshots,
  type SnapshotRow,
  saveHealthSnapshots,
} from "../db/queries/health-snapshots.ts";
import {
  type CustomerSignalInputs,
  queryDeliveredSources,
  querySignalInputsInParts,
} from "../db/queries/signal-inputs.ts";
import { daysBetween } from "../domain/dates.ts";
import { type BgNbdParams, defaultBgNbdParams, type RepeatHistory } from "../domain/health/bgnbd.ts";
import type { HealthCalibration } from "../domain/health/calibration.ts";
import { repeatHistoryOf } from "../domain/health/rhythm.ts";
import { scoreHealth } from "../domain/health/score.ts";
import type { HealthModelKind, HealthResult } from "../domain/health/types.ts";
import { customerRanges } from "./book-ranges.ts";
import type { ServiceContext } from "./context.ts";
import { fillRhythm, fitRepeatModel, modelsFor, standingOf } from "./health-model/book-at.ts";
import { fitCalibrationAt } from "./health-model/fit-calibration.ts";

export interface ScoreCustomersResult {
  asOf: string;
  scored: number;
  /** Customers not scored because they have churned (ERP or silent past the churn rule). */
  churned: number;
  bands: Record<HealthResult["band"], number>;
  model: HealthModelKind;
  /**
   * Time in the SQL aggregation (waiting for it, besides the fit that overlaps it), the repeat-buying
   * fit, the pure scoring and the snapshot write; they add up to the whole run.
   */
  timings: { aggregateMs: number; fitMs: number; scoreMs: number; writeMs: number };
}

/**
 * Customers per scored-and-written slice (the aggregation reads ranges of customers, book-ranges.ts):
 * the results are scored and written a slice at a time so the snapshot JSON never piles up.
 */
const WRITE_CUSTOMERS = 2_500;
const WRITES_IN_FLIGHT = 2;

/**
 * Score every active customer (or the given ones) as of a date and store one snapshot per customer
 * and date (re-running the same date replaces it). Churned customers (the ERP says so, or silent past
 * the churn rule) get no score. Set-based: one aggregation per range of up to 25,000 customer ids
 * (5,000 on PGlite; on PostgreSQL two statements side by side, the order aggregates first), the
 * repeat-buying model fitted once on the whole book (warm-started from the last fit) while the rest
 * still aggregates, pure scoring per customer, one write per slice of 2,500
 * (db/queries/health-snapshots.ts).
 *
 * The calibration (how signals map to churn) is the latest stored one, refitted when it is older than
 * `calibration.everyDays`; pass `calibration` to score with a given one (history runs, tests).
 */
export async function scoreCustomers(options: {
  ctx: ServiceContext;
  asOf: string;
  customerIds?: number[];
  /** Customers per aggregation statement (default: book-ranges.ts); tests use small chunks. */
  chunkCustomers?: number;
  /** Customers per scored-and-written slice (default 2,500); tests use small slices. */
  sliceCustomers?: number;
  /** Score with this calibration (null: the configured weights) instead of the stored one. */
  calibration?: HealthCalibration | null;
}): Promise<ScoreCustomersResult> {
  const { ctx, asOf } = options;
  const timings = { aggregateMs: 0, fitMs: 0, scoreMs: 0, writeMs: 0 };
  const bands = { HEALTHY: 0, ATTENTION: 0, AT_RISK: 0 };
  let churned = 0;
  const sliceSize = options.sliceCustomers ?? WRITE_CUSTOMERS;
  const stored = await modelsFor(ctx, asOf);
  const calibration =
    options.calibration !== undefined
      ? options.calibration
      : await currentCalibration(ctx, asOf, stored.calibration, options.customerIds);

  const started = performance.now();
  // Which sources the company delivered is one probe for the whole run, not one per range.
  const [sources, idRanges] = await Promise.all([
    queryDeliveredSources(ctx.db.sql, asOf),
    customerRanges(ctx, asOf, { customerIds: options.customerIds, chunkCustomers: options.chunkCustomers }),
  ]);
  // Per id range the order aggregates arrive first (querySignalInputsInParts): the repeat-buying fit
  // needs nothing else, so it runs while PostgreSQL still computes the other aggregates.
  const histories: RepeatHistory[] = [];
  const pending: Array<Promise<CustomerSignalInputs[]>> = [];
  let rows: CustomerSignalInputs[];
  let bgnbd: BgNbdParams;
  try {
    for (const idRange of idRanges) {
      const parts = querySignalInputsInParts(
        ctx.db.sql,
        {
          asOf,
          recentDays: ctx.settings.health.recentWindowDays,
          baselineDays: ctx.settings.health.baselineWindowDays,
          pulseMaxAgeDays: ctx.settings.health.pulseMaxAgeDays,
          customerIds: options.customerIds,
          idRange,
          sources,
        },
        { sideBySide: ctx.db.kind === "postgres" },
      );
      pending.push(parts.all);
      for (const { orders } of await parts.orders) {
        const history = repeatHistoryOf(orders);
        if (history !== null) histories.push(history);
      }
    }
    const fitting = performance.now();
    // A subset (one customer after a pulse) is scored with the book's last fit; a full run refits.
    bgnbd = options.customerIds
      ? (stored.bgnbd ?? defaultBgNbdParams)
      : fitRepeatModel(histories, stored.bgnbd);
    timings.fitMs = performance.now() - fitting;
    rows = (await Promise.all(pending)).flat();
  } catch (error) {
    // Let every statement in flight finish (or fail) before reporting, so none is left dangling.
    await Promise.allSettled(pending);
    throw error;
  }
  const aggregated = performance.now();
  timings.aggregateMs = aggregated - started - timings.fitMs;
  fillRhythm(rows, bgnbd, ctx.settings.health.calibration.horizonDays);
  if (!options.customerIds) await saveHealthModel(ctx.db.sql, { kind: "bgnbd", asOf, params: bgnbd });
  const fitted = performance.now();
  timings.fitMs += fitted - aggregated;

  // Score the next slice while earlier ones are written: on PostgreSQL the writes run on pool
  // connections in parallel with each other and with the scoring; PGlite simply queues them.
  const writes: Promise<void>[] = [];
  const gone: number[] = [];
  try {
    for (let start = 0; start < rows.length; start += sliceSize) {
      const scoring = performance.now();
      const results: SnapshotRow[] = [];
      for (const row of rows.slice(start, start + sliceSize)) {
        if (standingOf(row, ctx.settings.health) !== "active") {
          gone.push(row.customerId);
          continue;
        }
        results.push({
          customerId: row.customerId,
          health: scoreHealth(row.inputs, ctx.settings.health, calibration),
        });
      }
      timings.scoreMs += performance.now() - scoring;
      for (const { health } of results) bands[health.band] += 1;
      if (writes.length >= WRITES_IN_FLIGHT) await writes.shift();
      writes.push(saveHealthSnapshots(ctx.db.sql, asOf, results));
    }
    writes.push(removeHealthSnapshots(ctx.db.sql, asOf, gone));
    await Promise.all(writes);
  } catch (error) {
    // Let every write in flight finish (or fail) before reporting, so none is left dangling.
    await Promise.allSettled(writes);
    throw error;
  }
  churned = gone.length;
  timings.writeMs = performance.now() - fitted - timings.scoreMs;
  const scoredCount = bands.HEALTHY + bands.ATTENTION + bands.AT_RISK;
  ctx.log.info({ asOf, scored: scoredCount, churned, bands }, "customers scored");
  return {
    asOf,
    scored: scoredCount,
    churned,
    bands,
    model: calibration ? "calibrated" : "weights",
    timings: {
      aggregateMs: Math.round(timings.aggregateMs),
      fitMs: Math.round(timings.fitMs),
      scoreMs: Math.round(timings.scoreMs),
      writeMs: Math.round(timings.writeMs),
    },
  };
}

/** The stored calibration, refitted once it is older than `everyDays` (never for a subset run). */
async function currentCalibration(
  ctx: ServiceContext,
  asOf: string,
  stored: HealthCalibration | null,
  customerIds: number[] | undefined,
): Promise<HealthCalibration | null> {
  if (ctx.settings.health.model === "weights") return null;
  const fresh = stored && daysBetween(stored.fittedOn, asOf) < ctx.settings.health.calibration.everyDays;
  if (fresh || customerIds) return stored;
  return (await fitCalibrationAt({ ctx, asOf })) ?? stored;
}
