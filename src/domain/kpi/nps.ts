import type { Locale } from "../health/types.ts";

export type NpsCategory = "promoter" | "passive" | "detractor";

/** 9–10 promoter, 7–8 passive, 0–6 detractor. */
export function classifyNps(score: number): NpsCategory {
  assertNpsAnswer(score);
  if (score >= 9) return "promoter";
  if (score >= 7) return "passive";
  return "detractor";
}

/** % promoters − % detractors, −100..100 with full precision; null when nobody answered. */
export function nps(scores: readonly number[]): number | null {
  if (scores.length === 0) return null;
  let promoters = 0;
  let detractors = 0;
  for (const score of scores) {
    const category = classifyNps(score);
    if (category === "promoter") promoters += 1;
    if (category === "detractor") detractors += 1;
  }
  return ((promoters - detractors) / scores.length) * 100;
}

/** The same NPS from counts per category, as the KPI SQL aggregates them; null when nobody answered. */
export function npsFromCounts(counts: {
  promoters: number;
  passives: number;
  detractors: number;
}): number | null {
  const answers = counts.promoters + counts.passives + counts.detractors;
  if (answers === 0) return null;
  return ((counts.promoters - counts.detractors) / answers) * 100;
}

const npsCategoryLabels: Record<NpsCategory, Record<Locale, string>> = {
  promoter: { nl: "promotor", en: "promoter", fr: "promoteur" },
  passive: { nl: "passief", en: "passive", fr: "passif" },
  detractor: { nl: "criticaster", en: "detractor", fr: "détracteur" },
};

export function npsCategoryLabel(category: NpsCategory, locale: Locale): string {
  return npsCategoryLabels[category][locale];
}

function assertNpsAnswer(score: number): void {
  if (!Number.isInteger(score) || score < 0 || score > 10) {
    throw new RangeError(`An NPS answer is an integer 0..10, got ${score}`);
  }
}
