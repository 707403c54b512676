import { isoDateIn } from "../clock.ts";
import {
  type MyAlertRow,
  type MyCustomerRow,
  queryMyCustomers,
  queryMyOpenAlerts,
} from "../db/queries/my-overview.ts";
import type { ServiceContext } from "./context.ts";

export interface MyOverview {
  asOf: string;
  /** The date of the newest snapshot shown (the scores' date); `asOf` when none is. */
  scoredOn: string;
  customers: { total: number; rows: MyCustomerRow[] };
  alerts: { total: number; rows: MyAlertRow[] };
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
  const [customers, alerts] = await Promise.all([
    queryMyCustomers(ctx.db.sql, { userId, asOf, limit: options.customerLimit }),
    queryMyOpenAlerts(ctx.db.sql, { userId, limit: options.alertLimit }),
  ]);
  // ISO dates sort as text: the newest is the last.
  const dates = customers.rows.flatMap((row) => (row.scoredOn ? [row.scoredOn] : [])).sort();
  const scoredOn = dates.at(-1) ?? asOf;
  return { asOf, scoredOn, customers, alerts };
}
