import {
  auditChannelSubscription,
  type ChannelSubscriptionChoice,
  type DigestSubscription,
  deactivateChannelSubscription,
  findChannelSubscription,
  listActiveChannelSubscriptions,
  upsertChannelSubscription,
} from "../../db/queries/digest-subscriptions.ts";
import type { ChatPlatform } from "../../domain/chat-platform.ts";
import type { ServiceContext } from "../context.ts";

export type { DigestSubscription };

/**
 * Subscribe a channel to the weekly digest, or change its schedule: one subscription per channel
 * (unique per platform), re-activated when it was switched off. Audited.
 */
export async function subscribeChannel(
  options: ChannelSubscriptionChoice & { ctx: ServiceContext; userId: number },
): Promise<DigestSubscription> {
  const { ctx, userId, ...choice } = options;
  const now = ctx.clock.now().toISOString();
  return ctx.db.sql.transaction(async (tx) => {
    const subscription = await upsertChannelSubscription(tx, { ...choice, createdById: userId, at: now });
    await auditChannelSubscription(tx, {
      at: now,
      userId,
      action: "digest.subscribed",
      subscription,
    });
    return subscription;
  });
}

/** Switch a channel's digest off (kept, so `aan` later restores it). Null when it had none. */
export async function unsubscribeChannel(options: {
  ctx: ServiceContext;
  platform: ChatPlatform;
  channelId: string;
  userId: number;
}): Promise<DigestSubscription | null> {
  const { ctx } = options;
  const now = ctx.clock.now().toISOString();
  return ctx.db.sql.transaction(async (tx) => {
    const subscription = await deactivateChannelSubscription(tx, {
      platform: options.platform,
      channelId: options.channelId,
    });
    if (!subscription) return null;
    await auditChannelSubscription(tx, {
      at: now,
      userId: options.userId,
      action: "digest.unsubscribed",
      subscription,
    });
    return subscription;
  });
}

export async function getChannelSubscription(options: {
  ctx: ServiceContext;
  platform: ChatPlatform;
  channelId: string;
}): Promise<DigestSubscription | null> {
  return findChannelSubscription(options.ctx.db.sql, {
    platform: options.platform,
    channelId: options.channelId,
  });
}

export async function listActiveSubscriptions(ctx: ServiceContext): Promise<DigestSubscription[]> {
  return listActiveChannelSubscriptions(ctx.db.sql);
}

/** Of the active subscriptions given, those a segment's news goes to: every segment's and this one's (any case). */
export function channelsForSegment(
  subscriptions: DigestSubscription[],
  segment: string,
): DigestSubscription[] {
  const wanted = segment.toLowerCase();
  return subscriptions.filter(
    (subscription) => subscription.segment === null || subscription.segment.toLowerCase() === wanted,
  );
}
