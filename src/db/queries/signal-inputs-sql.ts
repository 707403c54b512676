/**
 * The statements behind querySignalInputs (signal-inputs.ts), assembled from one set of CTEs: every
 * signal's raw aggregates for many customers as of one date. Each source table is scanned once and
 * grouped by customer; only rows on or before `asOf` ($1) count, so the same text serves daily
 * scoring and backtests.
 *
 * Windows: recent = [asOf − recentDays ($2) + 1, asOf]; baseline = the `baselineDays` ($3) before that.
 * $4 = pulseMaxAgeDays, $5 = customer ids (or NULL), $6..$7 = the id range (inclusive).
 * Parameters are used inline (not through a one-row CTE) so the planner sees the actual dates.
 */

/** Which parameters hold the customer ids (or NULL) and the inclusive id range. */
interface CustomerScope {
  ids: string;
  from: string;
  to: string;
}

/** $4 is the pulse window in the statements with every part; the customer scope follows it. */
const AFTER_PULSE_WINDOW: CustomerScope = { ids: "$5", from: "$6", to: "$7" };
/** The order statement has no pulse window, so its scope starts at $4 (every parameter must be used). */
const WITHOUT_PULSE_WINDOW: CustomerScope = { ids: "$4", from: "$5", to: "$6" };

const CUST = (p: CustomerScope) => `
cust AS (
  SELECT c.id, ($1::date - c.customer_since)::int AS age_days,
    (c.churned_at IS NOT NULL AND c.churned_at <= $1::date) AS erp_churned
  FROM customers c
  WHERE c.customer_since <= $1::date
    AND (${p.ids}::int[] IS NULL OR c.id = ANY (${p.ids}::int[]))
    AND c.id BETWEEN ${p.from}::int AND ${p.to}::int
)`;

const INV = `
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
)`;

const ORD = (p: CustomerScope) => `
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
    AND (${p.ids}::int[] IS NULL OR o.customer_id = ANY (${p.ids}::int[]))
    AND o.customer_id BETWEEN ${p.from}::int AND ${p.to}::int
  GROUP BY o.customer_id
)`;

/** Engagement, NPS, complaints and owner pulses. */
const REST = `
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
)`;

const INV_COLUMNS = `
  COALESCE(inv.recent_invoices, 0) AS recent_invoices, inv.recent_days_late,
  COALESCE(inv.baseline_invoices, 0) AS baseline_invoices, inv.baseline_days_late,
  COALESCE(inv.overdue_cents, 0) AS overdue_cents, COALESCE(inv.overdue_invoices, 0) AS overdue_invoices,
  inv.oldest_overdue_days`;

const ORD_COLUMNS = `
  COALESCE(ord.recent_count, 0) AS recent_orders, COALESCE(ord.baseline_count, 0) AS baseline_orders,
  COALESCE(ord.recent_revenue, 0) AS recent_revenue, COALESCE(ord.baseline_revenue, 0) AS baseline_revenue,
  ord.days_since_last, ord.days_since_first, COALESCE(ord.repeat_days, 0) AS repeat_days,
  COALESCE(ord.first_to_last_days, 0) AS first_to_last_days, COALESCE(ord.order_days_365, 0) AS order_days_365,
  COALESCE(ord.revenue_365, 0) AS revenue_365`;

const REST_COLUMNS = `
  COALESCE(eng.recent_web, 0) AS recent_web, COALESCE(eng.baseline_web, 0) AS baseline_web,
  COALESCE(eng.recent_newsletter, 0) AS recent_newsletter, COALESCE(eng.baseline_newsletter, 0) AS baseline_newsletter,
  COALESCE(eng.recent_contact, 0) AS recent_contact, COALESCE(eng.baseline_contact, 0) AS baseline_contact,
  nps.latest_score, nps.latest_answered_on, nps.previous_score,
  COALESCE(cmp.recent_count, 0) AS complaints_recent, COALESCE(cmp.last60_count, 0) AS complaints_last60,
  COALESCE(cmp.open_count, 0) AS complaints_open, COALESCE(cmp.recent_high, 0) AS complaints_high,
  pulse.score AS pulse_score, pulse.answered_on AS pulse_answered_on`;

const REST_JOINS = `
LEFT JOIN eng ON eng.customer_id = cust.id
LEFT JOIN nps ON nps.customer_id = cust.id
LEFT JOIN cmp ON cmp.customer_id = cust.id
LEFT JOIN pulse ON pulse.customer_id = cust.id`;

/** Everything in one statement: the cheapest for a few customers (one round trip). */
export const SIGNAL_INPUTS_SQL = `
WITH ${CUST(AFTER_PULSE_WINDOW)},
${INV},
${ORD(AFTER_PULSE_WINDOW)},
${REST}
SELECT cust.id AS customer_id, cust.age_days, cust.erp_churned,${INV_COLUMNS},${ORD_COLUMNS},${REST_COLUMNS}
FROM cust
LEFT JOIN inv ON inv.customer_id = cust.id
LEFT JOIN ord ON ord.customer_id = cust.id${REST_JOINS}
ORDER BY cust.id
`;

/**
 * The order aggregates alone (all the repeat-buying fit needs), in customer id order. It has no
 * pulse window, so the parameters after $3 move up one ($4 = ids, $5..$6 = the id range): an
 * unreferenced parameter would leave PostgreSQL unable to type it.
 */
export const ORDER_INPUTS_SQL = `
WITH ${CUST(WITHOUT_PULSE_WINDOW)},
${ORD(WITHOUT_PULSE_WINDOW)}
SELECT cust.id AS customer_id, cust.age_days, cust.erp_churned,${ORD_COLUMNS}
FROM cust
LEFT JOIN ord ON ord.customer_id = cust.id
ORDER BY cust.id
`;

/** Every aggregate but the orders', in customer id order (the same customers as ORDER_INPUTS_SQL). */
export const OTHER_INPUTS_SQL = `
WITH ${CUST(AFTER_PULSE_WINDOW)},
${INV},
${REST}
SELECT cust.id AS customer_id,${INV_COLUMNS},${REST_COLUMNS}
FROM cust
LEFT JOIN inv ON inv.customer_id = cust.id${REST_JOINS}
ORDER BY cust.id
`;
