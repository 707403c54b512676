import { describe, expect, it } from "vitest";
import { defaultHealthSettings as settings } from "../../src/domain/health/settings.ts";
import { scoreComplaints as scoreComplaintsAsData } from "../../src/domain/health/signals/complaints.ts";
import { scoreEngagement as scoreEngagementAsData } from "../../src/domain/health/signals/engagement.ts";
import { scoreFrequency as scoreFrequencyAsData } from "../../src/domain/health/signals/frequency.ts";
import { scoreNps as scoreNpsAsData } from "../../src/domain/health/signals/nps.ts";
import { scorePayment as scorePaymentAsData } from "../../src/domain/health/signals/payment.ts";
import { scorePulse as scorePulseAsData } from "../../src/domain/health/signals/pulse.ts";
import { scoreRecency as scoreRecencyAsData } from "../../src/domain/health/signals/recency.ts";
import { linearScore } from "../../src/domain/health/signals/shared.ts";
import { scoreVolume as scoreVolumeAsData } from "../../src/domain/health/signals/volume.ts";
import { inWords } from "../support/reason-sentences.ts";
import { healthyInputs, type InputOverrides } from "./health-inputs.ts";

// The scorers return their reasons as data; these read them as the sentences a user sees.
const scoreComplaints = inWords(scoreComplaintsAsData);
const scoreEngagement = inWords(scoreEngagementAsData);
const scoreFrequency = inWords(scoreFrequencyAsData);
const scoreNps = inWords(scoreNpsAsData);
const scorePayment = inWords(scorePaymentAsData);
const scorePulse = inWords(scorePulseAsData);
const scoreRecency = inWords(scoreRecencyAsData);
const scoreVolume = inWords(scoreVolumeAsData);

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

  it("has no data when the company delivered no invoices at all (not a perfect 100)", () => {
    const result = scorePayment(healthyInputs({ sources: { invoices: false } }), settings);
    expect(result).toMatchObject({
      score: null,
      reason: { nl: "geen factuurgegevens aangeleverd", en: "no invoice data delivered" },
    });
  });

  it("scores 100 when paying on time", () => {
    expect(payment({})).toMatchObject({ score: 100, reason: { nl: "betaalt op tijd", en: "pays on time" } });
  });

  it("judges lateness against the customer's own habit: 18 days late, was 3", () => {
    // 15 days worse than its habit: (30 − 15) / (30 − 3) × 100 = 55.6
    expect(payment({ recentAvgDaysLate: 18, baselineAvgDaysLate: 3 })).toMatchObject({
      score: 56,
      reason: {
        nl: "betaalt gemiddeld 18 dagen te laat (was 3)",
        en: "pays 18 days late on average (was 3)",
      },
    });
  });

  it("does not hold a loyal chronic late payer's habit against it, but very late payment still counts", () => {
    expect(payment({ recentAvgDaysLate: 20, baselineAvgDaysLate: 20 }).score).toBe(100);
    // 80 days late, habit 80: half of what exceeds 30 days = 25 → (30 − 25) / 27 × 100 = 18.5
    expect(payment({ recentAvgDaysLate: 80, baselineAvgDaysLate: 80 }).score).toBe(19);
    expect(payment({ recentAvgDaysLate: 33, baselineAvgDaysLate: 0 }).score).toBe(0);
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

  it("weighs what is overdue by its age and amount, and names both", () => {
    const result = payment({
      recentAvgDaysLate: 3,
      baselineAvgDaysLate: 3,
      overdueInvoices: 2,
      overdueCents: 450_000,
      oldestOverdueDays: 45,
    });
    // age 40 × 45/90 = 20; amount 40 × 4,500 / (60,000 / 4) = 12 → 100 − 32
    expect(result.score).toBe(68);
    expect(result.reason).toMatchObject({
      nl: "betaalt gemiddeld 3 dagen te laat, € 4.500 achterstallig (oudste 45 dagen over tijd)",
      en: "pays 3 days late on average, €4,500 overdue (oldest 45 days past due)",
    });
  });

  it("never scores an invoice 236 days overdue as healthy, even without invoices due recently", () => {
    const result = payment({
      recentInvoices: 0,
      recentAvgDaysLate: null,
      overdueInvoices: 1,
      overdueCents: 1_500_000,
      oldestOverdueDays: 236,
    });
    expect(result.score).toBe(20); // 100 − 40 (age) − 40 (a quarter's revenue)
    expect(result.reason.nl).toBe("€ 15.000 achterstallig (oudste 236 dagen over tijd) (1 factuur)");
  });

  it("never goes below 0", () => {
    expect(
      payment({
        recentAvgDaysLate: 25,
        overdueInvoices: 40,
        overdueCents: 10_000_000,
        oldestOverdueDays: 120,
      }).score,
    ).toBe(0);
  });
});

