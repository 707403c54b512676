import { describe, expect, it } from "vitest";
import { fitBgNbd, predictRepeat, prepareLikelihood } from "../../src/domain/health/bgnbd.ts";
import { logGamma } from "../../src/domain/health/special-functions.ts";
import { simulateBgNbd } from "../support/simulate-bgnbd.ts";

describe("logGamma", () => {
  it("matches known values", () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    expect(logGamma(101)).toBeCloseTo(363.73937555556347, 9);
  });
});

describe("BG/NBD", () => {
  it("recovers the parameters of a book simulated by the model itself", () => {
    const truth = { r: 0.8, alpha: 6, a: 0.7, b: 3.5 };
    const histories = simulateBgNbd(truth, 8000, 42, (random) => 26 + random() * 52);
    const fit = fitBgNbd(histories);
    expect(fit.params.r).toBeGreaterThan(truth.r * 0.8);
    expect(fit.params.r).toBeLessThan(truth.r * 1.25);
    expect(fit.params.alpha).toBeGreaterThan(truth.alpha * 0.75);
    expect(fit.params.alpha).toBeLessThan(truth.alpha * 1.33);
    expect(fit.params.a).toBeGreaterThan(truth.a * 0.6);
    expect(fit.params.a).toBeLessThan(truth.a * 1.6);
    expect(fit.params.b).toBeGreaterThan(truth.b * 0.5);
    expect(fit.params.b).toBeLessThan(truth.b * 2);
    // The optimum is at least as likely as the truth.
    const likelihood = prepareLikelihood(histories);
    expect(likelihood(fit.params)).toBeGreaterThanOrEqual(likelihood(truth) - 1e-6);
  });

  it("gives the same fit when warm-started from it (deterministic, stable)", () => {
    const histories = simulateBgNbd({ r: 1.2, alpha: 4, a: 1.5, b: 5 }, 2000, 7, () => 40);
    const first = fitBgNbd(histories);
    const again = fitBgNbd(histories, { start: first.params });
    expect(again.params.r).toBeCloseTo(first.params.r, 2);
    expect(again.meanLogLikelihood).toBeCloseTo(first.meanLogLikelihood, 6);
  });

  it("ranks a regular buyer gone quiet as less likely to buy than one on its rhythm", () => {
    const params = { r: 0.8, alpha: 6, a: 0.7, b: 3.5 };
    const onRhythm = predictRepeat(params, { x: 20, tx: 49.5, T: 50 }, 13);
    const quiet = predictRepeat(params, { x: 20, tx: 30, T: 50 }, 13);
    expect(onRhythm.pPurchase).toBeGreaterThan(0.9);
    expect(quiet.pPurchase).toBeLessThan(0.3);
    expect(quiet.pAlive).toBeLessThan(onRhythm.pAlive);
  });

  it("treats a one-time buyer as evidence: the chance falls as the first order ages", () => {
    const params = { r: 0.8, alpha: 6, a: 0.7, b: 3.5 };
    const fresh = predictRepeat(params, { x: 0, tx: 0, T: 2 }, 13);
    const old = predictRepeat(params, { x: 0, tx: 0, T: 40 }, 13);
    expect(fresh.pAlive).toBe(1);
    expect(old.pPurchase).toBeLessThan(fresh.pPurchase);
  });
});
