import { describe, expect, it } from "vitest";
import { parseAmountCents, parseDate, parseWholeNumber } from "../../src/import/values.ts";

const cents = (input: string | number) => {
  const result = parseAmountCents(input);
  return result.ok ? result.value : `error: ${result.reason}`;
};

describe("parseAmountCents", () => {
  it.each([
    ["1234.56", 123456],
    ["1234,56", 123456],
    ["1.234,56", 123456],
    ["1,234.56", 123456],
    ["€ 1.234,56", 123456],
    ["€1.234.567,89", 123456789],
    ["EUR 1 234,00", 123400],
    ["1\u00a0234,50", 123450],
    ["$15,000.00", 1500000],
    ["1.234", 123400],
    ["12,500", 1250000],
    ["12,5", 1250],
    ["0,99", 99],
    [",50", 50],
    ["-12,50", -1250],
    ["12,50-", -1250],
    ["(12,50)", -1250],
    ["€ -1.234,56", -123456],
    ["1234,5678", 123457],
    ["1234,5649", 123456],
    ["15000", 1500000],
    ["0", 0],
    ["-0,00", 0],
  ])("%s → %i cents", (input, expected) => {
    expect(cents(input)).toBe(expected);
  });

  it("takes JSON numbers as plain decimals (1.234 is not a thousand)", () => {
    expect(cents(1.234)).toBe(123);
    expect(cents(1.005)).toBe(101);
    expect(cents(-45)).toBe(-4500);
    expect(cents(1234.5)).toBe(123450);
  });

  it.each(["", "abc", "12,34,5", "1.23.4", "1,234,56.7.8", "12 EURO", "1.2.3,4", "--5", "1e5"])(
    "refuses %j",
    (input) => {
      expect(cents(input)).toMatch(/^error: /);
    },
  );

  it("refuses amounts beyond the integer column", () => {
    expect(cents("21.474.836,47")).toBe(2147483647);
    expect(cents("21.474.836,48")).toMatch(/too large/);
  });
});

describe("parseWholeNumber", () => {
  it.each([
    ["12", 12],
    ["1.000", 1000],
    ["3,0", 3],
    ["-4", -4],
  ])("%s → %i", (input, expected) => {
    expect(parseWholeNumber(input)).toEqual({ ok: true, value: expected });
  });
  it("refuses fractions and words", () => {
    expect(parseWholeNumber("2,5").ok).toBe(false);
    expect(parseWholeNumber("twee").ok).toBe(false);
    expect(parseWholeNumber(2.5).ok).toBe(false);
  });
});

describe("parseDate", () => {
  it.each([
    ["2026-01-05", "2026-01-05"],
    ["2026/1/5", "2026-01-05"],
    ["05-01-2026", "2026-01-05"],
    ["5-1-2026", "2026-01-05"],
    ["05/01/2026", "2026-01-05"],
    ["05.01.2026", "2026-01-05"],
    ["2026-01-05 00:00:00", "2026-01-05"],
    ["2026-01-05T13:45:00Z", "2026-01-05"],
    ["05-01-2026 0:00", "2026-01-05"],
    [" 29-02-2028 ", "2028-02-29"],
  ])("%s → %s", (input, expected) => {
    expect(parseDate(input)).toEqual({ ok: true, value: expected });
  });
  it.each([
    "31-02-2026",
    "2026-13-01",
    "01-05-26",
    "5 januari 2026",
    "2026-01-05 garbage",
    "45321",
    "1800-01-01",
  ])("refuses %j", (input) => {
    expect(parseDate(input).ok).toBe(false);
  });
});
