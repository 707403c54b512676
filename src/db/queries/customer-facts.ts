import type { SqlSession } from "../sql-session.ts";

export interface CustomerFacts {
  trailingRevenueCents: number;
  lastOrderOn: string | null;
  history: Array<{ date: string; score: number }>;
  /** The stored snapshot score exactly `trendDays` before asOf, when the daily run made one. */
  snapshotScoreBefore: number | null;
  openAlerts: Array<{ id: number; kind: string; status: string; openedAt: string }>;
}

/**
 * The card's supporting facts for one customer in one round trip: trailing-12-month revenue,
 * last order, weekly score history over `historyDays`, and alerts that are not resolved.
 */
export async function queryCustomerFacts(
  sql: SqlSession,
  query: { customerId: number; asOf: string; historyDays: number; trendDays: number },
): Promise<CustomerFacts> {
  const [row] = await sql.query<{
    revenue: number;
    last_order_on: string | null;
    history: Array<{ date: string; score: number }> | string | null;
    score_before: number | null;
    alerts: Array<{ id: number; kind: string; status: string; openedAt: string }> | string | null;
  }>(
    `SELECT
       (SELECT COALESCE(sum(amount_cents), 0)::float8 FROM invoices
         WHERE customer_id = $1 AND issued_on > $2::date - 365 AND issued_on <= $2::date) AS revenue,
       (SELECT max(ordered_on)::text FROM orders WHERE customer_id = $1 AND ordered_on <= $2::date) AS last_order_on,
       (SELECT json_agg(json_build_object('date', d, 'score', score) ORDER BY d) FROM (
          SELECT DISTINCT ON (date_trunc('week', as_of)) as_of::text AS d, score
          FROM health_snapshots
          WHERE customer_id = $1 AND as_of > $2::date - $3::int AND as_of <= $2::date
          ORDER BY date_trunc('week', as_of), as_of DESC) weekly) AS history,
       (SELECT score FROM health_snapshots WHERE customer_id = $1 AND as_of = $2::date - $4::int) AS score_before,
       (SELECT json_agg(json_build_object('id', id, 'kind', kind, 'status', status::text, 'openedAt', opened_at) ORDER BY opened_at DESC)
          FROM alerts WHERE customer_id = $1 AND status <> 'RESOLVED') AS alerts`,
    [query.customerId, query.asOf, query.historyDays, query.trendDays],
  );
  return {
    trailingRevenueCents: Number(row?.revenue ?? 0),
    lastOrderOn: row?.last_order_on ?? null,
    history: parseJson(row?.history) ?? [],
    snapshotScoreBefore:
      row?.score_before === null || row?.score_before === undefined ? null : Number(row.score_before),
    openAlerts: parseJson(row?.alerts) ?? [],
  };
}

function parseJson<T>(value: T | string | null | undefined): T | null {
  if (value === null || value === undefined) return null;
  return typeof value === "string" ? (JSON.parse(value) as T) : value;
}
