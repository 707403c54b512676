import { type AlertListRow, queryAlertList } from "../../db/queries/alert-list.ts";
import type { ServiceContext } from "../context.ts";

export type { AlertListRow } from "../../db/queries/alert-list.ts";

/** Alerts with state and audit trail for operators (`klantpuls alerts`), newest first. */
export async function listAlerts(options: {
  ctx: ServiceContext;
  liveOnly: boolean;
  customerIds?: number[];
  limit?: number;
}): Promise<AlertListRow[]> {
  return queryAlertList(options.ctx.db.sql, {
    liveOnly: options.liveOnly,
    ...(options.customerIds ? { customerIds: options.customerIds } : {}),
    limit: options.limit ?? 200,
  });
}
