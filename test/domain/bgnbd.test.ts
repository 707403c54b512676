import { describe, expect, it } from "vitest";
import {
  type BgNbdParams,
  defaultBgNbdParams,
  fitBgNbd,
  predictRepeat,
  prepareLikelihood,
  prepareLikelihoodAndGradient,
} from "../../src/domain/health/bgnbd.ts";
import { digamma, logGamma, minimizeBfgs } from "../../src/domain/health/special-functions.ts";
import { simulateBgNbd } from "../support/simulate-bgnbd.ts";

const EULER_GAMMA = 0.5772156649015329;
const names = ["r", "alpha", "a", "b"] as const;

describe("logGamma", () => {
  it("matches known values", () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    expect(logGamma(101)).toBeCloseTo(363.73937555556347, 9);
  });
});

describe("digamma", () => {
  it("matches known values", () => {
    expect(digamma(1)).toBeCloseTo(-EULER_GAMMA, 13);
    expect(digamma(0.5)).toBeCloseTo(-EULER_GAMMA - 2 * Math.log(2), 13);
    // ψ(n + 1) = H_n − γ.
    let harmonic = 0;
    for (let k = 1; k <= 30; k += 1) harmonic += 1 / k;
    expect(digamma(31)).toBeCloseTo(harmonic - EULER_GAMMA, 13);
    // ψ(x) = −1/x − γ + (π²/6) x + O(x²) near 0.
    expect(digamma(1e-6)).toBeCloseTo(-1e6 - EULER_GAMMA + (Math.PI ** 2 / 6) * 1e-6, 8);
    expect(digamma(0)).toBeNaN();
  });

  it("is the derivative of logGamma", () => {
    for (const x of [0.003, 0.4, 2.5, 9.99, 10.01, 57, 1234.5]) {
      const h = 1e-5 * Math.max(x, 0.01);
      const slope = (logGamma(x + h) - logGamma(x - h)) / (2 * h);
      expect(digamma(x)).toBeCloseTo(slope, 5);
    }
  });
});

