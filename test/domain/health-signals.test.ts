import { describe, expect, it } from "vitest";
import { defaultHealthSettings as settings } from "../../src/domain/health/settings.ts";
import { scoreComplaints } from "../../src/domain/health/signals/complaints.ts";
import { scoreEngagement } from "../../src/domain/health/signals/engagement.ts";
import { scoreFrequency } from "../../src/domain/health/signals/frequency.ts";
import { scoreNps } from "../../src/domain/health/signals/nps.ts";
import { scorePayment } from "../../src/domain/health/signals/payment.ts";
import { scorePulse } from "../../src/domain/health/signals/pulse.ts";
import { scoreRecency } from "../../src/domain/health/signals/recency.ts";
import { linearScore } from "../../src/domain/health/signals/shared.ts";
import { scoreVolume } from "../../src/domain/health/signals/volume.ts";
import { healthyInputs, type InputOverrides } from "./health-inputs.ts";

describe("linearScore", () => {
  it("is 100 at fine, 0 at zero, linear in between and clamped outside", () => {
    expect(linearScore(3, 3, 30)).toBe(100);
    expect(linearScore(30, 3, 30)).toBe(0);
    expect(linearScore(16.5, 3, 30)).toBe(50);
    expect(linearScore(-5, 3, 30)).toBe(100);
    expect(linearScore(99, 3, 30)).toBe(0);
    // the other direction: more is better
    expect(linearScore(5.5, 9, 2)).toBe(50);
    expect(linearScore(10, 9, 2)).toBe(100);
  });
});

describe("payment", () => {
  const payment = (p: InputOverrides["payment"]) => scorePayment(healthyInputs({ payment: p }), settings);

  it("has no data without invoices due and nothing overdue", () => {
    const result = payment({ recentInvoices: 0, recentAvgDaysLate: null });
    expect(result.score).toBeNull();
    expect(result.reason).toMatchObject({
      nl: "geen facturen vervallen in de laatste 90 dagen",
      en: "no invoices due in the last 90 days",
    });
  });

  it("scores 100 when paying on time", () => {
    expect(payment({})).toMatchObject({ score: 100, reason: { nl: "betaalt op tijd", en: "pays on time" } });
  });

  it("explains lateness against the customer's own past: 18 days late, was 3", () => {
    // (30 − 18) / (30 − 3) × 100 = 44.4
    expect(payment({ recentAvgDaysLate: 18, baselineAvgDaysLate: 3 })).toMatchObject({
      score: 44,
      reason: {
        nl: "betaalt gemiddeld 18 dagen te laat (was 3)",
        en: "pays 18 days late on average (was 3)",
      },
    });
  });

  it("keeps 100 up to the fine threshold and 0 from the zero threshold on", () => {
    expect(payment({ recentAvgDaysLate: 3, baselineAvgDaysLate: 3 }).score).toBe(100);
    expect(payment({ recentAvgDaysLate: 3, baselineAvgDaysLate: 3 }).reason.nl).toBe(
      "betaalt gemiddeld 3 dagen te laat",
    );
    expect(payment({ recentAvgDaysLate: 30 }).score).toBe(0);
    expect(payment({ recentAvgDaysLate: 75 }).score).toBe(0);
  });

  it("says singular days and when the customer used to pay on time or late", () => {
    expect(payment({ recentAvgDaysLate: 1, baselineAvgDaysLate: null }).reason).toMatchObject({
      nl: "betaalt gemiddeld 1 dag te laat",
      en: "pays 1 day late on average",
    });
    expect(payment({ recentAvgDaysLate: 10, baselineAvgDaysLate: 0.2 }).reason.nl).toBe(
      "betaalt gemiddeld 10 dagen te laat (was op tijd)",
    );
    expect(payment({ recentAvgDaysLate: 0.4, baselineAvgDaysLate: 12 }).reason).toMatchObject({
      nl: "betaalt op tijd (was 12 dagen te laat)",
      en: "pays on time (was 12 days late)",
    });
  });

  it("takes points off per overdue invoice and names the overdue amount", () => {
    const result = payment({
      recentAvgDaysLate: 18,
      baselineAvgDaysLate: 3,
      overdueInvoices: 2,
      overdueCents: 450_000,
    });
    expect(result.score).toBe(34); // 44.4 − 2 × 5
    expect(result.reason).toMatchObject({
      nl: "betaalt gemiddeld 18 dagen te laat (was 3), € 4.500 achterstallig",
      en: "pays 18 days late on average (was 3), €4,500 overdue",
    });
  });

  it("scores old overdue invoices even without invoices due recently", () => {
    const result = payment({
      recentInvoices: 0,
      recentAvgDaysLate: null,
      overdueInvoices: 1,
      overdueCents: 123_456,
    });
    expect(result.score).toBe(95);
    expect(result.reason).toMatchObject({
      nl: "€ 1.235 achterstallig (1 factuur)",
      en: "€1,235 overdue (1 invoice)",
    });
  });

  it("never goes below 0", () => {
    expect(payment({ recentAvgDaysLate: 25, overdueInvoices: 40, overdueCents: 1_000_000 }).score).toBe(0);
  });
});