describe("frequency", () => {
  // 73 orders in the year before the window → 18 expected per 90 days
  const frequency = (recentCount: number, baselineCount = 73) =>
    scoreFrequency(healthyInputs({ orders: { recentCount, baselineCount } }), settings);

  it("has no data with fewer than 4 earlier orders", () => {
    expect(frequency(5, 3)).toMatchObject({
      score: null,
      reason: {
        nl: "te weinig bestellingen vorig jaar om mee te vergelijken",
        en: "too few orders last year to compare with",
      },
    });
  });

  it("scores 80 when ordering as often as usual, and more when ordering more often", () => {
    expect(frequency(18)).toMatchObject({
      score: 80,
      reason: { nl: "bestelt even vaak als gewoonlijk", en: "orders as often as usual" },
    });
    expect(frequency(27)).toMatchObject({
      score: 100,
      reason: { nl: "bestelt 50 % vaker dan gewoonlijk", en: "orders 50% more often than usual" },
    });
  });

  it("scores a drop linearly between 10 % and 75 %", () => {
    // 10 / 18 − 1 = −44.4 % → (75 − 44.4) / 65 × 80 = 37.6
    expect(frequency(10)).toMatchObject({
      score: 38,
      reason: { nl: "bestelt 44 % minder vaak dan gewoonlijk", en: "orders 44% less often than usual" },
    });
    expect(frequency(4).score).toBe(0); // −78 %
  });

  it("says so when there were no orders at all", () => {
    expect(frequency(0)).toMatchObject({
      score: 0,
      reason: { nl: "geen bestellingen in 90 dagen (normaal 18)", en: "no orders in 90 days (usually 18)" },
    });
  });

  it("compares a young customer with its own months, not an assumed full year", () => {
    // First order 180 days ago: 90 days before the window hold 18 orders → 18 expected, not 18 × 90/365.
    const young = scoreFrequency(
      healthyInputs({ orders: { daysSinceFirstOrder: 180, recentCount: 18, baselineCount: 18 } }),
      settings,
    );
    expect(young.score).toBe(80);
    const tooYoung = scoreFrequency(
      healthyInputs({ orders: { daysSinceFirstOrder: 120, baselineCount: 8 } }),
      settings,
    );
    expect(tooYoung.score).toBeNull();
  });
});

