import { describe, expect, it } from "vitest";
import { addDays, addMonths, daysBetween, isIsoDate } from "../../src/domain/dates.ts";
import { type Period, parsePeriod, parsePeriodWords, previousPeriod } from "../../src/domain/periods.ts";

const today = "2026-08-15";

function period(expression: string, on = today): Period {
  const result = parsePeriod(expression, on);
  if (!result.ok) throw new Error(`expected "${expression}" to parse, got: ${JSON.stringify(result.error)}`);
  return result.period;
}

describe("parsePeriod", () => {
  it("reads a year; the running one ends today", () => {
    expect(period("2025")).toEqual({ from: "2025-01-01", to: "2025-12-31" });
    expect(period("2026")).toEqual({ from: "2026-01-01", to: "2026-08-15", end: "2026-12-31" });
  });

  it("reads a quarter in several spellings", () => {
    const q3 = { from: "2026-07-01", to: "2026-08-15", end: "2026-09-30" };
    for (const text of ["2026-Q3", "q3-2026", "Q3 2026", "2026q3", " 2026-q3 "])
      expect(period(text)).toEqual(q3);
    expect(period("2026-Q1")).toEqual({ from: "2026-01-01", to: "2026-03-31" });
  });

  it("reads a month, leap years included", () => {
    expect(period("2026-02")).toEqual({ from: "2026-02-01", to: "2026-02-28" });
    expect(period("2024-2")).toEqual({ from: "2024-02-01", to: "2024-02-29" });
    expect(period("2025-11")).toEqual({ from: "2025-11-01", to: "2025-11-30" });
  });

  it("reads year to date", () => {
    const ytd = { from: "2026-01-01", to: "2026-08-15", end: "2026-12-31" };
    for (const text of ["ytd", "YTD", "dit jaar", "this year", "cette année"])
      expect(period(text)).toEqual(ytd);
  });

  it("reads last quarter in Dutch and English, across a year boundary", () => {
    expect(period("vorig-kwartaal")).toEqual({ from: "2026-04-01", to: "2026-06-30" });
    expect(period("last-quarter")).toEqual({ from: "2026-04-01", to: "2026-06-30" });
    expect(period("vorig kwartaal", "2026-02-10")).toEqual({ from: "2025-10-01", to: "2025-12-31" });
  });

  it("reads last month and last year", () => {
    expect(period("vorige-maand")).toEqual({ from: "2026-07-01", to: "2026-07-31" });
    expect(period("last-month", "2026-01-15")).toEqual({ from: "2025-12-01", to: "2025-12-31" });
    expect(period("vorig-jaar")).toEqual({ from: "2025-01-01", to: "2025-12-31" });
    expect(period("last-year")).toEqual({ from: "2025-01-01", to: "2025-12-31" });
  });

  it("reads this quarter and this month up to today", () => {
    expect(period("dit-kwartaal")).toEqual({ from: "2026-07-01", to: "2026-08-15", end: "2026-09-30" });
    expect(period("this-month")).toEqual({ from: "2026-08-01", to: "2026-08-15", end: "2026-08-31" });
  });

  it("reads rolling windows ending today", () => {
    expect(period("12m")).toEqual({ from: "2025-08-16", to: "2026-08-15" });
    expect(period("90d")).toEqual({ from: "2026-05-18", to: "2026-08-15" });
    expect(period("1d")).toEqual({ from: "2026-08-15", to: "2026-08-15" });
    expect(period("2w")).toEqual({ from: "2026-08-02", to: "2026-08-15" });
    expect(period("1y")).toEqual({ from: "2025-08-16", to: "2026-08-15" });
    expect(period("2j")).toEqual({ from: "2024-08-16", to: "2026-08-15" });
    expect(period("1m", "2026-03-31")).toEqual({ from: "2026-03-01", to: "2026-03-31" });
  });

  it("reads an explicit range", () => {
    expect(period("2026-01-01..2026-03-31")).toEqual({ from: "2026-01-01", to: "2026-03-31" });
    expect(period("2026-01-01 .. 2026-03-31")).toEqual({ from: "2026-01-01", to: "2026-03-31" });
    expect(period("2026-08-15..2026-08-15")).toEqual({ from: "2026-08-15", to: "2026-08-15" });
    expect(period("01-01-2026..31-03-2026")).toEqual({ from: "2026-01-01", to: "2026-03-31" });
    expect(period("1-1-2026 t/m 31-3-2026")).toEqual({ from: "2026-01-01", to: "2026-03-31" });
    expect(period("2026-08-03")).toEqual({ from: "2026-08-03", to: "2026-08-03" });
    expect(period("03-08-2026")).toEqual({ from: "2026-08-03", to: "2026-08-03" });
  });

  it("reads the forms people type, in Dutch, English and French", () => {
    const q3 = { from: "2026-07-01", to: "2026-08-15", end: "2026-09-30" };
    const q2 = { from: "2026-04-01", to: "2026-06-30" };
    for (const text of ["Q3 2026", "q3", "2026-Q3", "2026 q3"]) expect(period(text)).toEqual(q3);
    expect(period("q4")).toEqual({ from: "2025-10-01", to: "2025-12-31" });
    for (const text of ["vorig kwartaal", "last quarter", "trimestre dernier", "Vorig Kwartaal"])
      expect(period(text)).toEqual(q2);
    const july = { from: "2026-07-01", to: "2026-07-31" };
    for (const text of [
      "juli",
      "july",
      "juillet",
      "jul 2026",
      "July 2026",
      "vorige maand",
      "last month",
      "mois dernier",
    ])
      expect(period(text)).toEqual(july);
    const november = { from: "2025-11-01", to: "2025-11-30" };
    for (const text of ["november", "nov", "novembre", "nov 2025", "november 2025", "2025-11"])
      expect(period(text)).toEqual(november);
    expect(period("mrt 2026")).toEqual({ from: "2026-03-01", to: "2026-03-31" });
    expect(period("février 2026")).toEqual({ from: "2026-02-01", to: "2026-02-28" });
  });

  it("reads the French forms: T-quarters, ordinals, articles, “les n derniers jours”, “du … au …”", () => {
    const q3 = { from: "2026-07-01", to: "2026-08-15", end: "2026-09-30" };
    for (const text of ["T3 2026", "t3", "2026-T3", "3e trimestre", "3e trimestre 2026", "3e kwartaal 2026"])
      expect(period(text)).toEqual(q3);
    expect(period("1er trimestre 2026")).toEqual({ from: "2026-01-01", to: "2026-03-31" });
    expect(period("2nd quarter 2026")).toEqual({ from: "2026-04-01", to: "2026-06-30" });
    const q2 = { from: "2026-04-01", to: "2026-06-30" };
    for (const text of [
      "le trimestre dernier",
      "le trimestre précédent",
      "afgelopen kwartaal",
      "previous quarter",
    ])
      expect(period(text)).toEqual(q2);
    const july = { from: "2026-07-01", to: "2026-07-31" };
    for (const text of ["le mois dernier", "Le mois passé", "mois précédent", "juil. 2026", "juillet 2026"])
      expect(period(text)).toEqual(july);
    for (const text of ["l'année dernière", "L’année dernière", "l'an dernier", "année passée"])
      expect(period(text)).toEqual({ from: "2025-01-01", to: "2025-12-31" });
    expect(period("ce mois-ci")).toEqual({ from: "2026-08-01", to: "2026-08-15", end: "2026-08-31" });
    expect(period("ce trimestre")).toEqual(q3);
    expect(period("cette année")).toEqual({ from: "2026-01-01", to: "2026-08-15", end: "2026-12-31" });
    const ninetyDays = { from: "2026-05-18", to: "2026-08-15" };
    for (const text of ["90 dagen", "laatste 90 dagen", "last 90 days", "les 90 derniers jours", "90 jours"])
      expect(period(text)).toEqual(ninetyDays);
    expect(period("12 mois")).toEqual({ from: "2025-08-16", to: "2026-08-15" });
    // A lone j: jaar in Dutch (and English), jours in French.
    expect(period("2j")).toEqual({ from: "2024-08-16", to: "2026-08-15" });
    const french = parsePeriod("90j", today, "fr");
    expect(french.ok && french.period).toEqual(ninetyDays);
    const range = { from: "2026-01-01", to: "2026-03-31" };
    for (const text of [
      "du 01/01/2026 au 31/03/2026",
      "van 1-1-2026 tot 31-3-2026",
      "2026-01-01 to 2026-03-31",
    ])
      expect(period(text)).toEqual(range);
    expect(parsePeriodWords(["les", "90", "derniers", "jours", "MKB"], today)).toEqual({
      kind: "period",
      period: ninetyDays,
      rest: ["MKB"],
    });
    expect(parsePeriodWords(["du", "01/01/2026", "au", "31/03/2026", "Retail"], today)).toMatchObject({
      kind: "period",
      period: range,
      rest: ["Retail"],
    });
  });

  it("finds the period at the start of a command's words and leaves the segment", () => {
    expect(parsePeriodWords(["nov", "2025", "MKB"], today)).toEqual({
      kind: "period",
      period: { from: "2025-11-01", to: "2025-11-30" },
      rest: ["MKB"],
    });
    expect(parsePeriodWords(["vorig", "kwartaal"], today)).toMatchObject({ kind: "period", rest: [] });
    expect(parsePeriodWords(["01-01-2026", "..", "31-03-2026", "Enterprise"], today)).toMatchObject({
      kind: "period",
      period: { from: "2026-01-01", to: "2026-03-31" },
      rest: ["Enterprise"],
    });
    expect(parsePeriodWords(["MKB"], today)).toEqual({ kind: "none" });
    // A segment that merely starts like a period word is still a segment.
    for (const segment of ["Distributie", "Lastbedrijven", "Thistle", "Leasing", "Cement"])
      expect(parsePeriodWords([segment], today)).toEqual({ kind: "none" });
    expect(parsePeriodWords(["le", "trimestre", "dernierr"], today)).toMatchObject({ kind: "error" });
    expect(parsePeriodWords(["2026-Q5"], today)).toEqual({
      kind: "error",
      error: { code: "unknown", input: "2026-Q5" },
    });
  });

  it("says what was wrong with a period, as a code the command translates", () => {
    expect(parsePeriod("gisteren", today)).toEqual({
      ok: false,
      error: { code: "unknown", input: "gisteren" },
    });
    for (const text of ["", "2026-13", "2026-Q5", "0d", "999m", "26", "2026-1-1..2026-02-01"]) {
      expect(parsePeriod(text, today).ok, text).toBe(false);
    }
    expect(parsePeriod("2026-02-30..2026-03-31", today)).toEqual({
      ok: false,
      error: { code: "badDate", input: "2026-02-30" },
    });
    expect(parsePeriod("2026-03-31..2026-01-01", today)).toEqual({
      ok: false,
      error: { code: "reversed", from: "2026-03-31", to: "2026-01-01" },
    });
  });

  it("refuses periods that start after today", () => {
    expect(parsePeriod("2026-Q4", today)).toEqual({ ok: false, error: { code: "future", input: "2026-Q4" } });
    expect(parsePeriod("2027", today).ok).toBe(false);
    expect(parsePeriod("2026-08-16..2026-08-20", today).ok).toBe(false);
  });
});