describe("frequency", () => {
  // 73 baseline orders → 73 × 90/365 = 18 expected per 90 days
  const frequency = (recentCount: number, baselineCount = 73) =>
    scoreFrequency(healthyInputs({ orders: { recentCount, baselineCount } }), settings);

  it("has no data with fewer than 4 baseline orders", () => {
    expect(frequency(5, 3)).toMatchObject({
      score: null,
      reason: {
        nl: "te weinig bestellingen vorig jaar om mee te vergelijken",
        en: "too few orders last year to compare with",
      },
    });
  });

  it("scores 100 when ordering as often as usual", () => {
    expect(frequency(18)).toMatchObject({
      score: 100,
      reason: { nl: "bestelt even vaak als gewoonlijk", en: "orders as often as usual" },
    });
  });

  it("scores a drop linearly between 10 % and 75 %", () => {
    // 10 / 18 − 1 = −44.4 % → (75 − 44.4) / 65 × 100 = 47
    expect(frequency(10)).toMatchObject({
      score: 47,
      reason: { nl: "bestelt 44 % minder vaak dan vorig jaar", en: "orders 44% less often than last year" },
    });
    expect(frequency(4).score).toBe(0); // −78 %
  });

  it("treats a 10 % drop as fine", () => {
    // 365 baseline orders → 90 expected; 81 is −10 %
    expect(frequency(81, 365).score).toBe(100);
  });

  it("says so when there were no orders at all", () => {
    expect(frequency(0)).toMatchObject({
      score: 0,
      reason: { nl: "geen bestellingen in 90 dagen (normaal 18)", en: "no orders in 90 days (usually 18)" },
    });
  });

  it("is positive about ordering more", () => {
    expect(frequency(27)).toMatchObject({
      score: 100,
      reason: { nl: "bestelt 50 % vaker dan vorig jaar", en: "orders 50% more often than last year" },
    });
  });
});

describe("volume", () => {
  // € 36.500 over 365 days → € 9.000 expected per 90 days
  const volume = (recentRevenueCents: number, baselineCount = 73) =>
    scoreVolume(
      healthyInputs({ orders: { recentRevenueCents, baselineRevenueCents: 3_650_000, baselineCount } }),
      settings,
    );

  it("has no data without enough baseline orders or baseline revenue", () => {
    expect(volume(500_000, 2).score).toBeNull();
    expect(
      scoreVolume(healthyInputs({ orders: { baselineRevenueCents: 0, baselineCount: 10 } }), settings).reason
        .nl,
    ).toBe("te weinig omzet vorig jaar om mee te vergelijken");
  });

  it("reports a drop in revenue: −38 % against last year", () => {
    expect(volume(558_000)).toMatchObject({
      score: 57, // (75 − 38) / 65 × 100
      reason: { nl: "omzet −38 % t.o.v. vorig jaar", en: "revenue −38% against last year" },
    });
  });

  it("scores steady or growing revenue 100", () => {
    expect(volume(900_000)).toMatchObject({
      score: 100,
      reason: { nl: "omzet op het niveau van vorig jaar", en: "revenue in line with last year" },
    });
    expect(volume(1_000_000)).toMatchObject({
      score: 100,
      reason: { nl: "omzet +11 % t.o.v. vorig jaar", en: "revenue +11% against last year" },
    });
  });

  it("names the usual amount when there was no revenue", () => {
    expect(volume(0)).toMatchObject({
      score: 0,
      reason: {
        nl: "geen omzet in 90 dagen (normaal € 9.000)",
        en: "no revenue in 90 days (usually €9,000)",
      },
    });
  });
});

