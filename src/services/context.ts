import type { Clock } from "../clock.ts";
import type { Database } from "../db/client.ts";
import type { HealthSettings } from "../domain/health/settings.ts";
import type { Logger } from "../logger.ts";

/** What every service needs, built once in the composition root (src/main.ts or the CLI). */
export interface ServiceContext {
  db: Database;
  settings: HealthSettings;
  clock: Clock;
  log: Logger;
  /** Company time zone: "today" for scoring and KPIs is the date here. */
  timezone: string;
}