describe("previousPeriod", () => {
  it("steps back one calendar unit for whole months, quarters and years", () => {
    expect(previousPeriod(period("2026-Q3", "2026-10-15"))).toEqual({ from: "2026-04-01", to: "2026-06-30" });
    expect(previousPeriod(period("2026-03"))).toEqual({ from: "2026-02-01", to: "2026-02-28" });
    expect(previousPeriod(period("2025"))).toEqual({ from: "2024-01-01", to: "2024-12-31" });
    expect(previousPeriod(period("2026-Q1"))).toEqual({ from: "2025-10-01", to: "2025-12-31" });
    expect(previousPeriod({ from: "2026-01-01", to: "2026-03-31" })).toEqual({
      from: "2025-10-01",
      to: "2025-12-31",
    });
  });

  it("compares a running period with the same part of the one before", () => {
    expect(previousPeriod(period("dit jaar"))).toEqual({ from: "2025-01-01", to: "2025-08-15" });
    expect(previousPeriod(period("2026-Q4", "2026-12-01"))).toEqual({ from: "2026-07-01", to: "2026-09-01" });
    expect(previousPeriod(period("deze maand", "2026-03-31"))).toEqual({
      from: "2026-02-01",
      to: "2026-02-28",
    });
  });

  it("steps back the same number of days for other ranges", () => {
    expect(previousPeriod(period("90d"))).toEqual({ from: "2026-02-17", to: "2026-05-17" });
    expect(previousPeriod({ from: "2026-08-03", to: "2026-08-12" })).toEqual({
      from: "2026-07-24",
      to: "2026-08-02",
    });
    expect(previousPeriod({ from: "2026-08-15", to: "2026-08-15" })).toEqual({
      from: "2026-08-14",
      to: "2026-08-14",
    });
  });
});

describe("dates", () => {
  it("validates real calendar dates", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2026-02-29")).toBe(false);
    expect(isIsoDate("2026-1-01")).toBe(false);
  });

  it("does day and month arithmetic in UTC", () => {
    expect(addDays("2026-03-28", 3)).toBe("2026-03-31");
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
    expect(addMonths("2026-03-31", -1)).toBe("2026-02-28");
    expect(addMonths("2026-11-15", 3)).toBe("2027-02-15");
    expect(daysBetween("2026-04-01", "2026-06-30")).toBe(90);
  });
});
