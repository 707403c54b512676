import type { DeliveredSources, SignalInputs } from "../../domain/health/types.ts";
import type { SqlSession } from "../sql-session.ts";
import { ORDER_INPUTS_SQL, OTHER_INPUTS_SQL, SIGNAL_INPUTS_SQL } from "./signal-inputs-sql.ts";

/** Consecutive customer ids, both ends included: one part of a book read a part at a time. */
export type CustomerIdRange = { from: number; to: number };

/** A range as two statement parameters (`BETWEEN $n AND $n+1`); no range is every id. */
export function idRangeParams(range: CustomerIdRange | undefined): [number, number] {
  return [range?.from ?? 0, range?.to ?? 2_147_483_647];
}

export interface SignalInputsQuery {
  asOf: string;
  recentDays: number;
  baselineDays: number;
  pulseMaxAgeDays: number;
  /** Limit to these customers; every customer that existed on asOf when omitted (churned ones too: the repeat-buying fit needs them). */
  customerIds?: number[];
  /** Limit to a range of customer ids (inclusive), so a large run can go in bounded chunks. */
  idRange?: CustomerIdRange;
  /** The book's delivered sources, when the caller already has them. */
  sources?: DeliveredSources;
}

export interface CustomerSignalInputs {
  customerId: number;
  /** The ERP marks the customer churned on or before asOf. */
  erpChurned: boolean;
  inputs: SignalInputs;
}

interface OrderInputsRow {
  customer_id: number;
  age_days: number;
  erp_churned: boolean;
  days_since_first: number | null;
  repeat_days: number;
  first_to_last_days: number;
  order_days_365: number;
  revenue_365: number;
  recent_orders: number;
  baseline_orders: number;
  recent_revenue: number;
  baseline_revenue: number;
  days_since_last: number | null;
}

