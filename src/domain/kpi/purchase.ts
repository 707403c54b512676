/**
 * Purchase frequency and volume compared with a baseline, and payment lateness. All changes are
 * percentages with full precision (−45.2 means 45.2 % fewer); round only when presenting.
 */
import { daysBetween } from "../dates.ts";

/**
 * Percentage change of `recent` against `baseline` scaled to the recent window's length:
 * baseline rate = baseline × recentDays / baselineDays. Null when the baseline is 0 (nothing to compare with).
 */
export function changeVsBaseline(input: {
  recent: number;
  baseline: number;
  recentDays: number;
  baselineDays: number;
}): number | null {
  const expected = (input.baseline * input.recentDays) / input.baselineDays;
  if (expected <= 0) return null;
  return (input.recent / expected - 1) * 100;
}

export interface PurchasePeriod {
  orders: number;
  /** Cents. */
  revenue: number;
  /** Customers the orders and revenue are spread over; 1 for a single customer. */
  customers: number;
  /** Length of the period in days. */
  days: number;
}

export interface PurchaseChange {
  /** Orders per customer in the current period. */
  ordersPerCustomer: number | null;
  /** Revenue per customer in the current period, cents (not rounded). */
  revenuePerCustomer: number | null;
  /** Change in orders per customer per day vs the baseline, in %. */
  frequencyChange: number | null;
  /** Change in revenue per customer per day vs the baseline, in %. */
  volumeChange: number | null;
}

/** Frequency (orders) and volume (revenue) per customer, compared per day so periods of any length compare. */
export function purchaseChange(current: PurchasePeriod, baseline: PurchasePeriod): PurchaseChange {
  const perCustomer = (value: number, period: PurchasePeriod) =>
    period.customers > 0 ? value / period.customers : null;
  const change = (recent: number | null, before: number | null) =>
    recent === null || before === null
      ? null
      : changeVsBaseline({ recent, baseline: before, recentDays: current.days, baselineDays: baseline.days });
  const ordersNow = perCustomer(current.orders, current);
  const revenueNow = perCustomer(current.revenue, current);
  return {
    ordersPerCustomer: ordersNow,
    revenuePerCustomer: revenueNow,
    frequencyChange: change(ordersNow, perCustomer(baseline.orders, baseline)),
    volumeChange: change(revenueNow, perCustomer(baseline.revenue, baseline)),
  };
}

export interface InvoicePayment {
  /** ISO date. */
  dueDate: string;
  /** ISO date, null while unpaid. */
  paidDate: string | null;
}

/**
 * Mean days paid after the due date, the same rule the scoring SQL applies: only invoices due on or
 * before `asOf` count, unpaid ones are late up to `asOf`, paying early counts as 0 days (not as credit).
 * Null without any invoice due.
 */
export function averageDaysLate(invoices: readonly InvoicePayment[], asOf: string): number | null {
  const due = invoices.filter((invoice) => daysBetween(invoice.dueDate, asOf) >= 0);
  if (due.length === 0) return null;
  const total = due.reduce((sum, invoice) => {
    const settled =
      invoice.paidDate !== null && daysBetween(invoice.paidDate, asOf) >= 0 ? invoice.paidDate : asOf;
    return sum + Math.max(0, daysBetween(invoice.dueDate, settled));
  }, 0);
  return total / due.length;
}
