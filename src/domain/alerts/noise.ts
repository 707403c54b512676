/**
 * The noise budget: which waiting alert messages go out now, which wait for working hours and which
 * are left to the digest. Pure; one decision per message (a message covers one customer's new alerts).
 */
import { addWorkingDays, isQuietTime, localParts } from "./local-time.ts";
import type { AlertSettings } from "./settings.ts";

export interface PendingMessage {
  customerId: number;
  /** Who would get the DM (the assignee, else the owner); null: nobody to tell, digest only. */
  recipientId: number | null;
  recipientTimezone: string;
  /** A snooze ran out and the condition still holds: the owner asked to hear again. */
  reopened: boolean;
  bandFell: boolean;
  move: number | null;
  revenueCents: number;
}

export type PushDecision = "send" | "wait" | "digest";

/**
 * Decide for every pending message. Per recipient: nothing during quiet hours or weekends (it waits),
 * otherwise at most `dailyBudget` DMs per local day, the most important first (band fell, biggest
 * move, largest revenue); the rest go to the digest.
 *
 * `sentToday` counts the DMs each recipient already got today in their own zone.
 */
export function planPushes(
  pending: readonly PendingMessage[],
  sentToday: ReadonlyMap<number, number>,
  now: Date,
  settings: AlertSettings,
): PushDecision[] {
  const decisions: PushDecision[] = pending.map(() => "digest");
  const byRecipient = new Map<number, number[]>();
  pending.forEach((message, index) => {
    if (message.recipientId === null) return;
    if (isQuietTime(now, message.recipientTimezone, settings)) {
      decisions[index] = "wait";
      return;
    }
    const list = byRecipient.get(message.recipientId) ?? [];
    list.push(index);
    byRecipient.set(message.recipientId, list);
  });
  for (const [recipientId, indexes] of byRecipient) {
    let left = Math.max(0, settings.dailyBudget - (sentToday.get(recipientId) ?? 0));
    indexes.sort((a, b) => priority(pending[b]!) - priority(pending[a]!) || a - b);
    for (const index of indexes) {
      if (left > 0) {
        decisions[index] = "send";
        left -= 1;
      }
    }
  }
  return decisions;
}

function priority(message: PendingMessage): number {
  // Weighted so a band change always beats a move, and a move beats revenue (cents ≪ 1e9 points).
  return (
    (message.reopened ? 4e12 : 0) +
    (message.bandFell ? 2e12 : 0) +
    Math.min(100, Math.abs(message.move ?? 0)) * 1e10 +
    Math.min(message.revenueCents, 9e9)
  );
}

/** Start of the recipient's local day, as a date string, for counting today's DMs. */
export function localDay(now: Date, timeZone: string): string {
  return localParts(now, timeZone).date;
}

/** An alert DM'd at `notifiedAt` and still not acknowledged is escalated from this instant on. */
export function escalationDueAt(notifiedAt: Date, timeZone: string, settings: AlertSettings): Date {
  return addWorkingDays(notifiedAt, settings.escalateAfterWorkingDays, timeZone);
}
