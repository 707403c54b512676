import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { setTimeout as delay } from "node:timers/promises";
import {
  claimDueDeliveries,
  markDeliveryFailed,
  markDeliveryRetry,
  markDeliverySent,
  renewDeliveryLease,
} from "../../db/queries/outbox.ts";
import type { ChatPlatform } from "../../domain/chat-platform.ts";
import { type Locale, toLocale } from "../../i18n/index.ts";
import type { Message } from "../../views/message.ts";
import type { ServiceContext } from "../context.ts";
import {
  type DeliveryError,
  type DeliveryTarget,
  type PlatformRef,
  type PlatformSenders,
  paceKey,
  toDeliveryError,
} from "./sender.ts";

/**
 * Sends what the outbox holds. One pass (`dispatchDue`):
 *
 * 1. Claim a batch of due PENDING deliveries (src/db/queries/outbox.ts): locked rows are skipped,
 *    so instances sharing a PostgreSQL take different rows, and the claim takes a lease (`lease_owner`, `lease_until`) timed
 *    by the DATABASE's clock (`now()`), so no one else takes them while they are being sent, however
 *    far the instances' own clocks differ (a crashed instance's rows come back when its lease ends).
 *    Before each send the lease is renewed; a dispatcher that lost it (a batch slower than the lease)
 *    skips the delivery instead of sending it a second time. "Due" (`next_attempt_at`: backoff, quiet
 *    hours) stays on the instance's clock: a fast clock may send a retry early, never twice.
 * 2. Send them, Slack paced to ~1 message/second/channel; different channels go in parallel.
 * 3. Record the outcome: SENT with the platform reference; or PENDING again later (429 honouring
 *    Retry-After, 5xx and network errors with exponential backoff); or FAILED with a readable reason.
 *
 * Exactly once, as far as a platform without idempotency keys allows: a delivery is written before any
 * send; a crash before the send leaves it PENDING (sent after restart, once). The window that remains
 * (docs/security.md, "Proactive messages"): the platform received and posted a message but its "ok"
 * never reached us — a timeout, a reset connection, or a crash or database error between the "ok" and
 * the SENT write. Then the delivery is retried and the message appears twice (`attempts` 2). Neither
 * Slack's chat.postMessage nor Bot Framework offers an idempotency key to close it. The duplicates
 * seen in the demo came from two instances with different clocks: the second one judged the first
 * one's lease expired by its own clock; the database clock closes that.
 */

export interface DispatcherOptions {
  ctx: ServiceContext;
  senders: PlatformSenders;
  /** Deliveries claimed per pass. */
  batchSize?: number;
  /** How long a claim keeps other dispatchers away; must exceed one batch's paced sending. */
  leaseMs?: number;
  /** Give up (FAILED) after this many attempts. */
  maxAttempts?: number;
  /** Backoff after the n-th failed attempt: base × 2^(n−1), at most max (Retry-After wins if longer). */
  backoff?: { baseMs: number; maxMs: number };
  /** Minimum gap between two messages to one Slack channel (Slack: about one per second). */
  slackPaceMs?: number;
  /** Channels sent to in parallel. */
  concurrency?: number;
  /** Idle wait between passes when nothing was due (a new delivery wakes it earlier). */
  pollIntervalMs?: number;
  /** Waiting for the pace; tests pass one that moves a ManualClock instead of waiting. */
  sleep?: (ms: number) => Promise<void>;
}

export interface DispatchSummary {
  claimed: number;
  sent: number;
  retrying: number;
  failed: number;
}

export interface DeliveryDispatcher {
  /** One pass over what is due now. */
  dispatchDue(): Promise<DispatchSummary>;
  /** Passes until nothing is due now (tests, the demo console, benchmarks). */
  drain(): Promise<DispatchSummary>;
  /** Keep dispatching in the background until stop(). */
  start(): void;
  stop(): Promise<void>;
}

interface ClaimedDelivery {
  id: number;
  key: string;
  platform: ChatPlatform;
  target: DeliveryTarget;
  kind: string;
  message: Message;
  locale: Locale;
  attempts: number;
}

