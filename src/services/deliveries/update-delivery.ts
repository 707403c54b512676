import { findDeliveryByKey } from "../../db/queries/outbox.ts";
import { type Locale, toLocale } from "../../i18n/index.ts";
import type { Message } from "../../views/message.ts";
import type { ServiceContext } from "../context.ts";
import { type DeliveryError, type PlatformRef, toDeliveryError } from "./sender.ts";

export type UpdateDeliveryResult =
  | { updated: true }
  | { updated: false; reason: string; retryable?: boolean };

/**
 * Replace a message sent earlier (found by its delivery key) with a new version, e.g. an alert DM
 * after the alert was acknowledged elsewhere. Best effort and immediate: the outcome says why not
 * (not sent yet, platform cannot update, platform error); it is not queued.
 */
export async function updateDeliveredMessage(options: {
  ctx: ServiceContext;
  key: string;
  message: Message;
  locale?: Locale;
}): Promise<UpdateDeliveryResult> {
  const { ctx, key, message } = options;
  const row = await findDeliveryByKey(ctx.db.sql, key);
  if (!row) return { updated: false, reason: `no delivery with key ${key}` };
  if (row.status !== "SENT" || !row.platformRef) {
    return { updated: false, reason: `delivery ${key} is ${row.status.toLowerCase()}, not sent` };
  }
  const ref = row.platformRef as PlatformRef;
  const sender = ctx.outbox.senders[ref.platform];
  if (!sender?.update) return { updated: false, reason: `${ref.platform} messages cannot be updated here` };
  const stored = row.payload as { locale?: string };
  try {
    await sender.update(ref, message, { locale: options.locale ?? toLocale(stored.locale) });
    return { updated: true };
  } catch (thrown) {
    const error: DeliveryError = toDeliveryError(thrown);
    ctx.log.warn({ key, reason: error.reason }, "updating a delivered message failed");
    return { updated: false, reason: error.reason, retryable: error.retryable };
  }
}
