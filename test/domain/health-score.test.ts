import { describe, expect, it } from "vitest";
import { bandFor, combineSignals, explainChange, scoreHealth, trend } from "../../src/domain/health/score.ts";
import { defaultHealthSettings as settings } from "../../src/domain/health/settings.ts";
import { type SignalKey, type SignalResult, signalKeys } from "../../src/domain/health/types.ts";
import { sentences } from "../support/reason-sentences.ts";
import { healthyInputs } from "./health-inputs.ts";

/** Signals with the default weights and the given sub-scores; unlisted signals have no data. */
function signals(scores: Partial<Record<SignalKey, number | null>>): SignalResult[] {
  return signalKeys.map((key) => ({
    key,
    score: scores[key] ?? null,
    weight: settings.weights[key],
    reason: { nl: `${key} nl`, en: `${key} en`, fr: `${key} fr` },
  }));
}

describe("bandFor", () => {
  it("puts 70 in healthy and 69 in attention", () => {
    expect(bandFor(70, settings)).toBe("HEALTHY");
    expect(bandFor(69, settings)).toBe("ATTENTION");
  });

  it("puts 40 in attention and 39 at risk", () => {
    expect(bandFor(40, settings)).toBe("ATTENTION");
    expect(bandFor(39, settings)).toBe("AT_RISK");
  });

  it("follows configured thresholds", () => {
    const bands = { bands: { healthy: 80, atRisk: 50 } };
    expect(bandFor(79, bands)).toBe("ATTENTION");
    expect(bandFor(49, bands)).toBe("AT_RISK");
  });
});

describe("combineSignals", () => {
  it("takes the weighted mean of the signals with data; confidence is their share of the weight", () => {
    // (20 × 40 + 15 × 80) / 35 = 57.14; weight with data 35 of 100
    const result = combineSignals(signals({ payment: 40, frequency: 80 }), settings);
    expect(result.score).toBe(57);
    expect(result.confidence).toBeCloseTo(0.35, 10);
    expect(result.band).toBe("ATTENTION");
  });

  it("does not let missing data lower the score", () => {
    const full = combineSignals(signals({ payment: 90, frequency: 90 }), settings);
    expect(full.score).toBe(90);
    expect(full.band).toBe("HEALTHY");
  });

  it("ignores signals with weight 0, in the score and in the confidence", () => {
    const scored = signals({ payment: 80, pulse: 0 }).map((signal) =>
      signal.key === "pulse" ? { ...signal, weight: 0 } : signal,
    );
    const result = combineSignals(scored, settings);
    expect(result.score).toBe(80);
    expect(result.confidence).toBeCloseTo(20 / 95, 10);
  });

  it("answers honestly without any data: neutral 55, attention, confidence 0", () => {
    const result = combineSignals(signals({}), settings);
    expect(result).toMatchObject({ score: 55, band: "ATTENTION", confidence: 0 });
    expect(result.signals).toHaveLength(8);
  });

  it("rounds the mean to an integer", () => {
    // (20 × 71 + 15 × 70) / 35 = 70.57
    expect(combineSignals(signals({ payment: 71, frequency: 70 }), settings).score).toBe(71);
  });
});

