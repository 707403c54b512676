import { describe, expect, it } from "vitest";
import { addDays, addMonths, daysBetween, isIsoDate } from "../../src/domain/dates.ts";
import { type Period, parsePeriod, previousPeriod } from "../../src/domain/periods.ts";

const today = "2026-08-15";

function period(expression: string, on = today): Period {
  const result = parsePeriod(expression, on);
  if (!result.ok) throw new Error(`expected "${expression}" to parse, got: ${result.error.en}`);
  return result.period;
}

describe("parsePeriod", () => {
  it("reads a year", () => {
    expect(period("2026")).toEqual({ from: "2026-01-01", to: "2026-12-31" });
  });

  it("reads a quarter in several spellings", () => {
    const q3 = { from: "2026-07-01", to: "2026-09-30" };
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
    expect(period("ytd")).toEqual({ from: "2026-01-01", to: "2026-08-15" });
    expect(period("YTD")).toEqual({ from: "2026-01-01", to: "2026-08-15" });
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
    expect(period("dit-kwartaal")).toEqual({ from: "2026-07-01", to: "2026-08-15" });
    expect(period("this-month")).toEqual({ from: "2026-08-01", to: "2026-08-15" });
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
  });

  it("explains an unknown form and lists the accepted ones in both languages", () => {
    expect(parsePeriod("gisteren", today)).toEqual({
      ok: false,
      error: {
        nl: 'Onbekende periode "gisteren". Gebruik bijvoorbeeld: 2026, 2026-Q3 (of q3-2026), 2026-11, ytd, vorig-kwartaal, vorige-maand, vorig-jaar, 12m, 90d of 2026-01-01..2026-03-31.',
        en: 'Unknown period "gisteren". Use for example: 2026, 2026-Q3 (or q3-2026), 2026-11, ytd, last-quarter, last-month, last-year, 12m, 90d or 2026-01-01..2026-03-31.',
      },
    });
    for (const text of ["", "2026-13", "2026-Q5", "0d", "999m", "26", "2026-1-1..2026-02-01"]) {
      expect(parsePeriod(text, today).ok, text).toBe(false);
    }
  });

  it("refuses impossible dates and reversed ranges", () => {
    expect(parsePeriod("2026-02-30..2026-03-31", today)).toEqual({
      ok: false,
      error: { nl: '"2026-02-30" is geen geldige datum.', en: '"2026-02-30" is not a valid date.' },
    });
    expect(parsePeriod("2026-03-31..2026-01-01", today)).toEqual({
      ok: false,
      error: {
        nl: "De periode begint na het einde: 2026-03-31 ligt na 2026-01-01.",
        en: "The period starts after it ends: 2026-03-31 is after 2026-01-01.",
      },
    });
  });

  it("refuses periods that start after today", () => {
    expect(parsePeriod("2026-Q4", today)).toEqual({
      ok: false,
      error: {
        nl: 'De periode "2026-Q4" ligt in de toekomst.',
        en: 'The period "2026-Q4" lies in the future.',
      },
    });
    expect(parsePeriod("2027", today).ok).toBe(false);
    expect(parsePeriod("2026-08-16..2026-08-20", today).ok).toBe(false);
  });
});

describe("previousPeriod", () => {
  it("steps back one calendar unit for whole months, quarters and years", () => {
    expect(previousPeriod(period("2026-Q3"))).toEqual({ from: "2026-04-01", to: "2026-06-30" });
    expect(previousPeriod(period("2026-03"))).toEqual({ from: "2026-02-01", to: "2026-02-28" });
    expect(previousPeriod(period("2026"))).toEqual({ from: "2025-01-01", to: "2025-12-31" });
    expect(previousPeriod(period("2026-Q1"))).toEqual({ from: "2025-10-01", to: "2025-12-31" });
    expect(previousPeriod({ from: "2026-01-01", to: "2026-03-31" })).toEqual({
      from: "2025-10-01",
      to: "2025-12-31",
    });
  });

  it("steps back the same number of days for other ranges", () => {
    expect(previousPeriod(period("90d"))).toEqual({ from: "2026-02-17", to: "2026-05-17" });
    // ytd is 227 days: 1 January–15 August
    expect(previousPeriod(period("ytd"))).toEqual({ from: "2025-05-19", to: "2025-12-31" });
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
