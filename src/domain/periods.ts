/**
 * Period expressions as people type them, for `/klant-kpi [periode]` and `klantpuls kpi --period`
 * (one parser for chat and CLI), resolved against "today" into an inclusive ISO date range.
 * Case, accents, spaces, dashes and underscores do not matter. Accepted (nl / en / fr):
 *
 *   2026                              the calendar year
 *   2026-Q3, Q3 2026, q3-2026, q3      a quarter (without a year: the latest one that has begun); the
 *   T3 2026, 3e trimestre, 3e kwartaal French T and ordinals too
 *   2026-11, november, nov 2026        a month (without a year: the latest November that has begun)
 *   vorige maand / last month / le mois dernier, vorig kwartaal / last quarter / le trimestre
 *   dernier, vorig jaar / last year / l'année dernière (and afgelopen …, previous …, … passé(e))
 *   deze maand, dit kwartaal, dit jaar (ytd) / this month, this quarter, this year / ce mois-ci,
 *   ce trimestre, cette année
 *   12m, 90d, 6w, 2y                  the last n months/days/weeks/years up to and including today;
 *   90 dagen, last 90 days, les 90 derniers jours, 12 mois: the same in words. `j` is jaar in Dutch
 *   and English, jours in French (the `locale` argument)
 *   2026-01-01..2026-03-31, 01-01-2026..31-03-2026, du 01/01/2026 au 31/03/2026, 2026-11-03 (a day)
 *
 * A calendar period that is still running ends today: `to` is today and `end` its calendar end, so
 * the comparison takes the same part of the period before (see `previousPeriod`). A period that
 * starts after today is refused. Errors are codes; the text is in src/i18n (periods.*).
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
import type { Locale } from "./health/types.ts";

/** Inclusive ISO dates. */
export interface Period {
  from: string;
  to: string;
  /** Set when the period is still running: its calendar end (`to` is then today). */
  end?: string;
}

export type PeriodError =
  | { code: "unknown"; input: string }
  | { code: "future"; input: string }
  | { code: "badDate"; input: string }
  | { code: "reversed"; from: string; to: string };

export type PeriodResult = { ok: true; period: Period } | { ok: false; error: PeriodError };

const maxLength = { d: 3660, w: 520, m: 120, y: 10 } as const;

/** Month words, accent-free, in Dutch, English and French (full and short forms). */
const monthWords: Record<string, number> = {};
for (const [month, words] of [
  [1, "januari jan january janvier janv"],
  [2, "februari feb february fevrier fevr fev"],
  [3, "maart mrt mar march mars"],
  [4, "april apr avril avr"],
  [5, "mei may mai"],
  [6, "juni jun june juin"],
  [7, "juli jul july juillet juil"],
  [8, "augustus aug august aout"],
  [9, "september sep sept septembre"],
  [10, "oktober okt oct october octobre"],
  [11, "november nov novembre"],
  [12, "december dec decembre"],
] as const) {
  for (const word of words.split(" ")) monthWords[word] = month;
}

const namedPeriods: Record<string, (today: string) => Period> = {};
function named(words: string, resolve: (today: string) => Period): void {
  for (const word of words.split(" ")) namedPeriods[word] = resolve;
}
/** A word, with and without its French article: "mois-dernier le-mois-dernier". */
const le = (word: string, article: string) => `${word} ${article}${word}`;
named(
  `vorige-maand afgelopen-maand last-month previous-month ${le("mois-dernier", "le-")} ${le("mois-passe", "le-")} ${le("mois-precedent", "le-")}`,
  (today) => monthOf(addMonths(startOfMonth(today), -1)),
);
named(
  `vorig-kwartaal afgelopen-kwartaal last-quarter previous-quarter ${le("trimestre-dernier", "le-")} ${le("trimestre-passe", "le-")} ${le("trimestre-precedent", "le-")} ${le("dernier-trimestre", "le-")}`,
  (today) => quarterFrom(addMonths(startOfQuarter(today), -3)),
);
named(
  `vorig-jaar afgelopen-jaar last-year previous-year ${le("annee-derniere", "l'")} ${le("annee-passee", "l'")} ${le("annee-precedente", "l'")} ${le("an-dernier", "l'")} ${le("an-passe", "l'")}`,
  (today) => year(splitDate(today).year - 1),
);
named("ytd year-to-date dit-jaar this-year cette-annee cette-annee-ci", (today) =>
  year(splitDate(today).year),
);
named("dit-kwartaal this-quarter ce-trimestre ce-trimestre-ci", (today) =>
  quarterFrom(startOfQuarter(today)),
);
named("deze-maand this-month ce-mois ce-mois-ci", (today) => monthOf(startOfMonth(today)));

