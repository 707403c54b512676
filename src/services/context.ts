import type { Clock } from "../clock.ts";
import type { Database } from "../db/client.ts";
import type { ProactiveSettings } from "../domain/alerts/settings.ts";
import type { HealthSettings } from "../domain/health/settings.ts";
import type { Logger } from "../logger.ts";
import type { PlatformSenders } from "./deliveries/sender.ts";
import type { OutboxWake } from "./deliveries/wake.ts";

/** The settings file's sections, validated: scoring (`health`) and the proactive side. */
export interface ServiceSettings extends ProactiveSettings {
  health: HealthSettings;
}

/** The outbox's two ends: who sends each platform's messages, and the nudge that a new one is due. */
export interface Outbox {
  /**
   * The platform senders the composition root built (src/main.ts), by platform; a platform that is
   * not configured has none. Filled once at start-up, after the platforms are mounted.
   */
  senders: PlatformSenders;
  wake: OutboxWake;
}

/**
 * What every service needs, built once in the composition root (src/main.ts, or the CLI) with
 * createServiceContext. Everything a service reads is here; nothing is looked up on the side.
 */
export interface ServiceContext {
  db: Database;
  clock: Clock;
  log: Logger;
  /** Company time zone: "today" for scoring and KPIs is the date here. */
  timezone: string;
  settings: ServiceSettings;
  outbox: Outbox;
}