describe("volume", () => {
  // € 36.500 over 365 days → € 9.000 expected per 90 days
  const volume = (recentRevenueCents: number, baselineCount = 73) =>
    scoreVolume(
      healthyInputs({ orders: { recentRevenueCents, baselineRevenueCents: 3_650_000, baselineCount } }),
      settings,
    );

  it("has no data without enough earlier orders or earlier revenue", () => {
    expect(volume(500_000, 2).score).toBeNull();
    expect(
      scoreVolume(healthyInputs({ orders: { baselineRevenueCents: 0, baselineCount: 10 } }), settings).reason
        .nl,
    ).toBe("te weinig omzet vorig jaar om mee te vergelijken");
  });

  it("reports a drop in revenue: −38 % vs usual", () => {
    expect(volume(558_000)).toMatchObject({
      score: 46, // (75 − 38) / 65 × 80
      reason: { nl: "omzet −38 % t.o.v. gewoonlijk", en: "revenue −38% vs usual" },
    });
  });

  it("scores steady revenue 80 and growing revenue higher", () => {
    expect(volume(900_000)).toMatchObject({
      score: 80,
      reason: { nl: "omzet zoals gewoonlijk", en: "revenue as usual" },
    });
    expect(volume(1_000_000)).toMatchObject({
      score: 84,
      reason: { nl: "omzet +11 % t.o.v. gewoonlijk", en: "revenue +11% vs usual" },
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

describe("recency (purchase rhythm)", () => {
  const rhythm = (pOrder: number, pOrderAtLastOrder: number) => ({
    pOrder,
    pOrderAtLastOrder,
    horizonDays: 90,
  });
  const recency = (orders: InputOverrides["orders"]) => scoreRecency(healthyInputs({ orders }), settings);

  it("has no data for a customer that never ordered", () => {
    expect(recency({ daysSinceLastOrder: null, daysSinceFirstOrder: null })).toMatchObject({
      score: null,
      reason: { nl: "nog nooit besteld", en: "has never ordered" },
    });
  });

  it("says the model's chance of a new order in words a sales person reads", () => {
    expect(
      recency({ daysSinceLastOrder: 74, typicalIntervalDays: 21, rhythm: rhythm(0.18, 0.85) }),
    ).toMatchObject({
      score: 18,
      reason: {
        nl: "laatste bestelling 74 dagen geleden, normaal elke 21 dagen — kans op een nieuwe bestelling binnen 90 dagen 18 % (was 85 %)",
        en: "last order 74 days ago, usually every 21 days — chance of a new order within 90 days 18% (was 85%)",
      },
    });
  });

  it("is continuous: a longer silence never scores higher", () => {
    const scores = [0.9, 0.7, 0.4, 0.1].map(
      (p, i) => recency({ daysSinceLastOrder: 10 + i * 30, rhythm: rhythm(p, 0.9) }).score ?? -1,
    );
    expect(scores).toMatchObject([90, 70, 40, 10]);
  });

  it("treats a one-time buyer as evidence, not missing data", () => {
    const result = recency({
      daysSinceLastOrder: 45,
      daysSinceFirstOrder: 45,
      repeatOrderDays: 0,
      typicalIntervalDays: null,
      rhythm: rhythm(0.4, 0.55),
    });
    expect(result.score).toBe(40);
    expect(result.reason.nl).toBe(
      "één bestelling, 45 dagen geleden — kans op een nieuwe bestelling binnen 90 dagen 40 % (was 55 %)",
    );
  });

  it("falls back to days against the usual interval when no model could be fitted", () => {
    // 74 / 21 = 3.52× → (4 − 3.52) / (4 − 1.5) × 100 = 19
    expect(recency({ daysSinceLastOrder: 74, typicalIntervalDays: 21, rhythm: null })).toMatchObject({
      score: 19,
      reason: {
        nl: "laatste bestelling 74 dagen geleden, normaal elke 21 dagen",
        en: "last order 74 days ago, usually every 21 days",
      },
    });
    expect(recency({ daysSinceLastOrder: 10, typicalIntervalDays: 2, rhythm: null }).score).toBe(100);
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

describe("French reasons (fr-BE)", () => {
  it("explains the rhythm, payment and frequency in French", () => {
    const inputs = healthyInputs({
      orders: {
        daysSinceLastOrder: 74,
        typicalIntervalDays: 21,
        recentCount: 10,
        rhythm: { pOrder: 0.18, pOrderAtLastOrder: 0.85, horizonDays: 90 },
      },
      payment: { recentAvgDaysLate: 18, baselineAvgDaysLate: 3 },
    });
    // French puts a narrow no-break space before "%": compare with plain spaces.
    const plain = (text: string) => text.replace(/\s/g, " ");
    expect(plain(scoreRecency(inputs, settings).reason.fr)).toBe(
      "dernière commande il y a 74 jours, normalement tous les 21 jours — probabilité d'une nouvelle commande dans les 90 jours 18 % (avant : 85 %)",
    );
    expect(scorePayment(inputs, settings).reason.fr).toBe(
      "paie en moyenne avec 18 jours de retard (avant : 3)",
    );
    expect(plain(scoreFrequency(inputs, settings).reason.fr)).toBe(
      "commande 16 % moins souvent que d'habitude",
    );
  });
});
