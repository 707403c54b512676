import type { SignalInputs } from "../../domain/health/types.ts";
import type { SqlSession } from "../sql-session.ts";

export interface SignalInputsQuery {
  asOf: string;
  recentDays: number;
  baselineDays: number;
  pulseMaxAgeDays: number;
  /** Limit to these customers; all customers active on asOf when omitted. */
  customerIds?: number[];
  /** Limit to a range of customer ids (inclusive), so a large run can go in bounded chunks. */
  idRange?: { from: number; to: number };
}

export interface CustomerSignalInputs {
  customerId: number;
  inputs: SignalInputs;
}

/**
 * Every signal's raw aggregates for many customers as of one date, in ONE set-based statement:
 * each source table is scanned once and grouped by customer. Only rows on or before `asOf` count,
 * so the same query serves daily scoring and backtests.
 *
 * Windows: recent = [asOf − recentDays + 1, asOf]; baseline = the `baselineDays` before that.
 * Parameters are used inline (not through a one-row CTE) so the planner sees the actual dates.
 */
const SIGNAL_INPUTS_SQL = `
WITH cust AS (
  SELECT c.id
  FROM customers c
  WHERE c.customer_since <= $1::date
    AND (c.churned_at IS NULL OR c.churned_at > $1::date)
    AND ($5::int[] IS NULL OR c.id = ANY ($5::int[]))
    AND c.id BETWEEN $6::int AND $7::int
),
inv AS (
  SELECT i.customer_id,
    count(*) FILTER (WHERE i.due_on >= ($1::date - ($2::int - 1)) AND i.due_on <= $1::date)::int AS recent_invoices,
    avg(GREATEST(0, LEAST(COALESCE(i.paid_on, $1::date), $1::date) - i.due_on))
      FILTER (WHERE i.due_on >= ($1::date - ($2::int - 1)) AND i.due_on <= $1::date)::float8 AS recent_days_late,
    count(*) FILTER (WHERE i.due_on >= ($1::date - ($2::int - 1) - $3::int) AND i.due_on < ($1::date - ($2::int - 1)))::int AS baseline_invoices,
    avg(GREATEST(0, LEAST(COALESCE(i.paid_on, $1::date), $1::date) - i.due_on))
      FILTER (WHERE i.due_on >= ($1::date - ($2::int - 1) - $3::int) AND i.due_on < ($1::date - ($2::int - 1)))::float8 AS baseline_days_late,
    COALESCE(sum(i.amount_cents) FILTER (WHERE i.due_on < $1::date AND (i.paid_on IS NULL OR i.paid_on > $1::date)), 0)::float8 AS overdue_cents,
    count(*) FILTER (WHERE i.due_on < $1::date AND (i.paid_on IS NULL OR i.paid_on > $1::date))::int AS overdue_invoices
  FROM invoices i
  WHERE i.issued_on <= $1::date
    AND (i.due_on >= ($1::date - ($2::int - 1) - $3::int) OR i.paid_on IS NULL OR i.paid_on > $1::date)
    AND ($5::int[] IS NULL OR i.customer_id = ANY ($5::int[]))
    AND i.customer_id BETWEEN $6::int AND $7::int
  GROUP BY i.customer_id
),
ord AS (
  SELECT o.customer_id,
    count(*) FILTER (WHERE o.ordered_on >= ($1::date - ($2::int - 1)))::int AS recent_count,
    count(*) FILTER (WHERE o.ordered_on >= ($1::date - ($2::int - 1) - $3::int) AND o.ordered_on < ($1::date - ($2::int - 1)))::int AS baseline_count,
    COALESCE(sum(o.amount_cents) FILTER (WHERE o.ordered_on >= ($1::date - ($2::int - 1))), 0)::float8 AS recent_revenue,
    COALESCE(sum(o.amount_cents) FILTER (WHERE o.ordered_on >= ($1::date - ($2::int - 1) - $3::int) AND o.ordered_on < ($1::date - ($2::int - 1))), 0)::float8 AS baseline_revenue,
    ($1::date - max(o.ordered_on))::int AS days_since_last
  FROM orders o
  WHERE o.ordered_on <= $1::date
    AND ($5::int[] IS NULL OR o.customer_id = ANY ($5::int[]))
    AND o.customer_id BETWEEN $6::int AND $7::int
  GROUP BY o.customer_id
),
eng AS (
  SELECT e.customer_id,
    COALESCE(sum(e.count) FILTER (WHERE e.occurred_on >= ($1::date - ($2::int - 1)) AND e.kind = 'WEB_VISIT'), 0)::int AS recent_web,
    COALESCE(sum(e.count) FILTER (WHERE e.occurred_on < ($1::date - ($2::int - 1)) AND e.kind = 'WEB_VISIT'), 0)::int AS baseline_web,
    COALESCE(sum(e.count) FILTER (WHERE e.occurred_on >= ($1::date - ($2::int - 1)) AND e.kind IN ('NEWSLETTER_OPEN', 'NEWSLETTER_CLICK')), 0)::int AS recent_newsletter,
    COALESCE(sum(e.count) FILTER (WHERE e.occurred_on < ($1::date - ($2::int - 1)) AND e.kind IN ('NEWSLETTER_OPEN', 'NEWSLETTER_CLICK')), 0)::int AS baseline_newsletter,
    COALESCE(sum(e.count) FILTER (WHERE e.occurred_on >= ($1::date - ($2::int - 1)) AND e.kind IN ('MEETING', 'CALL', 'EMAIL')), 0)::int AS recent_contact,
    COALESCE(sum(e.count) FILTER (WHERE e.occurred_on < ($1::date - ($2::int - 1)) AND e.kind IN ('MEETING', 'CALL', 'EMAIL')), 0)::int AS baseline_contact
  FROM engagement_events e
  WHERE e.occurred_on <= $1::date AND e.occurred_on >= ($1::date - ($2::int - 1) - $3::int)
    AND ($5::int[] IS NULL OR e.customer_id = ANY ($5::int[]))
    AND e.customer_id BETWEEN $6::int AND $7::int
  GROUP BY e.customer_id
),
nps_ranked AS (
  SELECT n.customer_id, n.score, n.answered_on,
    row_number() OVER (PARTITION BY n.customer_id ORDER BY n.answered_on DESC, n.id DESC) AS rank
  FROM nps_responses n
  WHERE n.answered_on <= $1::date AND n.answered_on > $1::date - 365
    AND ($5::int[] IS NULL OR n.customer_id = ANY ($5::int[]))
    AND n.customer_id BETWEEN $6::int AND $7::int
),
nps AS (
  SELECT customer_id,
    max(score) FILTER (WHERE rank = 1) AS latest_score,
    max(answered_on) FILTER (WHERE rank = 1)::text AS latest_answered_on,
    max(score) FILTER (WHERE rank = 2) AS previous_score
  FROM nps_ranked WHERE rank <= 2
  GROUP BY customer_id
),
cmp AS (
  SELECT k.customer_id,
    count(*) FILTER (WHERE k.opened_on >= ($1::date - ($2::int - 1)))::int AS recent_count,
    count(*) FILTER (WHERE k.opened_on > $1::date - 60)::int AS last60_count,
    count(*) FILTER (WHERE k.resolved_on IS NULL OR k.resolved_on > $1::date)::int AS open_count,
    count(*) FILTER (WHERE k.opened_on >= ($1::date - ($2::int - 1)) AND k.severity >= 3)::int AS recent_high
  FROM complaints k
  WHERE k.opened_on <= $1::date
    AND (k.opened_on >= ($1::date - ($2::int - 1)) OR k.resolved_on IS NULL OR k.resolved_on > $1::date)
    AND ($5::int[] IS NULL OR k.customer_id = ANY ($5::int[]))
    AND k.customer_id BETWEEN $6::int AND $7::int
  GROUP BY k.customer_id
),
pulse AS (
  SELECT DISTINCT ON (op.customer_id) op.customer_id, op.score, (op.answered_at AT TIME ZONE 'UTC')::date::text AS answered_on
  FROM owner_pulses op
  WHERE op.score IS NOT NULL AND op.answered_at IS NOT NULL
    AND (op.answered_at AT TIME ZONE 'UTC')::date <= $1::date
    AND (op.answered_at AT TIME ZONE 'UTC')::date > $1::date - $4::int
    AND ($5::int[] IS NULL OR op.customer_id = ANY ($5::int[]))
    AND op.customer_id BETWEEN $6::int AND $7::int
  ORDER BY op.customer_id, op.answered_at DESC
)
SELECT cust.id AS customer_id,
  COALESCE(inv.recent_invoices, 0) AS recent_invoices, inv.recent_days_late,
  COALESCE(inv.baseline_invoices, 0) AS baseline_invoices, inv.baseline_days_late,
  COALESCE(inv.overdue_cents, 0) AS overdue_cents, COALESCE(inv.overdue_invoices, 0) AS overdue_invoices,
  COALESCE(ord.recent_count, 0) AS recent_orders, COALESCE(ord.baseline_count, 0) AS baseline_orders,
  COALESCE(ord.recent_revenue, 0) AS recent_revenue, COALESCE(ord.baseline_revenue, 0) AS baseline_revenue,
  ord.days_since_last,
  COALESCE(eng.recent_web, 0) AS recent_web, COALESCE(eng.baseline_web, 0) AS baseline_web,
  COALESCE(eng.recent_newsletter, 0) AS recent_newsletter, COALESCE(eng.baseline_newsletter, 0) AS baseline_newsletter,
  COALESCE(eng.recent_contact, 0) AS recent_contact, COALESCE(eng.baseline_contact, 0) AS baseline_contact,
  nps.latest_score, nps.latest_answered_on, nps.previous_score,
  COALESCE(cmp.recent_count, 0) AS complaints_recent, COALESCE(cmp.last60_count, 0) AS complaints_last60,
  COALESCE(cmp.open_count, 0) AS complaints_open, COALESCE(cmp.recent_high, 0) AS complaints_high,
  pulse.score AS pulse_score, pulse.answered_on AS pulse_answered_on
FROM cust
LEFT JOIN inv ON inv.customer_id = cust.id
LEFT JOIN ord ON ord.customer_id = cust.id
LEFT JOIN eng ON eng.customer_id = cust.id
LEFT JOIN nps ON nps.customer_id = cust.id
LEFT JOIN cmp ON cmp.customer_id = cust.id
LEFT JOIN pulse ON pulse.customer_id = cust.id
ORDER BY cust.id
`;

