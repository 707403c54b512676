import type { DeliveredSources, SignalInputs } from "../../domain/health/types.ts";
import type { SqlSession } from "../sql-session.ts";

export interface SignalInputsQuery {
  asOf: string;
  recentDays: number;
  baselineDays: number;
  pulseMaxAgeDays: number;
  /** Limit to these customers; every customer that existed on asOf when omitted (churned ones too: the repeat-buying fit needs them). */
  customerIds?: number[];
  /** Limit to a range of customer ids (inclusive), so a large run can go in bounded chunks. */
  idRange?: { from: number; to: number };
  /** The book's delivered sources, when the caller already has them. */
  sources?: DeliveredSources;
}

export interface CustomerSignalInputs {
  customerId: number;
  /** The ERP marks the customer churned on or before asOf. */
  erpChurned: boolean;
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
  SELECT c.id, ($1::date - c.customer_since)::int AS age_days,
    (c.churned_at IS NOT NULL AND c.churned_at <= $1::date) AS erp_churned
  FROM customers c
  WHERE c.customer_since <= $1::date
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
    count(*) FILTER (WHERE i.due_on < $1::date AND (i.paid_on IS NULL OR i.paid_on > $1::date))::int AS overdue_invoices,
    max($1::date - i.due_on) FILTER (WHERE i.due_on < $1::date AND (i.paid_on IS NULL OR i.paid_on > $1::date))::int AS oldest_overdue_days
  FROM invoices i
  WHERE i.issued_on <= $1::date AND i.amount_cents > 0
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
    ($1::date - max(o.ordered_on))::int AS days_since_last,
    ($1::date - min(o.ordered_on))::int AS days_since_first,
    (count(DISTINCT o.ordered_on) - 1)::int AS repeat_days,
    (max(o.ordered_on) - min(o.ordered_on))::int AS first_to_last_days,
    count(DISTINCT o.ordered_on) FILTER (WHERE o.ordered_on > $1::date - 365)::int AS order_days_365,
    COALESCE(sum(o.amount_cents) FILTER (WHERE o.ordered_on > $1::date - 365), 0)::float8 AS revenue_365
  FROM orders o
  -- Credit lines (negative amounts) are not orders: they neither count nor reset recency.
  WHERE o.ordered_on <= $1::date AND o.amount_cents > 0
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
SELECT cust.id AS customer_id, cust.age_days, cust.erp_churned,
  COALESCE(inv.recent_invoices, 0) AS recent_invoices, inv.recent_days_late,
  COALESCE(inv.baseline_invoices, 0) AS baseline_invoices, inv.baseline_days_late,
  COALESCE(inv.overdue_cents, 0) AS overdue_cents, COALESCE(inv.overdue_invoices, 0) AS overdue_invoices,
  inv.oldest_overdue_days,
  COALESCE(ord.recent_count, 0) AS recent_orders, COALESCE(ord.baseline_count, 0) AS baseline_orders,
  COALESCE(ord.recent_revenue, 0) AS recent_revenue, COALESCE(ord.baseline_revenue, 0) AS baseline_revenue,
  ord.days_since_last, ord.days_since_first, COALESCE(ord.repeat_days, 0) AS repeat_days,
  COALESCE(ord.first_to_last_days, 0) AS first_to_last_days, COALESCE(ord.order_days_365, 0) AS order_days_365,
  COALESCE(ord.revenue_365, 0) AS revenue_365,
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
  age_days: number;
  erp_churned: boolean;
  oldest_overdue_days: number | null;
  days_since_first: number | null;
  repeat_days: number;
  first_to_last_days: number;
  order_days_365: number;
  revenue_365: number;
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

/** Whether the company has delivered each source at all, as of a date (one cheap probe per table). */
export async function queryDeliveredSources(sql: SqlSession, asOf: string): Promise<DeliveredSources> {
  const [row] = await sql.query<Record<keyof DeliveredSources, boolean>>(
    `SELECT
       EXISTS (SELECT 1 FROM invoices WHERE issued_on <= $1::date) AS invoices,
       EXISTS (SELECT 1 FROM engagement_events WHERE occurred_on <= $1::date) AS engagement,
       EXISTS (SELECT 1 FROM nps_responses WHERE answered_on <= $1::date) AS nps,
       EXISTS (SELECT 1 FROM complaints WHERE opened_on <= $1::date) AS complaints,
       EXISTS (SELECT 1 FROM owner_pulses WHERE answered_at IS NOT NULL
                 AND (answered_at AT TIME ZONE 'UTC')::date <= $1::date) AS pulses`,
    [asOf],
  );
  return {
    invoices: Boolean(row?.invoices),
    engagement: Boolean(row?.engagement),
    nps: Boolean(row?.nps),
    complaints: Boolean(row?.complaints),
    pulses: Boolean(row?.pulses),
  };
}

export async function querySignalInputs(
  sql: SqlSession,
  query: SignalInputsQuery,
): Promise<CustomerSignalInputs[]> {
  const sources = query.sources ?? (await queryDeliveredSources(sql, query.asOf));
  const rows = await sql.query<SignalInputsRow>(SIGNAL_INPUTS_SQL, [
    query.asOf,
    query.recentDays,
    query.baselineDays,
    query.pulseMaxAgeDays,
    query.customerIds ?? null,
    query.idRange?.from ?? 0,
    query.idRange?.to ?? 2_147_483_647,
  ]);
  return rows.map((row) => ({
    customerId: Number(row.customer_id),
    erpChurned: row.erp_churned === true || (row.erp_churned as unknown) === "t",
    inputs: toSignalInputs(row, query, sources),
  }));
}

function toSignalInputs(
  row: SignalInputsRow,
  query: SignalInputsQuery,
  sources: DeliveredSources,
): SignalInputs {
  const baselineOrders = Number(row.baseline_orders);
  const repeatOrderDays = Number(row.repeat_days);
  const firstToLastDays = Number(row.first_to_last_days);
  return {
    asOf: query.asOf,
    payment: {
      recentInvoices: Number(row.recent_invoices),
      recentAvgDaysLate: nullableNumber(row.recent_days_late),
      baselineInvoices: Number(row.baseline_invoices),
      baselineAvgDaysLate: nullableNumber(row.baseline_days_late),
      overdueCents: Number(row.overdue_cents),
      overdueInvoices: Number(row.overdue_invoices),
      oldestOverdueDays: nullableNumber(row.oldest_overdue_days),
    },
    orders: {
      recentCount: Number(row.recent_orders),
      baselineCount: baselineOrders,
      recentRevenueCents: Number(row.recent_revenue),
      baselineRevenueCents: Number(row.baseline_revenue),
      daysSinceLastOrder: nullableNumber(row.days_since_last),
      typicalIntervalDays: repeatOrderDays >= 1 ? firstToLastDays / repeatOrderDays : null,
      daysSinceFirstOrder: nullableNumber(row.days_since_first),
      repeatOrderDays,
      firstToLastDays,
      orderDays365: Number(row.order_days_365),
      revenue365Cents: Number(row.revenue_365),
      rhythm: null,
    },
    customer: { ageDays: Number(row.age_days) },
    sources,
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

/**
 * Consecutive id ranges of at most `chunkSize` customers that existed on `asOf` (of `customerIds`
 * only, when given), in id order: the `idRange`s of one scoring run's `querySignalInputs` calls.
 */
export async function customerIdRanges(
  sql: SqlSession,
  query: { asOf: string; customerIds: number[] | undefined; chunkSize: number },
): Promise<Array<{ from: number; to: number }>> {
  const bounds = await sql.query<{ from_id: number; to_id: number }>(
    `SELECT min(id)::int AS from_id, max(id)::int AS to_id FROM (
       SELECT id, (row_number() OVER (ORDER BY id) - 1) / $3::int AS chunk FROM customers
       WHERE customer_since <= $1::date AND ($2::int[] IS NULL OR id = ANY ($2::int[]))) numbered
     GROUP BY chunk ORDER BY chunk`,
    [query.asOf, query.customerIds ?? null, query.chunkSize],
  );
  return bounds.map((row) => ({ from: Number(row.from_id), to: Number(row.to_id) }));
}