/** Units of "the last n …", by word (nl / en / fr). A lone `j` depends on the language. */
const unitWords: Record<string, keyof typeof maxLength> = {};
for (const [unit, words] of [
  ["d", "d dag dagen day days jour jours"],
  ["w", "w wk week weken weeks s sem semaine semaines"],
  ["m", "m mnd maand maanden mo month months mois"],
  ["y", "y jr jaar jaren yr year years a an ans annee annees"],
] as const) {
  for (const word of words.split(" ")) unitWords[word] = unit;
}

const DATE = String.raw`(\d{4}-\d{2}-\d{2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4})`;
const rangePattern = new RegExp(
  `^(?:(?:van|vanaf|from|du)\\s+)?${DATE}\\s*(?:\\.\\.|–|—|\\s(?:t/m|tot|to|until|au|-)\\s)\\s*${DATE}$`,
  "i",
);
const dayPattern = new RegExp(`^${DATE}$`);

/**
 * `locale` only decides what a lone `j` means: jaar (nl, en; "2j") or jours (fr; "90j"). Every other
 * form is read the same in every language.
 */
export function parsePeriod(expression: string, today: string, locale?: Locale): PeriodResult {
  const input = expression.trim();
  const range = rangePattern.exec(input);
  if (range) return explicitRange(range[1]!, range[2]!, today);
  const day = dayPattern.exec(input);
  if (day) return explicitRange(day[1]!, day[1]!, today);

  const text = normalize(input);
  const period =
    namedPeriods[text]?.(today) ?? calendarPeriod(text, today) ?? relativePeriod(text, today, locale);
  if (!period) return { ok: false, error: { code: "unknown", input } };
  if (period.from > today) return { ok: false, error: { code: "future", input } };
  return { ok: true, period: upToToday(period, today) };
}

/**
 * The period at the start of a command's words ("nov 2026 MKB", "vorig kwartaal", "01-01-2026 ..
 * 31-03-2026"): the longest run of up to four words that reads as a period, and the words after it.
 * None when the first word is no period; an error when it plainly was meant as one.
 */
export function parsePeriodWords(
  words: string[],
  today: string,
  locale?: Locale,
):
  | { kind: "period"; period: Period; rest: string[] }
  | { kind: "none" }
  | { kind: "error"; error: PeriodError } {
  for (let count = Math.min(MAX_PERIOD_WORDS, words.length); count >= 1; count--) {
    const parsed = parsePeriod(words.slice(0, count).join(" "), today, locale);
    if (parsed.ok) return { kind: "period", period: parsed.period, rest: words.slice(count) };
    if (parsed.error.code !== "unknown") return { kind: "error", error: parsed.error };
  }
  const first = words[0];
  if (first && looksLikePeriod(first)) {
    const parsed = parsePeriod(first, today, locale);
    if (!parsed.ok) return { kind: "error", error: parsed.error };
  }
  return { kind: "none" };
}

/** "les 90 derniers jours", "du 01/01/2026 au 31/03/2026". */
const MAX_PERIOD_WORDS = 5;

/**
 * Something meant as a period gets the period error rather than "unknown segment": it starts with a
 * digit or is a period word ("vorig", "le", "q5"). Whole words, so a segment such as "Distributie" or
 * "Lastbedrijven" is still a segment.
 */
function looksLikePeriod(token: string): boolean {
  const word = normalize(token);
  return (
    /^\d/.test(word) ||
    /^([qt]\d|ytd|vorig|vorige|afgelopen|laatste|last|past|previous|this|deze|dit|le|les|ce|cette|l'an|l'annee)$/.test(
      word,
    )
  );
}

