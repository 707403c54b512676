import { AppError } from "../../app-error.ts";
import { deliveryIdByKey, insertDelivery } from "../../db/queries/outbox.ts";
import { findUserRecipient } from "../../db/queries/users.ts";
import type { SqlSession } from "../../db/sql-session.ts";
import type { ChatPlatform } from "../../domain/chat-platform.ts";
import { type Locale, toLocale } from "../../i18n/index.ts";
import type { Message } from "../../views/message.ts";
import type { ServiceContext } from "../context.ts";
import type { DeliveryTarget } from "./sender.ts";

export type { DeliveryTarget } from "./sender.ts";

/**
 * The outbox. Every proactive message (alert DM, digest, pulse) is written here first, under a key
 * that names the intended message ("alert:12:dm", "digest:3:2026-W48"); the dispatcher sends it
 * afterwards. Writing the same key twice is a no-op (`created: false`), so a job that runs again,
 * or two instances racing, never produce a second message.
 */

/** What the payload column holds. */
export interface DeliveryPayload {
  message: Message;
  /** Language for the renderer's own words; a user target defaults to the user's language. */
  locale?: Locale;
}

export interface EnqueueResult {
  id: number;
  /** False when a delivery with this key already existed: nothing new will be sent. */
  created: boolean;
}

export async function enqueueDelivery(options: {
  ctx: ServiceContext;
  key: string;
  platform: ChatPlatform;
  target: DeliveryTarget;
  /** What it is, for admins and filters: "alert", "digest", "pulse", "pulse.reminder", … */
  kind: string;
  message: Message;
  locale?: Locale;
  /** Not before this instant (e.g. the end of quiet hours); default now. */
  notBefore?: Date;
  /** Write inside the caller's transaction (e.g. together with the alert it announces). */
  tx?: SqlSession;
}): Promise<EnqueueResult> {
  const { ctx, key } = options;
  if (!key.trim()) throw new AppError("BAD_INPUT", "a delivery needs a non-empty key");
  const sql = options.tx ?? ctx.db.sql;
  const now = ctx.clock.now();
  const payload: DeliveryPayload = {
    message: options.message,
    ...(options.locale ? { locale: options.locale } : {}),
  };
  const inserted = await insertDelivery(sql, {
    key,
    platform: options.platform,
    target: options.target,
    kind: options.kind,
    payload,
    status: "PENDING",
    nextAttemptAt: options.notBefore ?? now,
    createdAt: now,
  });
  if (inserted !== null) {
    ctx.log.debug({ key, kind: options.kind, platform: options.platform }, "delivery enqueued");
    // Outside a transaction the row is visible now; inside one, the dispatcher's poll finds it later.
    if (!options.tx) ctx.outbox.wake.notify();
    return { id: inserted, created: true };
  }
  return { id: await existingId(sql, key), created: false };
}

/**
 * A message to an internal user on the platform they use: Slack when their Slack id is known, else
 * Teams when their Teams id is; neither means there is nowhere to send it, which is recorded as a
 * FAILED delivery with the reason (visible in `klantpuls deliveries --failed`), not silently dropped.
 */
export async function enqueueForUser(options: {
  ctx: ServiceContext;
  key: string;
  userId: number;
  kind: string;
  message: Message;
  notBefore?: Date;
  tx?: SqlSession;
}): Promise<EnqueueResult & { platform: ChatPlatform | null }> {
  const { ctx, key, userId } = options;
  const sql = options.tx ?? ctx.db.sql;
  const user = await findUserRecipient(sql, userId);
  if (!user) throw new AppError("NOT_FOUND", `cannot deliver to user ${userId}: no such user`);
  const target: DeliveryTarget = { kind: "user", userId };
  const locale = toLocale(user.locale);
  const platform: ChatPlatform | null = user.slackUserId ? "SLACK" : user.teamsUserId ? "TEAMS" : null;
  if (platform) {
    const result = await enqueueDelivery({ ...options, platform, target, locale });
    return { ...result, platform };
  }
  const now = ctx.clock.now();
  const reason =
    `${user.name} <${user.email}> has no Slack or Teams account linked to Klantpuls yet ` +
    "(they are linked the first time they use the bot in Slack or Teams)";
  const inserted = await insertDelivery(sql, {
    key,
    platform: null,
    target,
    kind: options.kind,
    payload: { message: options.message, locale } satisfies DeliveryPayload,
    status: "FAILED",
    nextAttemptAt: now,
    createdAt: now,
    lastError: reason,
  });
  if (inserted !== null) {
    // Info, not warn: expected until people first use the bot; admins see it in `klantpuls deliveries`.
    ctx.log.info({ key, userId, kind: options.kind }, `delivery not possible: ${reason}`);
    return { id: inserted, created: true, platform: null };
  }
  return { id: await existingId(sql, key), created: false, platform: null };
}

async function existingId(sql: SqlSession, key: string): Promise<number> {
  const id = await deliveryIdByKey(sql, key);
  if (id === null) throw new AppError("INTERNAL", `delivery ${key} neither inserted nor found`);
  return id;
}