export function createDeliveryDispatcher(options: DispatcherOptions): DeliveryDispatcher {
  const { ctx, senders } = options;
  const log = ctx.log.child({ component: "dispatcher" });
  const batchSize = options.batchSize ?? 20;
  const leaseMs = options.leaseMs ?? 2 * 60_000;
  const maxAttempts = options.maxAttempts ?? 8;
  const backoff = options.backoff ?? { baseMs: 5_000, maxMs: 30 * 60_000 };
  const slackPaceMs = options.slackPaceMs ?? 1_000;
  const concurrency = options.concurrency ?? 4;
  const pollIntervalMs = options.pollIntervalMs ?? 2_000;
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  const platforms = (Object.keys(senders) as ChatPlatform[]).filter((p) => senders[p]);
  /** Who holds a lease: unique per dispatcher, so a renewal never extends someone else's lease. */
  const leaseOwner = `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
  const leaseSeconds = leaseMs / 1000;
  /** When each channel may receive its next message (pace, or a 429's Retry-After). */
  const nextAllowed = new Map<string, number>();

  async function claim(): Promise<ClaimedDelivery[]> {
    if (platforms.length === 0) return [];
    const now = ctx.clock.now();
    const rows = await claimDueDeliveries(ctx.db.sql, {
      platforms,
      now,
      limit: batchSize,
      leaseOwner,
      leaseSeconds,
    });
    const claimed: ClaimedDelivery[] = [];
    for (const row of rows) {
      try {
        const payload = row.payload as { message: Message; locale?: string };
        claimed.push({
          id: row.id,
          key: row.key,
          platform: row.platform,
          target: JSON.parse(row.target) as DeliveryTarget,
          kind: row.kind,
          message: payload.message,
          locale: toLocale(payload.locale),
          attempts: row.attempts,
        });
      } catch (error) {
        await markFailed(row.id, `unreadable delivery row: ${(error as Error).message}`);
      }
    }
    // Oldest first, as claimed: the UPDATE … RETURNING order is not guaranteed.
    return claimed.sort((a, b) => a.id - b.id);
  }

  /** Renews this dispatcher's lease right before a send; false when it no longer holds it. */
  function renewLease(delivery: ClaimedDelivery): Promise<boolean> {
    return renewDeliveryLease(ctx.db.sql, delivery.id, leaseOwner, leaseSeconds);
  }

  function markSent(delivery: ClaimedDelivery, ref: PlatformRef): Promise<void> {
    return markDeliverySent(ctx.db.sql, delivery.id, ref, ctx.clock.now());
  }

  function markFailed(id: number, reason: string): Promise<void> {
    return markDeliveryFailed(ctx.db.sql, id, reason);
  }

  function markRetry(id: number, at: Date, reason: string, uncount = false): Promise<void> {
    return markDeliveryRetry(ctx.db.sql, id, { at, reason, uncount });
  }

  function retryDelayMs(attempts: number, error: DeliveryError): number {
    const exponential = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.max(0, attempts - 1));
    return Math.max(exponential, error.retryAfterMs ?? 0);
  }

  /** Send one channel's deliveries in order, paced; returns what happened to each. */
  async function sendGroup(group: ClaimedDelivery[], summary: DispatchSummary): Promise<void> {
    for (let index = 0; index < group.length; index += 1) {
      const delivery = group[index] as ClaimedDelivery;
      const sender = senders[delivery.platform];
      if (!sender) continue;
      const pace = paceKey(delivery.platform, delivery.target);
      const wait = (nextAllowed.get(pace) ?? 0) - ctx.clock.now().getTime();
      if (wait > 0) await sleep(wait);
      if (!(await renewLease(delivery))) {
        // Our lease ran out while earlier messages were paced and another dispatcher took it over:
        // sending now would be the second send.
        log.warn({ key: delivery.key }, "delivery lease lost before sending; left to its new holder");
        continue;
      }
      try {
        const ref = await sender.send(delivery.target, delivery.message, { locale: delivery.locale });
        if (delivery.platform === "SLACK") nextAllowed.set(pace, ctx.clock.now().getTime() + slackPaceMs);
        await markSent(delivery, ref);
        summary.sent += 1;
        log.info(
          { key: delivery.key, kind: delivery.kind, platform: delivery.platform, ref },
          "delivery sent",
        );
      } catch (thrown) {
        const error = toDeliveryError(thrown);
        if (!error.retryable) {
          await markFailed(delivery.id, error.reason);
          summary.failed += 1;
          log.warn({ key: delivery.key, reason: error.reason }, "delivery failed permanently");
          continue;
        }
        if (delivery.attempts >= maxAttempts) {
          await markFailed(delivery.id, `gave up after ${delivery.attempts} attempts: ${error.reason}`);
          summary.failed += 1;
          log.warn({ key: delivery.key, reason: error.reason }, "delivery failed: out of attempts");
          continue;
        }
        const retryAt = new Date(ctx.clock.now().getTime() + retryDelayMs(delivery.attempts, error));
        await markRetry(delivery.id, retryAt, error.reason);
        summary.retrying += 1;
        log.warn(
          { key: delivery.key, attempts: delivery.attempts, retryAt, reason: error.reason },
          "delivery will be retried",
        );
        if (error.retryAfterMs !== undefined) {
          // The channel is rate limited: the rest of this group waits too, without using an attempt.
          nextAllowed.set(pace, ctx.clock.now().getTime() + error.retryAfterMs);
          for (const rest of group.slice(index + 1)) {
            await markRetry(rest.id, retryAt, `waiting: ${error.reason}`, true);
            summary.retrying += 1;
          }
          return;
        }
      }
    }
  }

  async function dispatchDue(): Promise<DispatchSummary> {
    const claimed = await claim();
    const summary: DispatchSummary = { claimed: claimed.length, sent: 0, retrying: 0, failed: 0 };
    if (claimed.length === 0) return summary;
    const groups = new Map<string, ClaimedDelivery[]>();
    for (const delivery of claimed) {
      const key = paceKey(delivery.platform, delivery.target);
      groups.set(key, [...(groups.get(key) ?? []), delivery]);
    }
    const queue = [...groups.values()];
    const workers = Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
      for (let group = queue.shift(); group; group = queue.shift()) await sendGroup(group, summary);
    });
    await Promise.all(workers);
    return summary;
  }

  let running: Promise<void> | undefined;
  let stopping = false;
  let wake: (() => void) | undefined;
  let nudgedDuringPass = false;
  let unsubscribe: (() => void) | undefined;

  async function loop(): Promise<void> {
    while (!stopping) {
      nudgedDuringPass = false;
      let claimed = 0;
      try {
        claimed = (await dispatchDue()).claimed;
      } catch (error) {
        log.error({ err: error }, "delivery pass failed");
      }
      if (stopping) break;
      // A full batch means more may be due: go again straight away. So does a nudge that came while
      // the pass ran (its delivery may have been written after the pass looked).
      if (claimed >= batchSize || nudgedDuringPass) {
        nudgedDuringPass = false;
        continue;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollIntervalMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
  }

  return {
    dispatchDue,
    async drain() {
      const total: DispatchSummary = { claimed: 0, sent: 0, retrying: 0, failed: 0 };
      for (;;) {
        const pass = await dispatchDue();
        total.claimed += pass.claimed;
        total.sent += pass.sent;
        total.retrying += pass.retrying;
        total.failed += pass.failed;
        if (pass.claimed === 0) return total;
      }
    },
    start() {
      if (running !== undefined) return;
      stopping = false;
      unsubscribe = ctx.outbox.wake.listen(() => {
        if (wake) wake();
        else nudgedDuringPass = true;
      });
      running = loop();
      log.info({ platforms }, "delivery dispatcher started");
    },
    async stop() {
      stopping = true;
      unsubscribe?.();
      wake?.();
      await running;
      running = undefined;
    },
  };
}
