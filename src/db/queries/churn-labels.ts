import type { SqlSession } from "../sql-session.ts";

export interface ChurnLabel {
  customerId: number;
  /** No order (credit lines excluded) in (asOf, asOf + horizon], or the ERP's churn date inside it. */
  churned: boolean;
}

/**
 * What happened after `asOf`: for every customer that existed then, whether it churned within the
 * horizon. Reads only rows after asOf, so it must never feed the scoring of asOf itself.
 */
export async function queryChurnLabels(
  sql: SqlSession,
  query: { asOf: string; horizonDays: number },
): Promise<Map<number, boolean>> {
  const rows = await sql.query<{ customer_id: number; churned: boolean }>(
    `SELECT c.id AS customer_id,
       (NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id AND o.amount_cents > 0
                      AND o.ordered_on > $1::date AND o.ordered_on <= $1::date + $2::int)
        OR (c.churned_at IS NOT NULL AND c.churned_at > $1::date AND c.churned_at <= $1::date + $2::int)) AS churned
     FROM customers c WHERE c.customer_since <= $1::date`,
    [query.asOf, query.horizonDays],
  );
  return new Map(
    rows.map((row) => [Number(row.customer_id), row.churned === true || (row.churned as unknown) === "t"]),
  );
}

/** The latest date with any order: how far the book's history reaches. */
export async function queryOrderDateRange(
  sql: SqlSession,
): Promise<{ first: string | null; last: string | null }> {
  const [row] = await sql.query<{ first: string | null; last: string | null }>(
    `SELECT min(ordered_on)::text AS first, max(ordered_on)::text AS last FROM orders WHERE amount_cents > 0`,
  );
  return { first: row?.first ?? null, last: row?.last ?? null };
}
