import type { ChatPlatform } from "../../domain/chat-platform.ts";
import type { Locale } from "../../i18n/index.ts";
import type { Message } from "../../views/message.ts";

/**
 * The platform-neutral side of proactive delivery. The dispatcher only knows these types; the Slack
 * sender (src/slack/slack-sender.ts) and the Teams sender (src/teams/teams-sender.ts) turn them into
 * platform calls and classify what went wrong, so the dispatcher can decide: wait and retry, or give up
 * with a reason an admin can read (`klantpuls deliveries --failed`).
 */

/**
 * Where a proactive message goes. A user is an internal user id (users.id): the sender finds their
 * Slack id or their personal Teams chat at send time. A channel is the platform's own id: a Slack
 * channel id (C…), or a Teams conversation id (a team channel or group chat the app is installed in).
 */
export type DeliveryTarget = { kind: "user"; userId: number } | { kind: "channel"; channelId: string };

/** What was posted, so it can be updated later (an alert card after "acknowledge"). */
export type PlatformRef =
  | { platform: "SLACK"; channel: string; ts: string }
  | { platform: "TEAMS"; conversationId: string; activityId: string | null };

export interface SendOptions {
  /** Language for the renderer's own words ("+3 more"); the message text is already translated. */
  locale: Locale;
}

export interface PlatformSender {
  readonly platform: ChatPlatform;
  /** Post a new message. Throws a DeliveryError (or anything else, treated as retryable). */
  send(target: DeliveryTarget, message: Message, options: SendOptions): Promise<PlatformRef>;
  /** Replace a message posted earlier. Optional: a platform without it cannot update in place. */
  update?(ref: PlatformRef, message: Message, options: SendOptions): Promise<void>;
}

/**
 * A failed send, classified. `retryable`: rate limits (429, with the wait the platform asked for),
 * 5xx, network trouble, timeouts. `permanent`: the target is gone or the bot may not post there; no
 * retry will help, and `reason` says so in words an admin understands.
 */
export class DeliveryError extends Error {
  readonly retryable: boolean;
  readonly reason: string;
  /** The wait the platform asked for (Retry-After), when it did. */
  readonly retryAfterMs: number | undefined;

  constructor(options: { retryable: boolean; reason: string; retryAfterMs?: number; cause?: unknown }) {
    super(options.reason, { cause: options.cause });
    this.name = "DeliveryError";
    this.retryable = options.retryable;
    this.reason = options.reason;
    this.retryAfterMs = options.retryAfterMs;
  }
}

export function retryableError(reason: string, options: { retryAfterMs?: number; cause?: unknown } = {}) {
  return new DeliveryError({ retryable: true, reason, ...options });
}

export function permanentError(reason: string, cause?: unknown) {
  return new DeliveryError({ retryable: false, reason, cause });
}

/** Anything a sender throws, as a DeliveryError: unknown errors are retried (bounded by max attempts). */
export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return retryableError(`unexpected error: ${message}`, { cause: error });
}

/** The key Slack's ~1 message/second/channel pace applies to. */
export function paceKey(platform: ChatPlatform, target: DeliveryTarget): string {
  return target.kind === "user"
    ? `${platform}:user:${target.userId}`
    : `${platform}:channel:${target.channelId}`;
}

export type PlatformSenders = Partial<Record<ChatPlatform, PlatformSender>>;
