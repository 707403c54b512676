import { describe, expect, it } from "vitest";
import {
  bandEmoji,
  bandLabel,
  formatDate,
  formatDateRange,
  formatDelta,
  formatMoney,
  formatNumber,
  formatPercent,
  NBSP,
  NNBSP,
  trendArrow,
  useCurrency,
} from "../../src/domain/format.ts";

describe("formatMoney", () => {
  it("writes the company's currency: its symbol where people use one, else its code", () => {
    try {
      useCurrency("USD");
      expect(formatMoney(123_400, "nl")).toBe("$ 1.234");
      expect(formatMoney(123_400, "en")).toBe("$1,234");
      expect(formatMoney(123_400, "fr")).toBe(`1${NNBSP}234${NBSP}$`);
      useCurrency("CHF");
      expect(formatMoney(-123_400, "nl")).toBe(`\u2212CHF${NBSP}1.234`);
      expect(formatMoney(4_500_000, "en", { compact: true })).toBe(`CHF${NBSP}45k`);
      expect(formatMoney(123_400, "fr")).toBe(`1${NNBSP}234${NBSP}CHF`);
      expect(() => useCurrency("euro")).toThrow(/ISO 4217/);
    } finally {
      useCurrency("EUR");
    }
    expect(formatMoney(123_400, "nl")).toBe("€ 1.234");
  });

  it("writes whole euros in Dutch and English style", () => {
    expect(formatMoney(123_400, "nl")).toBe("€ 1.234");
    expect(formatMoney(123_400, "en")).toBe("€1,234");
    expect(formatMoney(100_000_000, "nl")).toBe("€ 1.000.000");
    expect(formatMoney(0, "nl")).toBe("€ 0");
  });

  it("rounds to euros unless cents are asked for", () => {
    expect(formatMoney(123_456, "nl")).toBe("€ 1.235");
    expect(formatMoney(123_456, "nl", { cents: true })).toBe("€ 1.234,56");
    expect(formatMoney(123_456, "en", { cents: true })).toBe("€1,234.56");
  });

  it("uses the real minus sign and never shows −0", () => {
    expect(formatMoney(-123_400, "nl")).toBe("\u2212€ 1.234");
    expect(formatMoney(-123_400, "en")).toBe("\u2212€1,234");
    expect(formatMoney(-10, "nl")).toBe("€ 0");
  });

  it("shortens large amounts when compact", () => {
    expect(formatMoney(500_000, "nl", { compact: true })).toBe("€ 5.000");
    expect(formatMoney(4_500_000, "nl", { compact: true })).toBe("€ 45k");
    expect(formatMoney(4_500_000, "en", { compact: true })).toBe("€45k");
    expect(formatMoney(120_000_000, "nl", { compact: true })).toBe("€ 1,2 mln");
    expect(formatMoney(120_000_000, "en", { compact: true })).toBe("€1.2M");
    expect(formatMoney(100_000_000, "nl", { compact: true })).toBe("€ 1 mln");
    expect(formatMoney(99_995_000, "nl", { compact: true })).toBe("€ 1 mln");
    expect(formatMoney(250_000_000_000, "en", { compact: true })).toBe("€2.5B");
    expect(formatMoney(-4_500_000, "nl", { compact: true })).toBe("\u2212€ 45k");
  });
});

describe("formatNumber", () => {
  it("groups and uses the locale's decimal mark", () => {
    expect(formatNumber(1_234_567.891, "nl", 2)).toBe("1.234.567,89");
    expect(formatNumber(1_234_567.891, "en", 2)).toBe("1,234,567.89");
    expect(formatNumber(-3, "nl")).toBe("\u22123");
  });
});

describe("formatPercent", () => {
  it("puts a space before % in Dutch only", () => {
    expect(formatPercent(45, "nl")).toBe("45 %");
    expect(formatPercent(45, "en")).toBe("45%");
  });

  it("rounds only for presentation", () => {
    expect(formatPercent(12.345, "nl", { decimals: 1 })).toBe("12,3 %");
    expect(formatPercent(12.345, "en", { decimals: 1 })).toBe("12.3%");
    expect(formatPercent(79.96, "nl")).toBe("80 %");
  });

  it("can show the sign", () => {
    expect(formatPercent(-38, "nl", { signed: true })).toBe("\u221238 %");
    expect(formatPercent(12, "en", { signed: true })).toBe("+12%");
    expect(formatPercent(0, "nl", { signed: true })).toBe("0 %");
  });
});