interface SignalInputsRow {
  customer_id: number;
  recent_invoices: number;
  recent_days_late: number | null;
  baseline_invoices: number;
  baseline_days_late: number | null;
  overdue_cents: number;
  overdue_invoices: number;
  recent_orders: number;
  baseline_orders: number;
  recent_revenue: number;
  baseline_revenue: number;
  days_since_last: number | null;
  recent_web: number;
  baseline_web: number;
  recent_newsletter: number;
  baseline_newsletter: number;
  recent_contact: number;
  baseline_contact: number;
  latest_score: number | null;
  latest_answered_on: string | null;
  previous_score: number | null;
  complaints_recent: number;
  complaints_last60: number;
  complaints_open: number;
  complaints_high: number;
  pulse_score: number | null;
  pulse_answered_on: string | null;
}

export async function querySignalInputs(
  sql: SqlSession,
  query: SignalInputsQuery,
): Promise<CustomerSignalInputs[]> {
  const rows = await sql.query<SignalInputsRow>(SIGNAL_INPUTS_SQL, [
    query.asOf,
    query.recentDays,
    query.baselineDays,
    query.pulseMaxAgeDays,
    query.customerIds ?? null,
    query.idRange?.from ?? 0,
    query.idRange?.to ?? 2_147_483_647,
  ]);
  return rows.map((row) => ({ customerId: Number(row.customer_id), inputs: toSignalInputs(row, query) }));
}

