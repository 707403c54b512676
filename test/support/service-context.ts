import { ManualClock } from "../../src/clock.ts";
import type { Database } from "../../src/db/client.ts";
import { silentLogger } from "../../src/logger.ts";
import type { ServiceContext } from "../../src/services/context.ts";
import { createServiceContext } from "../../src/services/create-service-context.ts";

/** A service context over a test database with a clock that stands still at `now`; default settings. */
export function testServiceContext(
  db: Database,
  now = "2026-11-25T09:00:00Z",
): ServiceContext & { clock: ManualClock } {
  const clock = new ManualClock(now);
  return {
    ...createServiceContext({
      db,
      settingsJson: undefined,
      clock,
      log: silentLogger,
      timezone: "Europe/Amsterdam",
    }),
    clock,
  };
}
