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
 * Score every active customer (or the given ones) as of a date and store one snapshot per customer
 * and date (re-running the same date replaces it). One aggregation statement, pure scoring per
 * customer, one set-based write.
 */
export async function scoreCustomers(options: {
  ctx: ServiceContext;
  asOf: string;
  customerIds?: number[];
}): Promise<ScoreCustomersResult> {
  const { ctx, asOf } = options;
  const started = performance.now();
  const rows = await querySignalInputs(ctx.db.sql, {
    asOf,
    recentDays: ctx.settings.recentWindowDays,
    baselineDays: ctx.settings.baselineWindowDays,
    pulseMaxAgeDays: ctx.settings.pulseMaxAgeDays,
    customerIds: options.customerIds,
  });
  const aggregated = performance.now();
  const results = rows.map((row) => ({
    customerId: row.customerId,
    health: scoreHealth(row.inputs, ctx.settings),
  }));
  const scored = performance.now();
  await writeSnapshots(ctx, asOf, results);
  const written = performance.now();

  const bands = { HEALTHY: 0, ATTENTION: 0, AT_RISK: 0 };
  for (const { health } of results) bands[health.band] += 1;
  ctx.log.info({ asOf, scored: results.length, bands }, "customers scored");
  return {
    asOf,
    scored: results.length,
    bands,
    timings: {
      aggregateMs: Math.round(aggregated - started),
      scoreMs: Math.round(scored - aggregated),
      writeMs: Math.round(written - scored),
    },
  };
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
