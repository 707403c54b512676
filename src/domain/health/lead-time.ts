/**
 * How early the backtest's warnings come: per churner, from the first date it was flagged to its last
 * order, and the yardsticks' flags at the same workload. Pure.
 */
import { addDays, daysBetween } from "../dates.ts";
import { median } from "./backtest-metrics.ts";

export interface LeadTime {
  churnersFlagged: number;
  medianDays: number | null;
  shareAtLeast45Days: number | null;
}

/** What lead time needs of a backtest row: who, on which date, churned or not, and how long silent. */
export interface LeadTimeRow {
  customerId: number;
  asOf: string;
  label: number;
  daysSinceLast: number;
}

/**
 * Lead time: for each churner (a customer labelled churned, identified by its last order before
 * leaving), days from the first as-of date it was at risk (within the year before that last order) to
 * that last order. Positive = warned while the customer was still buying.
 */
export function leadTimes<Row extends LeadTimeRow>(rows: Row[], flagged: (row: Row) => boolean): LeadTime {
  const flags = new Map<number, string[]>();
  for (const row of rows) {
    if (!flagged(row)) continue;
    const dates = flags.get(row.customerId);
    if (dates) dates.push(row.asOf);
    else flags.set(row.customerId, [row.asOf]);
  }
  // Per churner (customer + last order before leaving): the latest as-of date it was labelled churned.
  const latestLabel = new Map<string, { customerId: number; lastOrder: string; asOf: string }>();
  for (const row of rows) {
    if (!row.label) continue;
    const lastOrder = addDays(row.asOf, -row.daysSinceLast);
    const key = `${row.customerId}:${lastOrder}`;
    const known = latestLabel.get(key);
    if (!known || row.asOf > known.asOf)
      latestLabel.set(key, { customerId: row.customerId, lastOrder, asOf: row.asOf });
  }
  const leads: number[] = [];
  for (const { customerId, lastOrder, asOf } of latestLabel.values()) {
    const first = (flags.get(customerId) ?? [])
      .filter((date) => date >= addDays(lastOrder, -365) && date <= asOf)
      .sort()[0];
    if (first !== undefined) leads.push(daysBetween(first, lastOrder));
  }
  return {
    churnersFlagged: leads.length,
    medianDays: median(leads),
    shareAtLeast45Days: leads.length ? leads.filter((days) => days >= 45).length / leads.length : null,
  };
}

/** Flags the riskiest `share` of each date's rows by `pick` (higher = riskier). */
export function topShare<Row extends LeadTimeRow>(rows: Row[], pick: (row: Row) => number, share: number) {
  const byDate = new Map<string, Row[]>();
  for (const row of rows) {
    const dateRows = byDate.get(row.asOf);
    if (dateRows) dateRows.push(row);
    else byDate.set(row.asOf, [row]);
  }
  const flagged = new Set<Row>();
  for (const dateRows of byDate.values()) {
    const riskiest = [...dateRows].sort((a, b) => pick(b) - pick(a));
    for (const row of riskiest.slice(0, Math.round(share * dateRows.length))) flagged.add(row);
  }
  return (row: Row) => flagged.has(row);
}