describe("recency", () => {
  const recency = (daysSinceLastOrder: number | null, typicalIntervalDays: number | null) =>
    scoreRecency(healthyInputs({ orders: { daysSinceLastOrder, typicalIntervalDays } }), settings);

  it("has no data for a customer that never ordered", () => {
    expect(recency(null, null)).toMatchObject({
      score: null,
      reason: { nl: "nog nooit besteld", en: "has never ordered" },
    });
  });

  it("scores against the usual interval: 74 days where 21 is normal", () => {
    // 74 / 21 = 3.52× → (4 − 3.52) / (4 − 1.5) × 100 = 19
    expect(recency(74, 21)).toMatchObject({
      score: 19,
      reason: {
        nl: "al 74 dagen geen bestelling (normaal elke 21)",
        en: "no order for 74 days (usually every 21)",
      },
    });
  });

  it("is 100 within 1.5× the interval and 0 from 4×", () => {
    expect(recency(10, 21)).toMatchObject({
      score: 100,
      reason: {
        nl: "laatste bestelling 10 dagen geleden (normaal elke 21)",
        en: "last order 10 days ago (usually every 21)",
      },
    });
    expect(recency(31, 21).score).toBe(100);
    expect(recency(84, 21).score).toBe(0);
    expect(recency(0, 21).reason.nl).toBe("laatste bestelling vandaag (normaal elke 21)");
    expect(recency(1, 21).reason.en).toBe("last order 1 day ago (usually every 21)");
  });

  it("gives daily buyers at least a week of slack", () => {
    expect(recency(10, 2).score).toBe(100); // 10 / 7 = 1.43×
    expect(recency(28, 2).score).toBe(0); // 28 / 7 = 4×
  });

  it("scores 0 past the churn period whatever the rhythm", () => {
    expect(recency(190, 60).score).toBe(0);
  });

  it("falls back to the churn rule without a usual interval", () => {
    expect(recency(60, null)).toMatchObject({
      score: 100,
      reason: { nl: "laatste bestelling 60 dagen geleden", en: "last order 60 days ago" },
    });
    expect(recency(135, null)).toMatchObject({
      score: 50,
      reason: { nl: "al 135 dagen geen bestelling", en: "no order for 135 days" },
    });
    expect(recency(200, null).score).toBe(0);
  });
});

describe("engagement", () => {
  const engagement = (e: InputOverrides["engagement"]) =>
    scoreEngagement(
      healthyInputs({
        engagement: {
          recentWeb: 0,
          baselineWeb: 0,
          recentNewsletter: 0,
          baselineNewsletter: 0,
          recentContact: 0,
          baselineContact: 0,
          ...e,
        },
      }),
      settings,
    );

  it("has no data when no channel has enough baseline", () => {
    expect(engagement({ recentWeb: 10, baselineWeb: 3 })).toMatchObject({
      score: null,
      reason: {
        nl: "te weinig online activiteit om mee te vergelijken",
        en: "too little online activity to compare with",
      },
    });
  });

  it("reports a website drop: −60 %", () => {
    // 365 baseline visits → 90 expected; 36 is −60 % → (80 − 60) / 60 × 100 = 33
    expect(engagement({ recentWeb: 36, baselineWeb: 365 })).toMatchObject({
      score: 33,
      reason: { nl: "websitebezoek −60 %", en: "website visits −60%" },
    });
  });

  it("averages the channels and lists the ones that dropped, worst first", () => {
    const result = engagement({
      recentWeb: 36,
      baselineWeb: 365,
      recentNewsletter: 63,
      baselineNewsletter: 365,
      recentContact: 18,
      baselineContact: 73,
    });
    // (33.3 + 83.3 + 100) / 3 = 72.2
    expect(result).toMatchObject({
      score: 72,
      reason: { nl: "websitebezoek −60 %, nieuwsbrief −30 %", en: "website visits −60%, newsletter −30%" },
    });
  });

  it("is positive when nothing dropped", () => {
    expect(
      engagement({ recentWeb: 95, baselineWeb: 365, recentContact: 20, baselineContact: 73 }),
    ).toMatchObject({
      score: 100,
      reason: { nl: "online betrokkenheid zoals gewoonlijk", en: "online engagement as usual" },
    });
  });
});

describe("nps", () => {
  const nps = (latestScore: number | null, previousScore: number | null = null) =>
    scoreNps(healthyInputs({ nps: { latestScore, previousScore } }), settings);

  it("has no data without an answer", () => {
    expect(nps(null)).toMatchObject({
      score: null,
      reason: { nl: "geen NPS-antwoord in het afgelopen jaar", en: "no NPS answer in the past year" },
    });
  });

  it("names the category: NPS 4 (criticaster)", () => {
    expect(nps(4)).toMatchObject({
      score: 29,
      reason: { nl: "NPS 4 (criticaster)", en: "NPS 4 (detractor)" },
    });
    expect(nps(4, 8).reason).toMatchObject({
      nl: "NPS 4 (criticaster, was 8)",
      en: "NPS 4 (detractor, was 8)",
    });
  });

  it("scores promoters 100, passives in between and low answers 0", () => {
    expect(nps(9)).toMatchObject({ score: 100, reason: { nl: "NPS 9 (promotor)", en: "NPS 9 (promoter)" } });
    expect(nps(10).score).toBe(100);
    expect(nps(7)).toMatchObject({ score: 71, reason: { nl: "NPS 7 (passief)", en: "NPS 7 (passive)" } });
    expect(nps(2).score).toBe(0);
    expect(nps(0).score).toBe(0);
  });
});

