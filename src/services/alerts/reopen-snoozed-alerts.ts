import { reopenEndedSnoozes } from "../../db/queries/alerts.ts";
import type { ServiceContext } from "../context.ts";

/**
 * Snoozes that ran out: the alert re-opens and waits for a DM again (subject to quiet hours and the
 * noise budget). Only alerts still live are snoozed, and the daily evaluation resolves an alert whose
 * condition cleared, snoozed or not; so a snooze that ends re-opens an alert that was still true at
 * the last evaluation. One statement with its audit events; running it twice re-opens nothing twice.
 */
export async function reopenSnoozedAlerts(options: { ctx: ServiceContext }): Promise<{ reopened: number[] }> {
  const { ctx } = options;
  const reopened = await reopenEndedSnoozes(ctx.db.sql, ctx.clock.now());
  if (reopened.length > 0) ctx.log.info({ reopened }, "snoozed alerts re-opened");
  return { reopened };
}
