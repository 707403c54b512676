import { loadAlertCardRows } from "../../db/queries/alerts.ts";
import type { SqlSession } from "../../db/sql-session.ts";
import { kindRank } from "../../domain/alerts/rules.ts";
import type { AlertCardView } from "../../views/alert-card.ts";

/**
 * The alert cards for a set of alerts (by id) or for customers' live alerts, one card per customer,
 * the most serious kind first. One statement; revenue is the trailing 12 months up to `asOf`.
 */
export async function loadAlertCards(
  sql: SqlSession,
  query: { alertIds?: number[]; liveForCustomers?: number[]; asOf: string },
): Promise<AlertCardView[]> {
  const rows = await loadAlertCardRows(sql, query);
  const cards = new Map<number, AlertCardView>();
  for (const row of rows) {
    let card = cards.get(row.customerId);
    if (!card) {
      card = {
        customer: { id: row.customerId, ...row.customer },
        owner: row.owner,
        assignee: null,
        revenueCents: row.revenueCents,
        alerts: [],
      };
      cards.set(row.customerId, card);
    }
    if (!card.assignee && row.assignee) card.assignee = row.assignee;
    card.alerts.push({
      id: row.id,
      kind: row.kind,
      status: row.status,
      openedAt: row.openedAt,
      detail: row.detail,
      snoozedUntil: row.snoozedUntil,
      reasonCode: row.reasonCode,
    });
  }
  for (const card of cards.values())
    card.alerts.sort((a, b) => kindRank(a.kind) - kindRank(b.kind) || a.id - b.id);
  return [...cards.values()];
}
