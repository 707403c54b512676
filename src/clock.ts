import { zonedInstant } from "./domain/zoned-time.ts";

/** The one source of "now". Pass it in; tests and the demo console use a controllable one. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * The process's clock: the system clock, or — when the configuration sets a start instant
 * (KLANTPULS_NOW) — a clock that starts there and runs on at the system clock's pace. Tests and
 * demos use it so that "today", quiet hours and weekends do not depend on when they happen to run.
 */
export function configuredClock(start: Date | undefined): Clock {
  if (!start) return systemClock;
  const offset = start.getTime() - Date.now();
  return { now: () => new Date(Date.now() + offset) };
}

/** A clock that stands still until moved: for tests and for the demo's "advance time" command. */
export class ManualClock implements Clock {
  private current: Date;

  constructor(start: Date | string) {
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  set(to: Date | string): void {
    this.current = new Date(to);
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }

  advanceDays(days: number): void {
    this.advance(days * 86_400_000);
  }
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone (re-exported: most callers hold a Clock). */
export { isoDateIn } from "./domain/zoned-time.ts";

/**
 * A clock stopped at noon of `date` (YYYY-MM-DD) in `timeZone`: "as of that day" for a command, the
 * same calendar day whatever the zone's offset (noon UTC is already tomorrow east of UTC+12).
 */
export function dayClock(date: string, timeZone: string): ManualClock {
  return new ManualClock(zonedInstant(date, "12:00", timeZone));
}
