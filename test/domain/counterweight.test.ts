import { describe, expect, it } from "vitest";
import type { HealthCalibration } from "../../src/domain/health/calibration.ts";
import { featureNames } from "../../src/domain/health/features.ts";
import { scoreHealth } from "../../src/domain/health/score.ts";
import { defaultHealthSettings } from "../../src/domain/health/settings.ts";
import { sentences } from "../support/reason-sentences.ts";
import { healthyInputs } from "./health-inputs.ts";

/**
 * A calibration where ordering often over the year protects strongly (level) and a drop against the
 * customer's own habit hurts (change), both for frequency; every other feature is neutral.
 */
function calibrationWith(levelCoefficient: number, changeCoefficient: number): HealthCalibration {
  const coefficients = featureNames.map((name) =>
    name === "frequency.logOrderDays365"
      ? levelCoefficient
      : name === "frequency.change"
        ? changeCoefficient
        : 0,
  );
  return {
    fittedOn: "2026-06-30",
    horizonDays: 90,
    trainingDates: ["2026-03-01"],
    rows: 1000,
    churners: 200,
    churnRate: 0.2,
    logistic: {
      featureNames: [...featureNames],
      // A typical customer orders on e^2.5 − 1 ≈ 11 days a year, as often as usual (change 0).
      means: featureNames.map((name) => (name === "frequency.logOrderDays365" ? 2.5 : 0)),
      sds: featureNames.map(() => 1),
      intercept: -1.4,
      coefficients,
    },
    bands: { healthyAtMost: 0.2, atRiskFrom: 0.5 },
  };
}

// A weekly buyer (52 order days in 12 months) whose orders fell by three quarters in the last 90 days.
const regularWhoseOrdersDropped = healthyInputs({
  orders: { recentCount: 3, baselineCount: 48, orderDays365: 52 },
});

function frequencyOf(calibration: HealthCalibration) {
  const result = scoreHealth(regularWhoseOrdersDropped, defaultHealthSettings, calibration);
  return result.signals.find((signal) => signal.key === "frequency")!;
}

describe("a signal whose points and sentence pull opposite ways names its counterweight", () => {
  it("the year's order days outweigh the drop: positive points, and the sentence says why", () => {
    const frequency = frequencyOf(calibrationWith(-1.0, -0.3));
    expect(frequency.points).toBeGreaterThan(0);
    expect(sentences(frequency.reason).nl).toMatch(
      /^bestelt \d+ % minder vaak dan gewoonlijk, maar zwaarder weegt: 52 besteldagen in 12 mnd$/,
    );
    expect(sentences(frequency.reason).en).toMatch(
      /less often than usual, but outweighed by 52 order days in 12 months$/,
    );
    expect(sentences(frequency.reason).fr).toMatch(/mais compensé par 52 jours de commande sur 12 mois$/);
  });

  it("when the drop weighs more, the points are negative and the sentence stays as it was", () => {
    const frequency = frequencyOf(calibrationWith(-0.1, -1.0));
    expect(frequency.points).toBeLessThan(0);
    expect(sentences(frequency.reason).nl).toMatch(/^bestelt \d+ % minder vaak dan gewoonlijk$/);
  });
});
