/**
 * Wall-clock arithmetic in a person's or channel's time zone: quiet hours, weekends, working days,
 * the weekly digest slot and pulse periods. Pure: the instant is passed in; Intl supplies the zone rules.
 */
import { addDays, joinDate, splitDate, toEpochDay } from "../dates.ts";
import { wallClock, zonedInstant } from "../zoned-time.ts";

export interface LocalParts {
  /** YYYY-MM-DD in the zone. */
  date: string;
  /** HH:MM (24 h) in the zone. */
  time: string;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
}

/** The date, time (HH:MM) and ISO weekday of an instant in a zone: quiet hours and slots read these. */
export function localParts(instant: Date, timeZone: string): LocalParts {
  const wall = wallClock(instant, timeZone);
  const date = joinDate(wall.year, wall.month, wall.day);
  return {
    date,
    time: `${String(wall.hour).padStart(2, "0")}:${String(wall.minute).padStart(2, "0")}`,
    weekday: isoWeekday(date),
  };
}

/** ISO weekday of a date, 1 = Monday. 1970-01-01 was a Thursday. */
export function isoWeekday(date: string): number {
  return ((((toEpochDay(date) + 3) % 7) + 7) % 7) + 1;
}

export interface WorkingHours {
  workdayStart: string;
  workdayEnd: string;
  quietWeekends: boolean;
}

/** Outside working hours or on a weekend in the zone: no DM now, it waits. */
export function isQuietTime(instant: Date, timeZone: string, hours: WorkingHours): boolean {
  const local = localParts(instant, timeZone);
  if (hours.quietWeekends && local.weekday >= 6) return true;
  return local.time < hours.workdayStart || local.time >= hours.workdayEnd;
}

/** The same wall-clock time `days` working days (Monday–Friday) later in the zone. */
export function addWorkingDays(instant: Date, days: number, timeZone: string): Date {
  const local = localParts(instant, timeZone);
  let date = local.date;
  let left = days;
  while (left > 0) {
    date = addDays(date, 1);
    if (isoWeekday(date) <= 5) left -= 1;
  }
  return zonedInstant(date, local.time, timeZone);
}

/** ISO week of a date: "2026-W48". The week belongs to the year of its Thursday. */
export function isoWeekKey(date: string): string {
  const thursday = addDays(date, 4 - isoWeekday(date));
  const { year } = splitDate(thursday);
  const week = Math.floor((toEpochDay(thursday) - toEpochDay(joinDate(year, 1, 1))) / 7) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

export interface WeeklySlot {
  dayOfWeek: number;
  timeOfDay: string;
  timezone: string;
}

/**
 * This week's slot for a weekly message in its own zone: the period key (ISO week) and the instant
 * it is due. `due` is true from that instant until the end of the week, so a run missed while the
 * bot was down still goes out once, later that week, and never a week late.
 */
export function weeklySlot(now: Date, slot: WeeklySlot): { periodKey: string; dueAt: Date; due: boolean } {
  const local = localParts(now, slot.timezone);
  const monday = addDays(local.date, 1 - local.weekday);
  const dueDate = addDays(monday, slot.dayOfWeek - 1);
  const dueAt = zonedInstant(dueDate, slot.timeOfDay, slot.timezone);
  return { periodKey: isoWeekKey(local.date), dueAt, due: now.getTime() >= dueAt.getTime() };
}

/** The next time the slot comes round after `now` (for "status"). */
export function nextWeeklySlot(now: Date, slot: WeeklySlot): Date {
  const current = weeklySlot(now, slot);
  if (!current.due) return current.dueAt;
  const local = localParts(current.dueAt, slot.timezone);
  return zonedInstant(addDays(local.date, 7), slot.timeOfDay, slot.timezone);
}

/** Cadence period of an owner pulse: "2026-11" (monthly) or "2026-Q4" (quarterly). */
export function pulsePeriod(date: string, cadence: "monthly" | "quarterly"): string {
  const { year, month } = splitDate(date);
  if (cadence === "quarterly") return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
  return `${year}-${String(month).padStart(2, "0")}`;
}
