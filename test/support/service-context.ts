import { ManualClock } from "../../src/clock.ts";
import type { Database } from "../../src/db/client.ts";
import { defaultHealthSettings } from "../../src/domain/health/settings.ts";
import { silentLogger } from "../../src/logger.ts";
import type { ServiceContext } from "../../src/services/context.ts";

/** A service context over a test database with a clock that stands still at `now`. */
export function testServiceContext(
  db: Database,
  now = "2026-11-25T09:00:00Z",
): ServiceContext & { clock: ManualClock } {
  return {
    db,
    settings: defaultHealthSettings,
    clock: new ManualClock(now),
    log: silentLogger,
    timezone: "Europe/Amsterdam",
  };
}