describe("complaints", () => {
  const complaints = (c: InputOverrides["complaints"]) =>
    scoreComplaints(healthyInputs({ complaints: c }), settings);

  it("scores no complaints 100: absence of complaints is data", () => {
    expect(complaints({})).toMatchObject({
      score: 100,
      reason: { nl: "geen klachten in 90 dagen", en: "no complaints in 90 days" },
    });
  });

  it("says 2 complaints in 60 days, 1 open", () => {
    expect(complaints({ recentCount: 2, last60Count: 2, openCount: 1 })).toMatchObject({
      score: 50,
      reason: { nl: "2 klachten in 60 dagen, 1 open", en: "2 complaints in 60 days, 1 open" },
    });
  });

  it("uses the 90-day window when not all complaints are that recent", () => {
    expect(complaints({ recentCount: 1, last60Count: 0 })).toMatchObject({
      score: 80,
      reason: { nl: "1 klacht in 90 dagen", en: "1 complaint in 90 days" },
    });
  });

  it("weighs severe and open complaints extra and clamps at 0", () => {
    expect(complaints({ recentCount: 3, last60Count: 2, openCount: 2, recentHighSeverity: 1 })).toMatchObject(
      {
        score: 0,
        reason: {
          nl: "3 klachten in 90 dagen, 2 open, 1 ernstig",
          en: "3 complaints in 90 days, 2 open, 1 severe",
        },
      },
    );
    expect(complaints({ recentCount: 1, last60Count: 1, recentHighSeverity: 1 }).score).toBe(60);
  });

  it("mentions older complaints still open", () => {
    expect(complaints({ openCount: 1 })).toMatchObject({
      score: 90,
      reason: { nl: "geen klachten in 90 dagen, 1 nog open", en: "no complaints in 90 days, 1 still open" },
    });
  });
});

describe("pulse", () => {
  const pulse = (latestScore: number | null, answeredOn: string | null = "2026-06-01") =>
    scorePulse(healthyInputs({ pulse: { latestScore, answeredOn } }), settings);

  it("has no data without a pulse", () => {
    expect(pulse(null, null)).toMatchObject({
      score: null,
      reason: {
        nl: "geen recente inschatting van de accountmanager",
        en: "no recent estimate by the account manager",
      },
    });
  });

  it("says what the account manager estimates: 5/10", () => {
    expect(pulse(5)).toMatchObject({
      score: 50,
      reason: { nl: "accountmanager schat 5/10", en: "account manager rates 5/10" },
    });
    expect(pulse(10).score).toBe(100);
    expect(pulse(0).score).toBe(0);
  });

  it("ignores a pulse older than 90 days", () => {
    expect(pulse(9, "2026-04-01").score).toBe(90); // exactly 90 days before asOf 2026-06-30
    expect(pulse(9, "2026-03-31")).toMatchObject({
      score: null,
      reason: {
        nl: "inschatting van de accountmanager is ouder dan 90 dagen",
        en: "the account manager's estimate is older than 90 days",
      },
    });
  });
});

describe("French reasons (fr-BE), with French plurals and number formats", () => {
  it("writes every signal's sentence in French", () => {
    const inputs = (overrides: InputOverrides) => healthyInputs(overrides);
    expect(
      scorePayment(
        inputs({
          payment: {
            recentAvgDaysLate: 18,
            baselineAvgDaysLate: 3,
            overdueInvoices: 1,
            overdueCents: 1_240_000,
          },
        }),
        settings,
      ).reason.fr,
    ).toBe("paie en moyenne avec 18 jours de retard (avant : 3), 12\u202f400\u00a0€ en souffrance");
    // French counts 1 (and 0) as singular.
    expect(
      scorePayment(inputs({ payment: { recentAvgDaysLate: 1, baselineAvgDaysLate: 1 } }), settings).reason.fr,
    ).toBe("paie en moyenne avec 1 jour de retard");
    expect(
      scoreComplaints(
        inputs({ complaints: { recentCount: 2, last60Count: 2, openCount: 1, recentHighSeverity: 2 } }),
        settings,
      ).reason.fr,
    ).toBe("2 plaintes en 60 jours, 1 ouverte, 2 graves");
    expect(
      scoreRecency(inputs({ orders: { daysSinceLastOrder: 74, typicalIntervalDays: 21 } }), settings).reason
        .fr,
    ).toBe("aucune commande depuis 74 jours (normalement tous les 21)");
    expect(
      scorePulse(inputs({ pulse: { latestScore: 4, answeredOn: "2026-11-20" } }), settings).reason.fr,
    ).toBe("le gestionnaire de compte estime 4/10");
    expect(scoreNps(inputs({ nps: { latestScore: 4, previousScore: 8 } }), settings).reason.fr).toBe(
      "NPS 4 (détracteur, avant 8)",
    );
  });
});
