import type { SqlSession } from "../sql-session.ts";

export interface KpiCountsQuery {
  from: string;
  to: string;
  segment?: string | undefined;
  /** A customer that has ordered before but not for this many days counts as churned. */
  churnAfterDays: number;
}

export interface KpiCounts {
  customersAtStart: number;
  newCustomers: number;
  lostCustomers: number;
  customersAtEnd: number;
  /** Invoiced amount issued in the period, cents. */
  revenueCents: number;
  orders: number;
  orderRevenueCents: number;
  npsScores: { promoters: number; passives: number; detractors: number };
}

/**
 * Customer movements, revenue, orders and NPS answers over [from, to] in one statement.
 * An order line with a negative amount is a credit note: it lowers order revenue (net) but is not an
 * order, so it counts neither as an order nor as a last order.
 * A customer's churn date is the ERP's `churned_at`, or — when it has ordered before — the day it
 * reached `churnAfterDays` without an order, whichever comes first (silent churn).
 */
const KPI_COUNTS_SQL = `
WITH p AS (SELECT $1::date AS d_from, $2::date AS d_to, $3::text AS segment, $4::int AS silent_days),
seg AS (
  SELECT c.id, c.customer_since, c.churned_at FROM customers c, p
  WHERE p.segment IS NULL OR lower(c.segment) = lower(p.segment)
),
last_order AS (
  SELECT o.customer_id, max(o.ordered_on) AS last_on
  FROM orders o JOIN seg ON seg.id = o.customer_id, p
  WHERE o.ordered_on <= p.d_to AND o.amount_cents > 0
  GROUP BY o.customer_id
),
life AS (
  SELECT seg.id, seg.customer_since,
    LEAST(seg.churned_at, CASE WHEN lo.last_on + p.silent_days <= p.d_to THEN lo.last_on + p.silent_days END) AS churn_on
  FROM seg CROSS JOIN p LEFT JOIN last_order lo ON lo.customer_id = seg.id
),
moves AS (
  SELECT
    count(*) FILTER (WHERE customer_since < p.d_from AND (churn_on IS NULL OR churn_on >= p.d_from))::int AS at_start,
    count(*) FILTER (WHERE customer_since BETWEEN p.d_from AND p.d_to)::int AS new_customers,
    count(*) FILTER (WHERE churn_on BETWEEN p.d_from AND p.d_to AND customer_since <= churn_on)::int AS lost,
    count(*) FILTER (WHERE customer_since <= p.d_to AND (churn_on IS NULL OR churn_on > p.d_to))::int AS at_end
  FROM life, p
),
revenue AS (
  SELECT COALESCE(sum(i.amount_cents), 0)::float8 AS cents
  FROM invoices i JOIN seg ON seg.id = i.customer_id, p
  WHERE i.issued_on BETWEEN p.d_from AND p.d_to
),
ords AS (
  SELECT count(*) FILTER (WHERE o.amount_cents > 0)::int AS n, COALESCE(sum(o.amount_cents), 0)::float8 AS cents
  FROM orders o JOIN seg ON seg.id = o.customer_id, p
  WHERE o.ordered_on BETWEEN p.d_from AND p.d_to
),
nps AS (
  SELECT count(*) FILTER (WHERE n.score >= 9)::int AS promoters,
         count(*) FILTER (WHERE n.score BETWEEN 7 AND 8)::int AS passives,
         count(*) FILTER (WHERE n.score <= 6)::int AS detractors
  FROM nps_responses n JOIN seg ON seg.id = n.customer_id, p
  WHERE n.answered_on BETWEEN p.d_from AND p.d_to
)
SELECT moves.*, revenue.cents AS revenue_cents, ords.n AS orders, ords.cents AS order_revenue_cents,
       nps.promoters, nps.passives, nps.detractors
FROM moves, revenue, ords, nps
`;

interface KpiCountsRow {
  at_start: number;
  new_customers: number;
  lost: number;
  at_end: number;
  revenue_cents: number;
  orders: number;
  order_revenue_cents: number;
  promoters: number;
  passives: number;
  detractors: number;
}

export async function queryKpiCounts(sql: SqlSession, query: KpiCountsQuery): Promise<KpiCounts> {
  const [row] = await sql.query<KpiCountsRow>(KPI_COUNTS_SQL, [
    query.from,
    query.to,
    query.segment ?? null,
    query.churnAfterDays,
  ]);
  if (!row) throw new Error("KPI query returned no row");
  return {
    customersAtStart: Number(row.at_start),
    newCustomers: Number(row.new_customers),
    lostCustomers: Number(row.lost),
    customersAtEnd: Number(row.at_end),
    revenueCents: Number(row.revenue_cents),
    orders: Number(row.orders),
    orderRevenueCents: Number(row.order_revenue_cents),
    npsScores: {
      promoters: Number(row.promoters),
      passives: Number(row.passives),
      detractors: Number(row.detractors),
    },
  };
}
