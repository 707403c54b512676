import { querySignalInputs } from "../db/queries/signal-inputs.ts";
import { scoreHealth } from "../domain/health/score.ts";
import type { HealthResult } from "../domain/health/types.ts";
import type { ServiceContext } from "./context.ts";

export interface ScoreCustomersResult {
  asOf: string;
  scored: number;
  bands: Record<HealthResult["band"], number>;
  /** Time in the SQL aggregation, the pure scoring and the snapshot write. */
  timings: { aggregateMs: number; scoreMs: number; writeMs: number };
}

/**
 * Customers per aggregation statement and per scored-and-written slice. One statement over a large
 * id range reads each table once (index range scans per slice would cost PostgreSQL twice the time);
 * the results are scored and written a slice at a time so the snapshot JSON never piles up.
 */
const AGGREGATE_CUSTOMERS = 25_000;
const WRITE_CUSTOMERS = 2_500;
const WRITES_IN_FLIGHT = 2;

/**
 * Score every active customer (or the given ones) as of a date and store one snapshot per customer
 * and date (re-running the same date replaces it). Set-based: one aggregation statement per range of
 * up to 25,000 customer ids, pure scoring per customer, one write per slice of 2,500. Each slice
 * commits on its own; a re-run completes an interrupted run (the write is an upsert).
 */
export async function scoreCustomers(options: {
  ctx: ServiceContext;
  asOf: string;
  customerIds?: number[];
  /** Customers per aggregation statement (default 25,000); tests use small chunks. */
  chunkCustomers?: number;
  /** Customers per scored-and-written slice (default 2,500); tests use small slices. */
  sliceCustomers?: number;
}): Promise<ScoreCustomersResult> {
  const { ctx, asOf } = options;
  const timings = { aggregateMs: 0, scoreMs: 0, writeMs: 0 };
  const bands = { HEALTHY: 0, ATTENTION: 0, AT_RISK: 0 };
  let scoredCount = 0;
  const chunkSize = options.chunkCustomers ?? AGGREGATE_CUSTOMERS;
  const sliceSize = options.sliceCustomers ?? WRITE_CUSTOMERS;
  for (const idRange of await customerIdChunks(ctx, asOf, options.customerIds, chunkSize)) {
    const started = performance.now();
    const rows = await querySignalInputs(ctx.db.sql, {
      asOf,
      recentDays: ctx.settings.recentWindowDays,
      baselineDays: ctx.settings.baselineWindowDays,
      pulseMaxAgeDays: ctx.settings.pulseMaxAgeDays,
      customerIds: options.customerIds,
      idRange,
    });
    const aggregated = performance.now();
    timings.aggregateMs += aggregated - started;
    // Score the next slice while earlier ones are written: on PostgreSQL the writes run on pool
    // connections in parallel with each other and with the scoring; PGlite simply queues them.
    const writes: Promise<void>[] = [];
    let chunkScoreMs = 0;
    try {
      for (let start = 0; start < rows.length; start += sliceSize) {
        const scoring = performance.now();
        const results = rows.slice(start, start + sliceSize).map((row) => ({
          customerId: row.customerId,
          health: scoreHealth(row.inputs, ctx.settings),
        }));
        chunkScoreMs += performance.now() - scoring;
        for (const { health } of results) bands[health.band] += 1;
        scoredCount += results.length;
        if (writes.length >= WRITES_IN_FLIGHT) await writes.shift();
        writes.push(writeSnapshots(ctx, asOf, results));
      }
      await Promise.all(writes);
    } catch (error) {
      // Let every write in flight finish (or fail) before reporting, so none is left dangling.
      await Promise.allSettled(writes);
      throw error;
    }
    timings.scoreMs += chunkScoreMs;
    timings.writeMs += performance.now() - aggregated - chunkScoreMs;
  }
  ctx.log.info({ asOf, scored: scoredCount, bands }, "customers scored");
  return {
    asOf,
    scored: scoredCount,
    bands,
    timings: {
      aggregateMs: Math.round(timings.aggregateMs),
      scoreMs: Math.round(timings.scoreMs),
      writeMs: Math.round(timings.writeMs),
    },
  };
}

/** Consecutive id ranges of at most `chunkSize` customers that may be scored on `asOf`. */
async function customerIdChunks(
  ctx: ServiceContext,
  asOf: string,
  customerIds: number[] | undefined,
  chunkSize: number,
): Promise<Array<{ from: number; to: number }>> {
  const bounds = await ctx.db.sql.query<{ from_id: number; to_id: number }>(
    `SELECT min(id)::int AS from_id, max(id)::int AS to_id FROM (
       SELECT id, (row_number() OVER (ORDER BY id) - 1) / $3::int AS chunk FROM customers
       WHERE customer_since <= $1::date AND (churned_at IS NULL OR churned_at > $1::date)
         AND ($2::int[] IS NULL OR id = ANY ($2::int[]))) numbered
     GROUP BY chunk ORDER BY chunk`,
    [asOf, customerIds ?? null, chunkSize],
  );
  return bounds.map((row) => ({ from: Number(row.from_id), to: Number(row.to_id) }));
}

/** One statement per slice: the snapshots of up to WRITE_CUSTOMERS customers, inserted or replaced. */
async function writeSnapshots(
  ctx: ServiceContext,
  asOf: string,
  results: Array<{ customerId: number; health: HealthResult }>,
): Promise<void> {
  if (results.length === 0) return;
  // The slice travels as one JSON document: the drivers' array encoding escapes every character of
  // every signal text in JavaScript, which cost more than the whole insert on the server.
  const rows = results.map((r) => ({
    customer_id: r.customerId,
    score: r.health.score,
    band: r.health.band,
    confidence: r.health.confidence,
    signals: r.health.signals,
  }));
  await ctx.db.sql.query(
    `INSERT INTO health_snapshots (customer_id, as_of, score, band, confidence, signals)
     SELECT customer_id, $1::date, score, band::"HealthBand", confidence, signals
     FROM jsonb_to_recordset($2::jsonb)
       AS t(customer_id int, score int, band text, confidence float8, signals jsonb)
     ON CONFLICT (customer_id, as_of) DO UPDATE
       SET score = EXCLUDED.score, band = EXCLUDED.band, confidence = EXCLUDED.confidence,
           signals = EXCLUDED.signals, created_at = now()`,
    [asOf, JSON.stringify(rows)],
  );
}