describe("minimizeBfgs", () => {
  it("stops at the domain's edge when the optimum lies beyond it", () => {
    // f = e^(−x) + y² is smallest as x → ∞; beyond x = 3 it is undefined (the fit's LOG_BOUND).
    const edge = ([x, y]: number[], gradient: number[]) => {
      if (x! > 3) return Number.POSITIVE_INFINITY;
      gradient[0] = -Math.exp(-x!);
      gradient[1] = 2 * y!;
      return Math.exp(-x!) + y! * y!;
    };
    const result = minimizeBfgs(edge, [0, 1]);
    expect(result.point[0]).toBeCloseTo(3, 5);
    // Stopped by the step, not by the 200-iteration cap; the free coordinate is near its optimum.
    expect(result.point[1]).toBeCloseTo(0, 2);
    expect(result.iterations).toBeLessThan(200);
  });

  it("finds the minimum of the Rosenbrock valley", () => {
    const rosenbrock = ([x, y]: number[], gradient: number[]) => {
      gradient[0] = -2 * (1 - x!) - 400 * x! * (y! - x! * x!);
      gradient[1] = 200 * (y! - x! * x!);
      return (1 - x!) ** 2 + 100 * (y! - x! * x!) ** 2;
    };
    const result = minimizeBfgs(rosenbrock, [-1.2, 1]);
    expect(result.point[0]).toBeCloseTo(1, 6);
    expect(result.point[1]).toBeCloseTo(1, 6);
    expect(result.iterations).toBeLessThan(100);
  });

  it("starts from the curvature at the start: a quadratic takes one step", () => {
    // f = ½ xᵀ A x − bᵀ x with A positive definite and far from the identity.
    const A = [
      [50, 7, 0],
      [7, 2, 0.5],
      [0, 0.5, 1],
    ];
    const b = [1, -2, 3];
    const quadratic = (x: number[], gradient: number[]) => {
      let value = 0;
      for (let i = 0; i < 3; i += 1) {
        gradient[i] = A[i]!.reduce((sum, a, j) => sum + a * x[j]!, 0) - b[i]!;
        value += 0.5 * x[i]! * (gradient[i]! - b[i]!);
      }
      return value;
    };
    const result = minimizeBfgs(quadratic, [0, 0, 0], { maxStep: 1000 });
    const gradient = [0, 0, 0];
    quadratic(result.point, gradient);
    for (const g of gradient) expect(Math.abs(g)).toBeLessThan(1e-6);
    expect(result.iterations).toBeLessThanOrEqual(2);
  });

  it("backs away from points outside the domain", () => {
    // (x − 3)² for x ≤ 2 only (non-finite beyond): the minimum is the edge.
    const result = minimizeBfgs(
      ([x], gradient) => {
        gradient[0] = 2 * (x! - 3);
        return x! > 2 ? Number.POSITIVE_INFINITY : (x! - 3) ** 2;
      },
      [0],
    );
    expect(result.point[0]).toBeGreaterThan(1.99);
    expect(result.point[0]).toBeLessThanOrEqual(2);
    expect(result.value).toBeCloseTo(1, 1);
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

  it("has the gradient of its likelihood (against central differences)", () => {
    const histories = simulateBgNbd(
      { r: 0.6, alpha: 4, a: 0.8, b: 2.5 },
      3000,
      11,
      (random) => Math.round(4 + random() * 140) / 7,
    );
    expect(histories.some((h) => h.x === 0)).toBe(true);
    const { evaluate } = prepareLikelihoodAndGradient(histories);
    const likelihood = prepareLikelihood(histories);
    for (const params of [
      { r: 0.6, alpha: 4, a: 0.8, b: 2.5 },
      { r: 0.05, alpha: 40, a: 3, b: 0.3 },
      { r: 3, alpha: 0.5, a: 0.02, b: 60 },
    ]) {
      const gradient = [0, 0, 0, 0];
      expect(evaluate(params, gradient)).toBe(likelihood(params));
      names.forEach((name, i) => {
        const h = 1e-6 * params[name];
        const up = likelihood({ ...params, [name]: params[name] + h });
        const down = likelihood({ ...params, [name]: params[name] - h });
        const numeric = (up - down) / (2 * h);
        expect(Math.abs(gradient[i]! - numeric)).toBeLessThan(1e-5 * (Math.abs(numeric) + histories.length));
      });
    }
  });

  it("reaches the same optimum from a cold start, the truth, and a perturbed earlier fit", () => {
    const truth = { r: 0.6, alpha: 3.5, a: 0.6, b: 2.5 };
    const histories = simulateBgNbd(truth, 6000, 3, (random) => Math.round(30 + random() * 970) / 7);
    const cold = fitBgNbd(histories);
    const starts: BgNbdParams[] = [
      truth,
      {
        r: cold.params.r * 1.1,
        alpha: cold.params.alpha * 0.92,
        a: cold.params.a * 1.08,
        b: cold.params.b * 0.9,
      },
      { r: 5, alpha: 0.2, a: 8, b: 0.1 },
    ];
    for (const start of starts) {
      const warm = fitBgNbd(histories, { start });
      for (const name of names) expect(warm.params[name] / cold.params[name]).toBeCloseTo(1, 6);
      expect(warm.meanLogLikelihood).toBeCloseTo(cold.meanLogLikelihood, 9);
    }
    // A stationary point of the likelihood in the log-parameters.
    const gradient = [0, 0, 0, 0];
    prepareLikelihoodAndGradient(histories).evaluate(cold.params, gradient);
    names.forEach((name, i) => {
      expect(Math.abs((gradient[i]! * cold.params[name]) / histories.length)).toBeLessThan(1e-7);
    });
    // Deterministic: the same data and start give the same numbers.
    expect(fitBgNbd(histories)).toEqual(cold);
  });

  it("converges in a few steps from a nearby earlier fit, as the daily warm start is", () => {
    const histories = simulateBgNbd(
      { r: 0.6, alpha: 3.5, a: 0.6, b: 2.5 },
      4000,
      8,
      (random) => Math.round(30 + random() * 970) / 7,
    );
    const cold = fitBgNbd(histories);
    const nearby = {
      r: cold.params.r * 1.02,
      alpha: cold.params.alpha * 0.98,
      a: cold.params.a,
      b: cold.params.b * 1.03,
    };
    const warm = fitBgNbd(histories, { start: nearby });
    expect(warm.iterations).toBeLessThanOrEqual(5);
    for (const name of names) expect(warm.params[name] / cold.params[name]).toBeCloseTo(1, 6);
  });

  it("keeps the parameters in range from a start far outside it", () => {
    const histories = simulateBgNbd(
      { r: 0.8, alpha: 6, a: 0.7, b: 3.5 },
      2000,
      5,
      (random) => 26 + random() * 52,
    );
    const near = fitBgNbd(histories);
    const far = fitBgNbd(histories, { start: { r: 1e-7, alpha: 1e8, a: 1e6, b: 1e-6 } });
    for (const name of names) expect(far.params[name] / near.params[name]).toBeCloseTo(1, 5);
    // With an empty book the start is the answer.
    expect(fitBgNbd([], { start: defaultBgNbdParams }).params).toEqual(defaultBgNbdParams);
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
