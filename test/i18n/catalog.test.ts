import { describe, expect, it } from "vitest";
import { catalog, locales, t } from "../../src/i18n/index.ts";

/** The placeholders a template uses: `{name}` and the variable of `{name, plural, …}`, sorted. */
function placeholders(template: string): string[] {
  const names = new Set<string>();
  for (const match of template.matchAll(/\{\s*(\w+)\s*(?:,\s*plural\s*,|\})/g)) names.add(match[1] as string);
  return [...names].sort();
}

describe("message catalogue", () => {
  const keys = Object.keys(catalog.nl) as Array<keyof typeof catalog.nl>;

  it("has every key in nl, en and fr, and no key in only some languages", () => {
    for (const locale of locales) {
      const missing = keys.filter((key) => typeof catalog[locale][key] !== "string");
      const extra = Object.keys(catalog[locale]).filter((key) => !(key in catalog.nl));
      expect({ locale, missing, extra }).toEqual({ locale, missing: [], extra: [] });
    }
  });

  it("uses the same placeholders in every language, so no translation drops a figure", () => {
    const mismatches = keys.flatMap((key) =>
      locales
        .filter(
          (locale) => placeholders(catalog[locale][key]).join() !== placeholders(catalog.nl[key]).join(),
        )
        .map((locale) => `${locale} ${key}`),
    );
    expect(mismatches).toEqual([]);
  });

  it("leaves no text empty except where the Dutch is empty on purpose", () => {
    const empty = keys.flatMap((key) =>
      locales
        .filter((locale) => catalog[locale][key] === "" && catalog.nl[key] !== "")
        .map((l) => `${l} ${key}`),
    );
    expect(empty).toEqual([]);
  });
});

describe("plurals", () => {
  it("says 1 klant / 2 klanten and never −0", () => {
    expect(t("nl", "kpi.atRiskValue", { amount: "€ 5", count: 1 })).toBe("€ 5 (1 klant)");
    expect(t("nl", "kpi.atRiskValue", { amount: "€ 5", count: 21 })).toBe("€ 5 (21 klanten)");
    expect(t("en", "kpi.atRiskValue", { amount: "€5", count: 1 })).toBe("€5 (1 customer)");
    expect(t("nl", "kpi.customersValue", { start: 10, end: 10, new: 0, lost: 0 })).toBe(
      "10 → 10 (geen nieuwe, niemand vertrokken)",
    );
    expect(t("en", "kpi.customersValue", { start: 10, end: 11, new: 2, lost: 1 })).toBe(
      "10 → 11 (+2 new, −1 lost)",
    );
    expect(t("nl", "risk.summary", { count: 1, revenue: "€ 9", shown: 1 })).toMatch(
      /^1 klant in de risicozone/,
    );
  });

  it("follows the French rule: 0 and 1 are singular", () => {
    expect(t("fr", "kpi.npsValue", { nps: "9", answers: 0 })).toBe("9 (0 réponse)");
    expect(t("fr", "kpi.npsValue", { nps: "9", answers: 1 })).toBe("9 (1 réponse)");
    expect(t("fr", "kpi.npsValue", { nps: "9", answers: 2 })).toBe("9 (2 réponses)");
  });

  it("writes # as a number in the language's format", () => {
    expect(t("nl", "kpi.npsValue", { nps: "9", answers: 1234 })).toBe("9 (1.234 antwoorden)");
    expect(t("en", "kpi.npsValue", { nps: "9", answers: 1234 })).toBe("9 (1,234 answers)");
  });
});
