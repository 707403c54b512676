import { isoDateIn } from "../clock.ts";
import {
  type MyAlertRow,
  type MyCustomerRow,
  queryMyCustomers,
  queryMyOpenAlerts,
} from "../db/queries/my-overview.ts";
import type { TrackRecord } from "../domain/health/track-record.ts";
import type { ServiceContext } from "./context.ts";
import { latestTrackRecord } from "./health-model/track-record.ts";

export interface MyOverview {
  asOf: string;
  /** The date of the newest snapshot shown (the scores' date); `asOf` when none is. */
  scoredOn: string;
  customers: { total: number; rows: MyCustomerRow[] };
  alerts: { total: number; rows: MyAlertRow[] };
  /** The score's track record from the latest backtest; null before the first one. */
  trackRecord: TrackRecord | null;
}

/** What a user's home screen shows: their customers (worst first) and their open alerts. */
export async function getMyOverview(options: {
  ctx: ServiceContext;
  userId: number;
  customerLimit: number;
  alertLimit: number;
}): Promise<MyOverview> {
  const { ctx, userId } = options;
  const asOf = isoDateIn(ctx.clock.now(), ctx.timezone);
  const [customers, alerts, trackRecord] = await Promise.all([
    queryMyCustomers(ctx.db.sql, { userId, asOf, limit: options.customerLimit }),
    queryMyOpenAlerts(ctx.db.sql, { userId, limit: options.alertLimit }),
    latestTrackRecord(ctx),
  ]);
  // ISO dates sort as text: the newest is the last.
  const dates = customers.rows.flatMap((row) => (row.scoredOn ? [row.scoredOn] : [])).sort();
  const scoredOn = dates.at(-1) ?? asOf;
  return { asOf, scoredOn, customers, alerts, trackRecord };
}