function toSignalInputs(row: SignalInputsRow, query: SignalInputsQuery): SignalInputs {
  const baselineOrders = Number(row.baseline_orders);
  return {
    asOf: query.asOf,
    payment: {
      recentInvoices: Number(row.recent_invoices),
      recentAvgDaysLate: nullableNumber(row.recent_days_late),
      baselineInvoices: Number(row.baseline_invoices),
      baselineAvgDaysLate: nullableNumber(row.baseline_days_late),
      overdueCents: Number(row.overdue_cents),
      overdueInvoices: Number(row.overdue_invoices),
    },
    orders: {
      recentCount: Number(row.recent_orders),
      baselineCount: baselineOrders,
      recentRevenueCents: Number(row.recent_revenue),
      baselineRevenueCents: Number(row.baseline_revenue),
      daysSinceLastOrder: nullableNumber(row.days_since_last),
      typicalIntervalDays: baselineOrders >= 2 ? query.baselineDays / baselineOrders : null,
    },
    engagement: {
      recentWeb: Number(row.recent_web),
      baselineWeb: Number(row.baseline_web),
      recentNewsletter: Number(row.recent_newsletter),
      baselineNewsletter: Number(row.baseline_newsletter),
      recentContact: Number(row.recent_contact),
      baselineContact: Number(row.baseline_contact),
    },
    nps: {
      latestScore: nullableNumber(row.latest_score),
      latestAnsweredOn: row.latest_answered_on,
      previousScore: nullableNumber(row.previous_score),
    },
    complaints: {
      recentCount: Number(row.complaints_recent),
      last60Count: Number(row.complaints_last60),
      openCount: Number(row.complaints_open),
      recentHighSeverity: Number(row.complaints_high),
    },
    pulse: {
      latestScore: nullableNumber(row.pulse_score),
      answeredOn: row.pulse_answered_on,
    },
  };
}

function nullableNumber(value: number | string | null): number | null {
  return value === null || value === undefined ? null : Number(value);
}
