/** Days, weeks and months of one generated history, shared by all customers of a run. */
import { toEpochDay } from "../../../src/domain/dates.ts";

/** ISO names of epoch days, cached: the same few thousand days are formatted millions of times. */
export class DayNames {
  private readonly cache: string[] = [];
  constructor(private readonly base: number) {}
  get(day: number): string {
    const i = day - this.base;
    if (i < 0 || i > 20_000) return new Date(day * 86_400_000).toISOString().slice(0, 10);
    let name = this.cache[i];
    if (name === undefined) {
      name = new Date(day * 86_400_000).toISOString().slice(0, 10);
      this.cache[i] = name;
    }
    return name;
  }
}

/** 0 = Monday … 6 = Sunday (1970-01-01, epoch day 0, was a Thursday). */
export function dayOfWeek(day: number): number {
  return (day + 3) % 7;
}

export interface PulseAsk {
  day: number;
  /** "YYYY-MM" */
  period: string;
}

export interface Context {
  seed: number;
  asOfDay: number;
  /** First day of the history: asOf − years × 365. */
  startDay: number;
  /** Monday on or before startDay; week w covers firstMonday + 7w … + 6. */
  firstMonday: number;
  /** Weeks from firstMonday up to and including the week of asOf. */
  weeks: number;
  days: DayNames;
  /** First working day of each of the last 12 months, 07:00 UTC, as the monthly pulse job asks. */
  pulseAsks: PulseAsk[];
  /** First day of every calendar month that starts within the history, oldest first. */
  monthStarts: number[];
  /** Per week: the book's calendar factor (see calendarFactor) and the day of the year of its Wednesday. */
  weekFactor: Float64Array;
  weekDayOfYear: Int16Array;
  /** cos(2π d / 365) for d = 0…364: seasons without a cosine per customer and week. */
  yearCosine: Float64Array;
}

function monthStart(monthIndex: number): number {
  return Date.UTC(Math.floor(monthIndex / 12), monthIndex % 12, 1) / 86_400_000;
}

export function buildContext(seed: number, asOf: string, years: number): Context {
  const asOfDay = toEpochDay(asOf);
  const startDay = asOfDay - years * 365;
  const firstMonday = startDay - dayOfWeek(startDay);
  const weeks = Math.floor((asOfDay - firstMonday) / 7) + 1;
  const days = new DayNames(startDay - 10 * 365);

  const [y, m] = asOf.split("-").map(Number) as [number, number];
  const asOfMonth = y * 12 + (m - 1);
  const pulseAsks: PulseAsk[] = [];
  for (let back = 11; back >= 0; back--) {
    const monthIndex = asOfMonth - back;
    let day = monthStart(monthIndex);
    while (dayOfWeek(day) > 4) day++;
    const period = `${Math.floor(monthIndex / 12)}-${String((monthIndex % 12) + 1).padStart(2, "0")}`;
    if (day <= asOfDay) pulseAsks.push({ day, period });
  }
  const monthStarts: number[] = [];
  for (let monthIndex = asOfMonth - years * 12 - 1; monthIndex <= asOfMonth; monthIndex++) {
    const day = monthStart(monthIndex);
    if (day >= startDay && day <= asOfDay) monthStarts.push(day);
  }
  const weekFactor = new Float64Array(weeks);
  const weekDayOfYear = new Int16Array(weeks);
  for (let w = 0; w < weeks; w++) {
    const wednesday = firstMonday + 7 * w + 2;
    weekFactor[w] = calendarFactor(wednesday);
    weekDayOfYear[w] = dayOfYear(wednesday);
  }
  const yearCosine = new Float64Array(365);
  for (let d = 0; d < 365; d++) yearCosine[d] = Math.cos((2 * Math.PI * d) / 365);
  return {
    yearCosine,
    seed,
    asOfDay,
    startDay,
    firstMonday,
    weeks,
    days,
    pulseAsks,
    monthStarts,
    weekFactor,
    weekDayOfYear,
  };
}

/** Week index of a day (may be negative before the history or ≥ weeks after asOf). */
export function weekOf(ctx: Context, day: number): number {
  return Math.floor((day - ctx.firstMonday) / 7);
}

/**
 * What the whole book does by the calendar: quieter in the summer holidays and between Christmas and
 * New Year. Multiplies every customer's order rate.
 */
function calendarFactor(day: number): number {
  const iso = new Date(day * 86_400_000);
  const month = iso.getUTCMonth();
  const date = iso.getUTCDate();
  if (month === 11 && date >= 22) return 0.45;
  if (month === 0 && date <= 3) return 0.45;
  if (month === 7) return 0.75;
  if (month === 6 && date >= 15) return 0.85;
  return 1;
}

/** Day of the year (0–365), for customers who buy by the season. */
function dayOfYear(day: number): number {
  const iso = new Date(day * 86_400_000);
  return Math.floor((day * 86_400_000 - Date.UTC(iso.getUTCFullYear(), 0, 1)) / 86_400_000);
}
