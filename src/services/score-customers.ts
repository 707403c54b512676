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

/** Customers per chunk: bounds memory (inputs, results, the write's parameters) on large books. */
const CHUNK_CUSTOMERS = 2500;

/**
 * Score every active customer (or the given ones) as of a date and store one snapshot per customer
 * and date (re-running the same date replaces it). Set-based per chunk of customer ids: one
 * aggregation statement over an id range, pure scoring per customer, one write. Chunks keep memory
 * flat for tens of thousands of customers; each chunk commits on its own, and a re-run completes
 * an interrupted one (the write is an upsert).
 */
export async function scoreCustomers(options: {
  ctx: ServiceContext;
  asOf: string;
  customerIds?: number[];
  /** Customers per chunk (default CHUNK_CUSTOMERS); tests use small chunks. */
  chunkCustomers?: number;
}): Promise<ScoreCustomersResult> {
  const { ctx, asOf } = options;
  const timings = { aggregateMs: 0, scoreMs: 0, writeMs: 0 };
  const bands = { HEALTHY: 0, ATTENTION: 0, AT_RISK: 0 };
  let scoredCount = 0;
  const chunkSize = options.chunkCustomers ?? CHUNK_CUSTOMERS;
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
    const results = rows.map((row) => ({
      customerId: row.customerId,
      health: scoreHealth(row.inputs, ctx.settings),
    }));
    const scored = performance.now();
    await writeSnapshots(ctx, asOf, results);
    timings.aggregateMs += aggregated - started;
    timings.scoreMs += scored - aggregated;
    timings.writeMs += performance.now() - scored;
    for (const { health } of results) bands[health.band] += 1;
    scoredCount += results.length;
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

const WRITE_BATCH = 5000;

async function writeSnapshots(
  ctx: ServiceContext,
  asOf: string,
  results: Array<{ customerId: number; health: HealthResult }>,
): Promise<void> {
  await ctx.db.sql.transaction(async (tx) => {
    for (let start = 0; start < results.length; start += WRITE_BATCH) {
      const batch = results.slice(start, start + WRITE_BATCH);
      await tx.query(
        `INSERT INTO health_snapshots (customer_id, as_of, score, band, confidence, signals)
         SELECT customer_id, $1::date, score, band::"HealthBand", confidence, signals::jsonb
         FROM unnest($2::int[], $3::int[], $4::text[], $5::float8[], $6::text[])
           AS t(customer_id, score, band, confidence, signals)
         ON CONFLICT (customer_id, as_of) DO UPDATE
           SET score = EXCLUDED.score, band = EXCLUDED.band, confidence = EXCLUDED.confidence,
               signals = EXCLUDED.signals, created_at = now()`,
        [
          asOf,
          batch.map((r) => r.customerId),
          batch.map((r) => r.health.score),
          batch.map((r) => r.health.band),
          batch.map((r) => r.health.confidence),
          batch.map((r) => JSON.stringify(r.health.signals)),
        ],
      );
    }
  });
}
