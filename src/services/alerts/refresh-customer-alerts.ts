import type { ServiceContext } from "../context.ts";
import { evaluateAlerts } from "./evaluate-alerts.ts";
import { loadAlertCards } from "./load-alert-cards.ts";
import { refreshAlertMessages } from "./refresh-alert-messages.ts";

/**
 * After a pulse or an import rescored customers today: their alerts take the new figures at once (or
 * open, or resolve), so the card's alert block, App Home, the digest and any alert sent from now on
 * agree with the card's score the same day, not from tomorrow's run. With `updateMessages`, the alert
 * messages already sent about them are replaced too (an interactive pulse: one customer; an import
 * leaves them, as they state the date of their figures, rather than make hundreds of platform calls).
 */
export async function refreshCustomerAlerts(options: {
  ctx: ServiceContext;
  asOf: string;
  customerIds: number[];
  updateMessages: boolean;
}): Promise<void> {
  const { ctx, asOf, customerIds } = options;
  if (customerIds.length === 0) return;
  await evaluateAlerts({ ctx, asOf, customerIds });
  if (!options.updateMessages) return;
  for (const view of await loadAlertCards(ctx.db.sql, { liveForCustomers: customerIds, asOf })) {
    await refreshAlertMessages({ ctx, alertIds: view.alerts.map((alert) => alert.id), view });
  }
}