describe("scoreHealth", () => {
  it("scores a steady customer healthy with full confidence", () => {
    const result = scoreHealth(healthyInputs(), settings);
    // frequency and volume as usual (80, weight 15 each), pulse 8/10 (80, weight 5), the rest 100:
    // (65 × 100 + 35 × 80) / 100 = 93
    expect(result.score).toBe(93);
    expect(result.band).toBe("HEALTHY");
    expect(result.confidence).toBe(1);
    expect(result.model).toBe("weights");
    expect(result.signals.map((signal) => signal.key)).toEqual([...signalKeys]);
    expect(result.signals.find((signal) => signal.key === "pulse")).toMatchObject({
      key: "pulse",
      score: 80,
      weight: 5,
      points: -1,
      reason: { id: "pulse.answer", score: 8 },
    });
    const pulse = result.signals.find((signal) => signal.key === "pulse")!;
    expect(sentences(pulse.reason)).toMatchObject({
      nl: "accountmanager schat 8/10",
      en: "account manager rates 8/10",
    });
    // Points are measured from 100 and add up to the score.
    const points = result.signals.reduce((sum, signal) => sum + (signal.points ?? 0), 0);
    expect(100 + points).toBe(result.score);
  });

  it("turns a customer at risk when it pays late, orders less and complains", () => {
    const result = scoreHealth(
      healthyInputs({
        payment: { recentAvgDaysLate: 30, baselineAvgDaysLate: 3 },
        orders: {
          recentCount: 0,
          baselineCount: 73,
          recentRevenueCents: 0,
          daysSinceLastOrder: 120,
          typicalIntervalDays: 5,
        },
        nps: { latestScore: 3 },
        complaints: { recentCount: 4, last60Count: 4, openCount: 2 },
        pulse: { latestScore: null, answeredOn: null },
      }),
      settings,
    );
    // payment 11 (27 days worse than its habit of 3: (30 − 27) / 27), frequency 0, volume 0, recency 0
    // (120 / 5 days ≥ 4×), engagement 100, nps 14, complaints 0, pulse no data:
    // (20 × 11 + 10 × 100 + 10 × 14) / 95 = 14; no recent pulse, so confidence is 95 % of the weight.
    expect(result.score).toBe(14);
    expect(result.band).toBe("AT_RISK");
    expect(result.confidence).toBeCloseTo(0.95, 10);
  });

  it("uses configured weights", () => {
    const onlyPulse = {
      ...settings,
      weights: {
        ...settings.weights,
        payment: 0,
        frequency: 0,
        volume: 0,
        recency: 0,
        engagement: 0,
        nps: 0,
        complaints: 0,
      },
    };
    expect(scoreHealth(healthyInputs(), onlyPulse)).toMatchObject({
      score: 80,
      confidence: 1,
      band: "HEALTHY",
    });
  });
});

describe("trend", () => {
  it("compares with the score 30 days ago", () => {
    expect(trend(58, 72)).toEqual({ delta: -14, direction: "down" });
    expect(trend(72, 58)).toEqual({ delta: 14, direction: "up" });
  });

  it("calls small wobbles flat", () => {
    expect(trend(60, 58)).toEqual({ delta: 2, direction: "flat" });
    expect(trend(60, 57)).toEqual({ delta: 3, direction: "up" });
    expect(trend(60, 60, 0)).toEqual({ delta: 0, direction: "flat" });
  });

  it("is unknown without an earlier score", () => {
    expect(trend(60, null)).toEqual({ delta: null, direction: "unknown" });
  });
});

describe("explainChange", () => {
  const all = (overrides: Partial<Record<SignalKey, number | null>>) =>
    signals({
      payment: 100,
      frequency: 100,
      volume: 100,
      recency: 100,
      engagement: 100,
      nps: 100,
      complaints: 100,
      ...overrides,
    });

  it("attributes a drop to the signals that moved, biggest cost first", () => {
    const before = combineSignals(all({}), settings);
    const after = combineSignals(all({ frequency: 60, payment: 60, nps: 90 }), settings);
    expect(before.score).toBe(100);
    expect(after.score).toBe(84); // (9500 − 800 − 600 − 100) / 95 = 84.2
    const impacts = explainChange(before, after);
    expect(impacts.map((impact) => impact.key)).toEqual(["payment", "frequency", "nps"]);
    expect(impacts[0]).toMatchObject({
      key: "payment",
      before: 100,
      after: 60,
      reason: { nl: "payment nl" },
    });
    expect(impacts[0]!.points).toBeCloseTo((20 / 95) * -40, 10); // −8.4
    expect(impacts[1]!.points).toBeCloseTo((15 / 95) * -40, 10); // −6.3
    expect(impacts[2]!.points).toBeCloseTo((10 / 95) * -10, 10); // −1.1
    // with the same signals on both sides the points add up to the (unrounded) score change
    const total = impacts.reduce((sum, impact) => sum + impact.points, 0);
    expect(total).toBeCloseTo((9500 - 800 - 600 - 100) / 95 - 100, 10);
  });

  it("sorts gains and costs together by size", () => {
    const before = combineSignals(all({ payment: 50, complaints: 100 }), settings);
    const after = combineSignals(all({ payment: 80, complaints: 40 }), settings);
    const impacts = explainChange(before, after);
    expect(impacts.map((impact) => [impact.key, Math.round(impact.points * 10) / 10])).toEqual([
      ["payment", 6.3], // 20/95 × 30
      ["complaints", -6.3], // 10/95 × −60
    ]);
  });

  it("leaves out signals that did not move", () => {
    const result = combineSignals(all({}), settings);
    expect(explainChange(result, result)).toEqual([]);
  });

  it("measures a signal that gained data by how far it pulls the score from the others", () => {
    const before = combineSignals(all({}), settings);
    const after = combineSignals(all({ pulse: 20 }), settings);
    expect(after.score).toBe(96);
    const impacts = explainChange(before, after);
    expect(impacts).toHaveLength(1);
    expect(impacts[0]).toMatchObject({ key: "pulse", before: null, after: 20, reason: { en: "pulse en" } });
    expect(impacts[0]!.points).toBeCloseTo(-4, 10); // 5/100 × (20 − 100)
  });

  it("measures a signal that lost data the other way round", () => {
    const before = combineSignals(all({ pulse: 20 }), settings);
    const after = combineSignals(all({}), settings);
    const [impact] = explainChange(before, after);
    expect(impact).toMatchObject({ key: "pulse", before: 20, after: null });
    expect(impact!.points).toBeCloseTo(4, 10);
  });

  it("gives the only signal with data the whole change", () => {
    const before = combineSignals(signals({}), settings); // no data: neutral 55
    const after = combineSignals(signals({ payment: 30 }), settings);
    const [impact] = explainChange(before, after);
    expect(impact).toMatchObject({ key: "payment", before: null, after: 30, points: -25 });
  });
});