/** Lower case, no accents, straight apostrophes, words joined by dashes: "L’année dernière" → "l'annee-derniere". */
function normalize(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .replace(/[’`´]/g, "'")
    .replace(/[\s_]+/g, "-");
}

/**
 * The period just before, for deltas. Whole calendar months (a month, quarter, year or any run of
 * whole months) step back by the same number of months, so Q3 compares with Q2 and November with
 * October; a running one compares with the same part of the one before (1 Oct – 1 Dec with 1 Jul –
 * 1 Sep). Any other range steps back by the same number of days.
 */
export function previousPeriod(period: Period): Period {
  const months = wholeMonths({ from: period.from, to: period.end ?? period.to });
  if (months !== null) {
    const from = addMonths(period.from, -months);
    const to = period.end ? addMonths(period.to, -months) : addDays(period.from, -1);
    return { from, to };
  }
  const length = daysInclusive(period.from, period.to);
  return { from: addDays(period.from, -length), to: addDays(period.from, -1) };
}

function upToToday(period: Period, today: string): Period {
  return period.to > today ? { from: period.from, to: today, end: period.to } : period;
}

function calendarPeriod(text: string, today: string): Period | null {
  const { year: thisYear } = splitDate(today);
  let match = /^(\d{4})$/.exec(text);
  if (match) return year(Number(match[1]));

  // Q3 (nl, en) or T3 (fr, trimestre), before or after the year.
  match = /^(\d{4})-?[qt]([1-4])$/.exec(text) ?? /^[qt]([1-4])-?(\d{4})$/.exec(text);
  if (match) {
    const [a, b] = [Number(match[1]), Number(match[2])];
    return a > 4 ? quarter(a, b) : quarter(b, a);
  }
  // "3e kwartaal 2026", "3rd quarter", "1er trimestre", "3e trimestre 2026".
  match = /^([1-4])(?:e|de|ste|st|nd|rd|th|er|eme)?-(?:kwartaal|quarter|trimestre)(?:-(\d{4}))?$/.exec(text);
  if (match?.[2]) return quarter(Number(match[2]), Number(match[1]));
  match ??= /^[qt]([1-4])$/.exec(text);
  if (match) {
    const q = Number(match[1]);
    const thisOne = quarter(thisYear, q);
    return thisOne.from <= today ? thisOne : quarter(thisYear - 1, q);
  }

  match = /^(\d{4})-(\d{1,2})$/.exec(text);
  if (match) {
    const month = Number(match[2]);
    if (month < 1 || month > 12) return null;
    return monthOf(joinDate(Number(match[1]), month, 1));
  }

  match = /^([a-z]+)\.?(?:-(\d{4}))?$/.exec(text) ?? null;
  const month = match ? monthWords[match[1]!] : undefined;
  if (match && month) {
    if (match[2]) return monthOf(joinDate(Number(match[2]), month, 1));
    const thisOne = monthOf(joinDate(thisYear, month, 1));
    return thisOne.from <= today ? thisOne : monthOf(joinDate(thisYear - 1, month, 1));
  }
  return null;
}

/**
 * "12m", "90d", "6w", "2y", "90 dagen", "last 90 days", "les 90 derniers jours", "12 mois": the last
 * n units up to and including today. A lone `j` is jaar, or jours in French.
 */
function relativePeriod(text: string, today: string, locale: Locale | undefined): Period | null {
  const match =
    /^(?:(?:laatste|afgelopen|last|past|the-last|les)-)?(\d{1,4})-?(?:(?:derniers|dernieres)-)?([a-z]+)(?:-(?:derniers|dernieres))?$/.exec(
      text,
    );
  if (!match) return null;
  const count = Number(match[1]);
  const unit = match[2] === "j" ? (locale === "fr" ? "d" : "y") : unitWords[match[2]!];
  if (!unit) return null;
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

/** ISO, or Dutch day-month-year ("01-01-2026", "1/1/2026", "1.1.2026") as ISO; null when not a real date. */
function toIso(text: string): string | null {
  if (isIsoDate(text)) return text;
  const match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(text);
  if (!match) return null;
  const iso = joinDate(Number(match[3]), Number(match[2]), Number(match[1]));
  return isIsoDate(iso) ? iso : null;
}

function explicitRange(fromText: string, toText: string, today: string): PeriodResult {
  const from = toIso(fromText);
  const to = toIso(toText);
  if (!from) return { ok: false, error: { code: "badDate", input: fromText } };
  if (!to) return { ok: false, error: { code: "badDate", input: toText } };
  if (from > to) return { ok: false, error: { code: "reversed", from: fromText, to: toText } };
  if (from > today) return { ok: false, error: { code: "future", input: `${fromText}..${toText}` } };
  return { ok: true, period: upToToday({ from, to }, today) };
}

function year(value: number): Period {
  return { from: joinDate(value, 1, 1), to: joinDate(value, 12, 31) };
}

function quarter(yearValue: number, quarterNumber: number): Period {
  return quarterFrom(joinDate(yearValue, (quarterNumber - 1) * 3 + 1, 1));
}

function quarterFrom(firstDay: string): Period {
  return { from: firstDay, to: endOfMonth(addMonths(firstDay, 2)) };
}

function monthOf(firstDay: string): Period {
  return { from: firstDay, to: endOfMonth(firstDay) };
}

function wholeMonths(period: { from: string; to: string }): number | null {
  if (startOfMonth(period.from) !== period.from || endOfMonth(period.to) !== period.to) return null;
  const from = splitDate(period.from);
  const to = splitDate(period.to);
  return (to.year - from.year) * 12 + (to.month - from.month) + 1;
}