describe("formatDelta", () => {
  it("signs changes with + and the real minus", () => {
    expect(formatDelta(8, "nl")).toBe("+8");
    expect(formatDelta(-8, "nl")).toBe("\u22128");
    expect(formatDelta(0, "en")).toBe("0");
    expect(formatDelta(-0.4, "en")).toBe("0");
    expect(formatDelta(-8.44, "nl", { decimals: 1 })).toBe("\u22128,4");
    expect(formatDelta(1234, "en")).toBe("+1,234");
  });
});

describe("formatDate", () => {
  it("writes day, month name and year", () => {
    expect(formatDate("2026-03-03", "nl")).toBe("3 maart 2026");
    expect(formatDate("2026-03-03", "en")).toBe("3 March 2026");
    expect(formatDate("2026-03-03", "nl", { style: "short" })).toBe("3 mrt 2026");
    expect(formatDate("2026-10-31", "en", { style: "short", withoutYear: true })).toBe("31 Oct");
  });

  it("refuses what is not a date", () => {
    expect(() => formatDate("2026-02-30", "nl")).toThrow(RangeError);
  });
});

describe("formatDateRange", () => {
  it("writes a shared year once", () => {
    expect(formatDateRange("2026-01-01", "2026-03-31", "nl")).toBe("1 jan – 31 mrt 2026");
    expect(formatDateRange("2025-12-01", "2026-02-28", "en")).toBe("1 Dec 2025 – 28 Feb 2026");
  });
});

describe("bands", () => {
  it("labels and colours every band", () => {
    expect([bandLabel("HEALTHY", "nl"), bandLabel("ATTENTION", "nl"), bandLabel("AT_RISK", "nl")]).toEqual([
      "gezond",
      "aandacht",
      "risico",
    ]);
    expect([bandLabel("HEALTHY", "en"), bandLabel("ATTENTION", "en"), bandLabel("AT_RISK", "en")]).toEqual([
      "healthy",
      "attention",
      "at risk",
    ]);
    expect([bandEmoji("HEALTHY"), bandEmoji("ATTENTION"), bandEmoji("AT_RISK")]).toEqual(["🟢", "🟡", "🔴"]);
  });

  it("draws trend arrows", () => {
    expect([trendArrow("up"), trendArrow("down"), trendArrow("flat"), trendArrow("unknown")]).toEqual([
      "↗",
      "↘",
      "→",
      "",
    ]);
  });
});

describe("French (fr-BE) formats, as CLDR writes them, byte for byte", () => {
  const NNBSP = "\u202f";
  const NBSP = "\u00a0";

  it("groups with a narrow no-break space, decimal comma, euro after the amount", () => {
    expect(formatNumber(1_234_567.5, "fr", 1)).toBe(`1${NNBSP}234${NNBSP}567,5`);
    expect(formatMoney(123_400, "fr")).toBe(`1${NNBSP}234${NBSP}€`);
    expect(formatMoney(123_456, "fr", { cents: true })).toBe(`1${NNBSP}234,56${NBSP}€`);
    expect(formatMoney(-123_400, "fr")).toBe(`\u22121${NNBSP}234${NBSP}€`);
    expect(formatMoney(4_500_000, "fr", { compact: true })).toBe(`45${NBSP}k${NBSP}€`);
    expect(formatMoney(120_000_000, "fr", { compact: true })).toBe(`1,2${NBSP}M${NBSP}€`);
  });

  it("writes percentages, deltas and dates the French way", () => {
    expect(formatPercent(45, "fr")).toBe(`45${NNBSP}%`);
    expect(formatPercent(-38, "fr", { signed: true })).toBe(`\u221238${NNBSP}%`);
    expect(formatDelta(0.2, "fr")).toBe("0");
    expect(formatDate("2026-03-03", "fr")).toBe("3 mars 2026");
    expect(formatDate("2026-02-03", "fr", { style: "short" })).toBe("3 févr. 2026");
    expect(formatDateRange("2026-07-01", "2026-09-30", "fr")).toBe("1 juil. – 30 sept. 2026");
    expect(bandLabel("AT_RISK", "fr")).toBe("à risque");
  });
});
