/**
 * Calendar arithmetic on ISO dates (YYYY-MM-DD). Everything is done in UTC days, so no time zone or
 * daylight-saving shift can move a date; callers pass "today" in, nothing here reads the clock.
 */
const DAY_MS = 86_400_000;
const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const match = isoDatePattern.exec(value);
  if (!match) return false;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Days since 1970-01-01. Throws on anything that is not a real calendar date. */
export function toEpochDay(iso: string): number {
  if (!isIsoDate(iso)) throw new RangeError(`Not an ISO date (YYYY-MM-DD): "${iso}"`);
  return Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
}

export function fromEpochDay(epochDay: number): string {
  return new Date(epochDay * DAY_MS).toISOString().slice(0, 10);
}

/** `to − from` in days: positive when `to` is later. */
export function daysBetween(from: string, to: string): number {
  return toEpochDay(to) - toEpochDay(from);
}

/** Number of days in an inclusive range: 2026-01-01..2026-01-31 is 31. */
export function daysInclusive(from: string, to: string): number {
  return daysBetween(from, to) + 1;
}

export function addDays(iso: string, days: number): string {
  return fromEpochDay(toEpochDay(iso) + days);
}

/** Shift by whole months; the day is clamped to the target month (31 Mar − 1 month = 28/29 Feb). */
export function addMonths(iso: string, months: number): string {
  const { year, month, day } = splitDate(iso);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = (monthIndex % 12) + 1;
  return joinDate(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

export function startOfMonth(iso: string): string {
  const { year, month } = splitDate(iso);
  return joinDate(year, month, 1);
}

export function endOfMonth(iso: string): string {
  const { year, month } = splitDate(iso);
  return joinDate(year, month, daysInMonth(year, month));
}

export function startOfQuarter(iso: string): string {
  const { year, month } = splitDate(iso);
  return joinDate(year, month - ((month - 1) % 3), 1);
}

export function splitDate(iso: string): { year: number; month: number; day: number } {
  if (!isIsoDate(iso)) throw new RangeError(`Not an ISO date (YYYY-MM-DD): "${iso}"`);
  const [year, month, day] = iso.split("-").map(Number) as [number, number, number];
  return { year, month, day };
}

export function joinDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

export function daysInMonth(year: number, month: number): number {
  // Arithmetic for the usual case (an import checks a million dates); Date for the rest, whose
  // Date.UTC rules (years 0–99 mean 1900–1999, months roll over) the callers have always had.
  if (month >= 1 && month <= 12 && year >= 100 && Number.isInteger(year) && Number.isInteger(month)) {
    if (month !== 2) return MONTH_DAYS[month - 1]!;
    return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  }
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
