import { isoDateIn } from "../../clock.ts";
import { existingDeliveryKeys } from "../../db/queries/outbox.ts";
import type { DigestContent } from "../../domain/alerts/digest.ts";
import { weeklySlot } from "../../domain/alerts/local-time.ts";
import { digestMessage } from "../../views/digest-message.ts";
import type { ServiceContext } from "../context.ts";
import { enqueueDelivery } from "../deliveries/enqueue-delivery.ts";
import { buildDigest } from "./build-digest.ts";
import { type DigestSubscription, listActiveSubscriptions } from "./digest-subscriptions.ts";

export interface SendDigestsResult {
  /** Subscriptions whose slot this week has come. */
  due: number;
  /** Digests written to the outbox now (the others were already there). */
  enqueued: number;
  /** Distinct contents built (segment × date); subscriptions share them. */
  built: number;
  ms: number;
}

/** The outbox key of a subscription's digest for one ISO week: at most one per subscription and week. */
export function digestDeliveryKey(subscriptionId: number, periodKey: string): string {
  return `digest:${subscriptionId}:${periodKey}`;
}

/**
 * Every active subscription whose weekly slot (its own day, time and zone) has come this week and
 * whose digest is not in the outbox yet gets it. Content is built once per segment and local date and
 * rendered per language, so 200 channels on three segments cost three builds. A run missed while the
 * bot was down is made up later the same week; the delivery key keeps it to one per week.
 */
export async function sendDueDigests(options: {
  ctx: ServiceContext;
  subscriptions?: DigestSubscription[];
}): Promise<SendDigestsResult> {
  const { ctx } = options;
  const started = performance.now();
  const now = ctx.clock.now();
  const subscriptions = options.subscriptions ?? (await listActiveSubscriptions(ctx));
  const due = subscriptions
    .map((subscription) => ({ subscription, slot: weeklySlot(now, subscription) }))
    // A slot that passed before the channel subscribed is not owed: the first digest is the next slot.
    .filter(
      (entry) => entry.slot.due && entry.slot.dueAt.getTime() >= Date.parse(entry.subscription.createdAt),
    )
    .map((entry) => ({ ...entry, key: digestDeliveryKey(entry.subscription.id, entry.slot.periodKey) }));
  if (due.length === 0) return { due: 0, enqueued: 0, built: 0, ms: Math.round(performance.now() - started) };

  const existing = await existingDeliveryKeys(
    ctx.db.sql,
    due.map((entry) => entry.key),
  );
  const contents = new Map<string, Promise<DigestContent>>();
  let enqueued = 0;
  for (const entry of due) {
    if (existing.has(entry.key)) continue;
    const { subscription } = entry;
    const asOf = isoDateIn(now, subscription.timezone);
    const contentKey = `${(subscription.segment ?? "").toLowerCase()}|${asOf}`;
    let content = contents.get(contentKey);
    if (!content) {
      content = buildDigest({ ctx, asOf, segment: subscription.segment });
      contents.set(contentKey, content);
    }
    const message = digestMessage(await content, subscription.locale, { periodKey: entry.slot.periodKey });
    const result = await enqueueDelivery({
      ctx,
      key: entry.key,
      platform: subscription.platform,
      target: { kind: "channel", channelId: subscription.channelId },
      kind: "digest",
      message,
      locale: subscription.locale,
    });
    if (result.created) enqueued += 1;
  }
  const result = {
    due: due.length,
    enqueued,
    built: contents.size,
    ms: Math.round(performance.now() - started),
  };
  ctx.log.info(result, "weekly digests");
  return result;
}
