import { type CustomerIdRange, customerIdRanges } from "../db/queries/signal-inputs.ts";
import type { ServiceContext } from "./context.ts";

/**
 * Customers per aggregation statement when a book is read a part at a time.
 *
 * PostgreSQL: one statement over a large id range reads each table once (index range scans per
 * smaller range would cost the server twice the time).
 *
 * PGlite runs each statement on the bot's main thread, where nothing else (a chat request's ack) runs
 * until it ends: at 20k customers one aggregation statement over the whole book held the event loop for
 * 2.2 s. In ranges of 5,000 customers the longest wait was 0.6 s and a scoring run took as long (4.3
 * against 4.1 s).
 */
const CUSTOMERS_PER_READ = { postgres: 25_000, pglite: 5_000 } as const;

/**
 * The customer id ranges to read a book in as of a date (of `customerIds` only, when given), in id
 * order: the scoring, the alert evaluation and the calibration's and backtest's past books all read
 * this way. `chunkCustomers` overrides the size (tests use small ones).
 */
export function customerRanges(
  ctx: ServiceContext,
  asOf: string,
  options: { customerIds?: number[]; chunkCustomers?: number } = {},
): Promise<CustomerIdRange[]> {
  return customerIdRanges(ctx.db.sql, {
    asOf,
    customerIds: options.customerIds,
    chunkSize: options.chunkCustomers ?? CUSTOMERS_PER_READ[ctx.db.kind],
  });
}
