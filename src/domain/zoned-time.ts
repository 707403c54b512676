/**
 * The wall clock of an instant in a time zone, read once through Intl (which holds the zone rules).
 * Every time-zone question in Klantpuls — today's date for the company, quiet hours, digest and cron
 * slots — starts here, so there is one formatter per zone and one reading of its parts.
 */
import { joinDate, splitDate } from "./dates.ts";

/** A wall-clock date and time: month 1–12, hour 0–23. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** True for a zone Intl knows ("Europe/Amsterdam", "UTC"); false for anything else. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock date and time of an instant (a Date or epoch milliseconds) in a time zone. */
export function wallClock(instant: Date | number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** A wall clock read as if it were UTC: epoch milliseconds, for offset arithmetic. */
export function wallClockAsUtc(wall: WallClock): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function isoDateIn(instant: Date | number, timeZone: string): string {
  const wall = wallClock(instant, timeZone);
  return joinDate(wall.year, wall.month, wall.day);
}

/**
 * The instant a wall-clock time happens in a zone. In the hour skipped by a DST change the time is
 * taken as if the clocks had not moved yet (an hour later in practice); in the repeated hour, the first.
 */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const { year, month, day } = splitDate(date);
  const [hour, minute] = time.split(":").map(Number) as [number, number];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  let guess = asUtc - offsetMs(new Date(asUtc), timeZone);
  // A second pass corrects a guess that landed on the other side of a DST change.
  guess = asUtc - offsetMs(new Date(guess), timeZone);
  return new Date(guess);
}

function offsetMs(instant: Date, timeZone: string): number {
  return wallClockAsUtc(wallClock(instant, timeZone)) - Math.floor(instant.getTime() / 1000) * 1000;
}
