import { TREND_DAYS, TREND_TOLERANCE_DAYS } from "../../domain/trend.ts";

/**
 * The base snapshot of the trend, as a LATERAL subquery to join in any set-based statement: the
 * snapshot of `customer` nearest to `days` (default 30) before the date `nowDate`, within ±7 days;
 * ties go to the older one. Every query that shows a trend (card, Home, alerts, risk list, digest)
 * uses this one fragment, and `scoreTrend` (src/domain/trend.ts) does the arithmetic.
 *
 * `customer` and `nowDate` are SQL expressions of the enclosing query (e.g. `c.id`, `s.as_of`).
 */
export function trendBaseLateral(options: {
  customer: string;
  nowDate: string;
  columns?: string;
  days?: number;
}): string {
  const days = Math.trunc(options.days ?? TREND_DAYS);
  const columns = options.columns ?? "tb.as_of::text AS as_of, tb.score, tb.confidence";
  return `LATERAL (
    SELECT ${columns} FROM health_snapshots tb
    WHERE tb.customer_id = ${options.customer}
      AND tb.as_of >= (${options.nowDate})::date - ${days + TREND_TOLERANCE_DAYS}
      AND tb.as_of <= (${options.nowDate})::date - ${Math.max(1, days - TREND_TOLERANCE_DAYS)}
    ORDER BY abs(tb.as_of - ((${options.nowDate})::date - ${days})), tb.as_of
    LIMIT 1)`;
}