interface OtherInputsRow {
  customer_id: number;
  oldest_overdue_days: number | null;
  recent_invoices: number;
  recent_days_late: number | null;
  baseline_invoices: number;
  baseline_days_late: number | null;
  overdue_cents: number;
  overdue_invoices: number;
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

type SignalInputsRow = OrderInputsRow & OtherInputsRow;

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

/**
 * Every signal's raw aggregates for many customers as of one date, in ONE set-based statement
 * (signal-inputs-sql.ts): each source table is scanned once and grouped by customer. Only rows on or
 * before `asOf` count, so the same query serves daily scoring and backtests.
 */
export async function querySignalInputs(
  sql: SqlSession,
  query: SignalInputsQuery,
): Promise<CustomerSignalInputs[]> {
  const sources = query.sources ?? (await queryDeliveredSources(sql, query.asOf));
  const rows = await sql.query<SignalInputsRow>(SIGNAL_INPUTS_SQL, [
    ...leadingParams(query),
    ...rangeParams(query),
  ]);
  return rows.map((row) => ({
    customerId: Number(row.customer_id),
    erpChurned: isTrue(row.erp_churned),
    inputs: toSignalInputs(row, toOrderInputs(row), Number(row.age_days), query, sources),
  }));
}

/** One customer's order aggregates (everything the repeat-buying fit needs) and standing. */
export interface CustomerOrderInputs {
  customerId: number;
  erpChurned: boolean;
  ageDays: number;
  orders: SignalInputs["orders"];
}

/**
 * The same rows as querySignalInputs, with the order aggregates on their own as well. `sideBySide`
 * (PostgreSQL): in two statements sent at once, the order aggregates and all the others, which the
 * server runs on two pool connections (the order aggregation is one index scan that no parallel
 * worker shares, the others are parallel sequential scans), so the pair takes about as long as the
 * slower one and `orders` resolves as soon as its part is in: the caller can fit the repeat-buying
 * model meanwhile. Otherwise (PGlite, which runs one statement at a time, so two would only add up)
 * in the one statement, and `orders` resolves with `all`. `all` resolves with the complete rows,
 * which share the `orders` objects. Both are in customer id order.
 */
export function querySignalInputsInParts(
  sql: SqlSession,
  query: SignalInputsQuery,
  options: { sideBySide: boolean },
): { orders: Promise<CustomerOrderInputs[]>; all: Promise<CustomerSignalInputs[]> } {
  if (!options.sideBySide) {
    const all = querySignalInputs(sql, query);
    const orders = all.then((rows) =>
      rows.map((row) => ({
        customerId: row.customerId,
        erpChurned: row.erpChurned,
        ageDays: row.inputs.customer.ageDays,
        orders: row.inputs.orders,
      })),
    );
    orders.catch(() => undefined);
    all.catch(() => undefined);
    return { orders, all };
  }
  const sources = query.sources ? Promise.resolve(query.sources) : queryDeliveredSources(sql, query.asOf);
  const orderRows = sql.query<OrderInputsRow>(ORDER_INPUTS_SQL, [
    query.asOf,
    query.recentDays,
    query.baselineDays,
    ...rangeParams(query),
  ]);
  const otherRows = sql.query<OtherInputsRow>(OTHER_INPUTS_SQL, [
    ...leadingParams(query),
    ...rangeParams(query),
  ]);
  // Mapped at once, so the driver's rows are garbage before the other part arrives (memory at 20k).
  const orders = orderRows.then((rows) =>
    rows.map(
      (row): CustomerOrderInputs => ({
        customerId: Number(row.customer_id),
        erpChurned: isTrue(row.erp_churned),
        ageDays: Number(row.age_days),
        orders: toOrderInputs(row),
      }),
    ),
  );
  const all = Promise.all([sources, orders, otherRows]).then(([known, parts, others]) =>
    others.map((other, index): CustomerSignalInputs => {
      const part = parts[index]!;
      if (part.customerId !== Number(other.customer_id)) throw new Error("signal input parts out of step");
      return {
        customerId: part.customerId,
        erpChurned: part.erpChurned,
        inputs: toSignalInputs(other, part.orders, part.ageDays, query, known),
      };
    }),
  );
  // The caller awaits `orders` first and may fail before it awaits `all` (or the reverse): neither
  // rejection may go unhandled meanwhile. Each still rejects for whoever awaits it.
  orders.catch(() => undefined);
  all.catch(() => undefined);
  return { orders, all };
}

function leadingParams(query: SignalInputsQuery): unknown[] {
  return [query.asOf, query.recentDays, query.baselineDays, query.pulseMaxAgeDays];
}

function rangeParams(query: SignalInputsQuery): unknown[] {
  return [query.customerIds ?? null, ...idRangeParams(query.idRange)];
}

function isTrue(value: boolean): boolean {
  return value === true || (value as unknown) === "t";
}

function toOrderInputs(row: OrderInputsRow): SignalInputs["orders"] {
  const baselineOrders = Number(row.baseline_orders);
  const repeatOrderDays = Number(row.repeat_days);
  const firstToLastDays = Number(row.first_to_last_days);
  return {
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
  };
}

function toSignalInputs(
  row: OtherInputsRow,
  orders: SignalInputs["orders"],
  ageDays: number,
  query: SignalInputsQuery,
  sources: DeliveredSources,
): SignalInputs {
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
    orders,
    customer: { ageDays },
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
): Promise<CustomerIdRange[]> {
  const bounds = await sql.query<{ from_id: number; to_id: number }>(
    `SELECT min(id)::int AS from_id, max(id)::int AS to_id FROM (
       SELECT id, (row_number() OVER (ORDER BY id) - 1) / $3::int AS chunk FROM customers
       WHERE customer_since <= $1::date AND ($2::int[] IS NULL OR id = ANY ($2::int[]))) numbered
     GROUP BY chunk ORDER BY chunk`,
    [query.asOf, query.customerIds ?? null, query.chunkSize],
  );
  return bounds.map((row) => ({ from: Number(row.from_id), to: Number(row.to_id) }));
}
