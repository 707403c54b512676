import { describe, expect, it } from "vitest";
import { fitCalibration } from "../../src/domain/health/calibration.ts";
import { featureIndex, featureNames } from "../../src/domain/health/features.ts";
import { fitLogistic, type LogisticModel } from "../../src/domain/health/logistic.ts";
import { sigmoid } from "../../src/domain/health/special-functions.ts";
import { seededRandom } from "../support/simulate-bgnbd.ts";

/** A coefficient per unit of the raw feature (the model keeps them per standard deviation). */
const rawCoefficient = (model: LogisticModel, j: number) => model.coefficients[j]! / model.sds[j]!;

/** Rows of [signal, noise] whose churn log-odds are −0.5 − 2 × signal: the data says −2, not −1. */
function book(rows: number, seed: number) {
  const random = seededRandom(seed);
  const features: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < rows; i += 1) {
    const signal = 4 * random() - 2;
    features.push([signal, random()]);
    labels.push(random() < sigmoid(-0.5 - 2 * signal) ? 1 : 0);
  }
  return { features, labels };
}

describe("fitLogistic with a prior", () => {
  const { features, labels } = book(4000, 11);

  it("gives the prior's coefficients under a strong penalty, and the data's under a weak one", () => {
    const prior = [-1, 0];
    const strong = fitLogistic(["signal", "noise"], features, labels, { lambda: 1e4, prior });
    expect(rawCoefficient(strong, 0)).toBeCloseTo(-1, 2);
    expect(rawCoefficient(strong, 1)).toBeCloseTo(0, 2);
    const weak = fitLogistic(["signal", "noise"], features, labels, { lambda: 1e-6, prior });
    const unpulled = fitLogistic(["signal", "noise"], features, labels, { lambda: 1e-6 });
    expect(rawCoefficient(weak, 0)).toBeCloseTo(rawCoefficient(unpulled, 0), 3);
    expect(rawCoefficient(weak, 0)).toBeGreaterThan(-2.3);
    expect(rawCoefficient(weak, 0)).toBeLessThan(-1.7);
  });

  it("pulls to 0 without one (a strong penalty then leaves only the base rate)", () => {
    const strong = fitLogistic(["signal", "noise"], features, labels, { lambda: 1e4 });
    expect(rawCoefficient(strong, 0)).toBeCloseTo(0, 2);
  });
});

describe("fitCalibration", () => {
  it("starts from the repeat-buying model's forecast: −1 per unit of logit P(order) under a strong penalty", () => {
    const random = seededRandom(5);
    const rows: Float64Array[] = [];
    const labels: number[] = [];
    for (let i = 0; i < 600; i += 1) {
      const row = new Float64Array(featureNames.length);
      for (let j = 0; j < row.length; j += 1) row[j] = random();
      const logitOrder = 6 * random() - 3;
      row[featureIndex["rhythm.logitOrder"]] = logitOrder;
      rows.push(row);
      labels.push(random() < sigmoid(-logitOrder) ? 1 : 0);
    }
    const options = {
      fittedOn: "2026-11-01",
      horizonDays: 90,
      trainingDates: ["2026-08-03"],
      features: rows,
      labels,
      customers: rows.length,
      lambda: 1e4,
    };
    const calibration = fitCalibration(options);
    expect(calibration).not.toBeNull();
    const logistic = calibration!.logistic;
    // The same rows from fewer than 100 customers are too thin to fit: the configured weights are used.
    expect(fitCalibration({ ...options, customers: 99 })).toBeNull();
    expect(rawCoefficient(logistic, featureIndex["rhythm.logitOrder"])).toBeCloseTo(-1, 2);
    for (const [j, name] of featureNames.entries()) {
      if (name !== "rhythm.logitOrder") expect(Math.abs(rawCoefficient(logistic, j))).toBeLessThan(0.01);
    }
  });
});
