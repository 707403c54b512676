import { customerIdRanges } from "../db/queries/signal-inputs.ts";
import type { ServiceContext } from "./context.ts";

/**
 * PGlite runs each statement on the bot's main thread, where nothing else (a chat request's ack) runs
 * until it ends: at 20k customers one aggregation statement over the whole book held the event loop for
 * 2.2 s. In ranges of 5,000 customers the longest wait was 0.6 s and a scoring run took as long (4.3
 * against 4.1 s). PostgreSQL aggregates off this process, in one statement.
 */
export const PGLITE_AGGREGATE_CUSTOMERS = 5_000;

export type IdRange = { from: number; to: number };

/**
 * The customer id ranges to read a whole book in, as of a date: on PGlite ranges of
 * PGLITE_AGGREGATE_CUSTOMERS (or `chunkCustomers`, for tests), on PostgreSQL one read of everything
 * (`undefined`: no range).
 */
export async function wholeBookRanges(
  ctx: ServiceContext,
  asOf: string,
  chunkCustomers?: number,
): Promise<Array<IdRange | undefined>> {
  const chunkSize = chunkCustomers ?? (ctx.db.kind === "pglite" ? PGLITE_AGGREGATE_CUSTOMERS : null);
  if (!chunkSize) return [undefined];
  return customerIdRanges(ctx.db.sql, { asOf, customerIds: undefined, chunkSize });
}