describe("the cases a newcomer met", () => {
  it("an invoice 236 days overdue is never 'healthy', however regular the buying", () => {
    const result = scoreHealth(
      healthyInputs({
        payment: { overdueInvoices: 1, overdueCents: 1_500_000, oldestOverdueDays: 236 },
      }),
      settings,
    );
    expect(result.signals.find((signal) => signal.key === "payment")?.score).toBe(20);
    expect(result.band).not.toBe("HEALTHY");
  });

  it("a new customer without any data gets no verdict: confidence 0, attention, not 100 'healthy'", () => {
    const result = scoreHealth(
      healthyInputs({
        orders: {
          daysSinceLastOrder: null,
          daysSinceFirstOrder: null,
          repeatOrderDays: 0,
          firstToLastDays: 0,
          recentCount: 0,
          baselineCount: 0,
          recentRevenueCents: 0,
          baselineRevenueCents: 0,
          orderDays365: 0,
          revenue365Cents: 0,
          typicalIntervalDays: null,
        },
        payment: {
          recentInvoices: 0,
          recentAvgDaysLate: null,
          baselineInvoices: 0,
          baselineAvgDaysLate: null,
        },
        engagement: {
          recentWeb: 0,
          baselineWeb: 0,
          recentNewsletter: 0,
          baselineNewsletter: 0,
          recentContact: 0,
          baselineContact: 0,
        },
        nps: { latestScore: null, latestAnsweredOn: null, previousScore: null },
        complaints: { recentCount: 0, last60Count: 0, openCount: 0, recentHighSeverity: 0 },
        pulse: { latestScore: null, answeredOn: null },
        customer: { ageDays: 10 },
        sources: { invoices: true, engagement: true, nps: true, complaints: false, pulses: true },
      }),
      settings,
    );
    expect(result.confidence).toBe(0);
    expect(result.band).toBe("ATTENTION");
    expect(result.score).toBeLessThan(100);
  });

  it("a new one-time buyer is uncertain, not the healthiest customer of the book", () => {
    const result = scoreHealth(
      healthyInputs({
        orders: {
          daysSinceLastOrder: 20,
          daysSinceFirstOrder: 20,
          repeatOrderDays: 0,
          firstToLastDays: 0,
          recentCount: 1,
          baselineCount: 0,
          recentRevenueCents: 50_000,
          baselineRevenueCents: 0,
          orderDays365: 1,
          revenue365Cents: 50_000,
          typicalIntervalDays: null,
          rhythm: { pOrder: 0.45, pOrderAtLastOrder: 0.5, horizonDays: 90 },
        },
        customer: { ageDays: 25 },
      }),
      settings,
    );
    expect(result.signals.find((signal) => signal.key === "recency")?.score).toBe(45);
    expect(result.confidence).toBeLessThan(0.5);
    expect(result.band).not.toBe("HEALTHY");
  });
});
