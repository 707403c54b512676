import { AppError } from "../app-error.ts";
import { isoDateIn } from "../clock.ts";
import { latestSlot } from "./cron-slots.ts";

/**
 * Period keys for `JobDefinition.periodKey` and for sub-runs (one digest per subscription and week).
 * Always computed from the slot's instant in the job's (or the subscription's) time zone.
 */

/** "2026-11-25": the local date. */
export function dailyPeriodKey(slot: Date, timeZone: string): string {
  return isoDateIn(slot, timeZone);
}

/** "2026-11": the local month. */
export function monthlyPeriodKey(slot: Date, timeZone: string): string {
  return isoDateIn(slot, timeZone).slice(0, 7);
}

/** "2026-W48": the ISO week (Monday first; week 1 holds the year's first Thursday) of the local date. */
export function isoWeekPeriodKey(slot: Date, timeZone: string): string {
  const [year, month, day] = isoDateIn(slot, timeZone).split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  const weekday = date.getUTCDay() || 7;
  // The Thursday of this week decides the ISO year.
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const isoYear = date.getUTCFullYear();
  const week = Math.ceil(((date.getTime() - Date.UTC(isoYear, 0, 1)) / 86_400_000 + 1) / 7);
  return `${isoYear}-W${String(week).padStart(2, "0")}`;
}

/** "2026-11-25T09:15Z": the slot itself, to the minute (UTC), for jobs that run every few minutes. */
export function slotPeriodKey(slot: Date): string {
  return `${slot.toISOString().slice(0, 16)}Z`;
}

/**
 * The latest weekly slot (ISO day 1 = Monday … 7 = Sunday, "HH:MM" local) at or before `now`, in the
 * given time zone; for per-subscription schedules such as channel digests.
 */
export function latestWeeklySlot(
  schedule: { dayOfWeek: number; timeOfDay: string; timezone: string },
  now: Date,
): Date | null {
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(schedule.timeOfDay.trim());
  if (!match || !Number.isInteger(schedule.dayOfWeek) || schedule.dayOfWeek < 1 || schedule.dayOfWeek > 7) {
    throw new AppError(
      "BAD_INPUT",
      `not a weekly schedule: day ${schedule.dayOfWeek}, time "${schedule.timeOfDay}"`,
    );
  }
  const cron = `${Number(match[2])} ${Number(match[1])} * * ${schedule.dayOfWeek % 7}`;
  return latestSlot(cron, schedule.timezone, now);
}
