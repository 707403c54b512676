/**
 * Period expressions for `/klant-kpi [periode]`, resolved against a given "today" into an inclusive
 * ISO date range. Accepted forms (case-insensitive, spaces allowed where a dash is):
 *
 *   2026                      the calendar year
 *   2026-Q3, q3-2026, 2026q3   a calendar quarter
 *   2026-11                   a calendar month
 *   ytd                       1 January of today's year up to today
 *   vorig-kwartaal / last-quarter, vorige-maand / last-month, vorig-jaar / last-year
 *   dit-kwartaal / this-quarter, deze-maand / this-month: from the start up to today
 *   12m, 90d, 6w, 2y (2j)     the last n months/days/weeks/years up to and including today
 *   2026-01-01..2026-03-31    an explicit range
 *
 * Calendar periods are returned whole even when they run past today (callers that want "so far" use
 * ytd or this-month); a period that starts after today is refused.
 */
import {
  addDays,
  addMonths,
  daysInclusive,
  endOfMonth,
  isIsoDate,
  joinDate,
  splitDate,
  startOfMonth,
  startOfQuarter,
} from "./dates.ts";
import type { LocalizedText } from "./health/types.ts";

/** Inclusive ISO dates. */
export interface Period {
  from: string;
  to: string;
}

export type PeriodResult = { ok: true; period: Period } | { ok: false; error: LocalizedText };

const acceptedForms: LocalizedText = {
  nl: "2026, 2026-Q3 (of q3-2026), 2026-11, ytd, vorig-kwartaal, vorige-maand, vorig-jaar, 12m, 90d of 2026-01-01..2026-03-31",
  en: "2026, 2026-Q3 (or q3-2026), 2026-11, ytd, last-quarter, last-month, last-year, 12m, 90d or 2026-01-01..2026-03-31",
};

const maxLength = { d: 3660, w: 520, m: 120, y: 10 } as const;

export function parsePeriod(expression: string, today: string): PeriodResult {
  const input = expression.trim();
  const range = /^(\d{4}-\d{2}-\d{2})\s*\.\.\s*(\d{4}-\d{2}-\d{2})$/.exec(input);
  if (range) return explicitRange(range[1]!, range[2]!, today);

  const text = input.toLowerCase().replace(/[\s_]+/g, "-");
  const period = calendarPeriod(text, today) ?? relativePeriod(text, today);
  if (!period) return unknown(input);
  if (period.from > today) return future(input);
  return { ok: true, period };
}

/**
 * The period just before, for deltas. Whole calendar months (a month, quarter, year or any run of
 * whole months) step back by the same number of months, so Q3 compares with Q2 and November with
 * October; any other range steps back by the same number of days.
 */
export function previousPeriod(period: Period): Period {
  const months = wholeMonths(period);
  if (months !== null) {
    const from = addMonths(period.from, -months);
    return { from, to: addDays(period.from, -1) };
  }
  const length = daysInclusive(period.from, period.to);
  return { from: addDays(period.from, -length), to: addDays(period.from, -1) };
}

function calendarPeriod(text: string, today: string): Period | null {
  const { year: thisYear } = splitDate(today);
  let match = /^(\d{4})$/.exec(text);
  if (match) return year(Number(match[1]));

  match = /^(\d{4})-?q([1-4])$/.exec(text) ?? null;
  if (match) return quarter(Number(match[1]), Number(match[2]));
  match = /^q([1-4])-?(\d{4})$/.exec(text);
  if (match) return quarter(Number(match[2]), Number(match[1]));

  match = /^(\d{4})-(\d{1,2})$/.exec(text);
  if (match) {
    const month = Number(match[2]);
    if (month < 1 || month > 12) return null;
    return monthOf(joinDate(Number(match[1]), month, 1));
  }

  switch (text) {
    case "ytd":
      return { from: joinDate(thisYear, 1, 1), to: today };
    case "vorig-jaar":
    case "last-year":
      return year(thisYear - 1);
    case "vorig-kwartaal":
    case "last-quarter": {
      const from = addMonths(startOfQuarter(today), -3);
      return { from, to: addDays(startOfQuarter(today), -1) };
    }
    case "vorige-maand":
    case "last-month":
      return monthOf(addMonths(startOfMonth(today), -1));
    case "dit-kwartaal":
    case "this-quarter":
      return { from: startOfQuarter(today), to: today };
    case "deze-maand":
    case "this-month":
      return { from: startOfMonth(today), to: today };
    default:
      return null;
  }
}

/** "12m", "90d", "6w", "2y"/"2j": the last n units up to and including today. */
function relativePeriod(text: string, today: string): Period | null {
  const match = /^(\d{1,4})([dwmyj])$/.exec(text);
  if (!match) return null;
  const count = Number(match[1]);
  const unit = match[2] === "j" ? "y" : (match[2] as keyof typeof maxLength);
  if (count < 1 || count > maxLength[unit]) return null;
  const dayAfterToday = addDays(today, 1);
  switch (unit) {
    case "d":
      return { from: addDays(today, 1 - count), to: today };
    case "w":
      return { from: addDays(today, 1 - count * 7), to: today };
    case "m":
      return { from: addMonths(dayAfterToday, -count), to: today };
    case "y":
      return { from: addMonths(dayAfterToday, -12 * count), to: today };
  }
}

function explicitRange(from: string, to: string, today: string): PeriodResult {
  for (const date of [from, to]) {
    if (!isIsoDate(date)) {
      return {
        ok: false,
        error: { nl: `"${date}" is geen geldige datum.`, en: `"${date}" is not a valid date.` },
      };
    }
  }
  if (from > to) {
    return {
      ok: false,
      error: {
        nl: `De periode begint na het einde: ${from} ligt na ${to}.`,
        en: `The period starts after it ends: ${from} is after ${to}.`,
      },
    };
  }
  if (from > today) return future(`${from}..${to}`);
  return { ok: true, period: { from, to } };
}

function year(value: number): Period {
  return { from: joinDate(value, 1, 1), to: joinDate(value, 12, 31) };
}

function quarter(yearValue: number, quarterNumber: number): Period {
  const from = joinDate(yearValue, (quarterNumber - 1) * 3 + 1, 1);
  return { from, to: endOfMonth(addMonths(from, 2)) };
}

function monthOf(firstDay: string): Period {
  return { from: firstDay, to: endOfMonth(firstDay) };
}

function wholeMonths(period: Period): number | null {
  if (startOfMonth(period.from) !== period.from || endOfMonth(period.to) !== period.to) return null;
  const from = splitDate(period.from);
  const to = splitDate(period.to);
  return (to.year - from.year) * 12 + (to.month - from.month) + 1;
}

function unknown(input: string): PeriodResult {
  return {
    ok: false,
    error: {
      nl: `Onbekende periode "${input}". Gebruik bijvoorbeeld: ${acceptedForms.nl}.`,
      en: `Unknown period "${input}". Use for example: ${acceptedForms.en}.`,
    },
  };
}

function future(input: string): PeriodResult {
  return {
    ok: false,
    error: {
      nl: `De periode "${input}" ligt in de toekomst.`,
      en: `The period "${input}" lies in the future.`,
    },
  };
}
