import { describe, expect, it } from "vitest";
import {
  type BgNbdParams,
  defaultBgNbdParams,
  fitBgNbd,
  predictRepeat,
  prepareLikelihoodAndGradient,
  type RepeatHistory,
} from "../../src/domain/health/bgnbd.ts";
import { digamma, logGamma, minimizeBfgs } from "../../src/domain/health/special-functions.ts";
import { simulateBgNbd } from "../support/simulate-bgnbd.ts";

const EULER_GAMMA = 0.5772156649015329;
const names = ["r", "alpha", "a", "b"] as const;

/**
 * ln Γ(x) for x > 0 for the reference likelihood below, deliberately not the project's Lanczos
 * `logGamma`: a shared mistake there would otherwise pass unseen. Shifted up with
 * ln Γ(x) = ln Γ(x + 1) − ln x until the argument is at least 15, then Stirling's series (its next
 * term, 691 / (360360 z¹¹), is below 3e-16 there).
 */
function referenceLogGamma(x: number): number {
  let z = x;
  let shift = 0;
  while (z < 15) {
    shift += Math.log(z);
    z += 1;
  }
  const inverse = 1 / z;
  const inverse2 = inverse * inverse;
  const series =
    inverse *
    (1 / 12 - inverse2 * (1 / 360 - inverse2 * (1 / 1260 - inverse2 * (1 / 1680 - inverse2 / 1188))));
  return (z - 0.5) * Math.log(z) - z + 0.5 * Math.log(2 * Math.PI) + series - shift;
}

function referenceLogBeta(p: number, q: number): number {
  return referenceLogGamma(p) + referenceLogGamma(q) - referenceLogGamma(p + q);
}

/**
 * The total log-likelihood (not negated, natural parameters, one term per history, times in weeks as
 * in `RepeatHistory`), written straight from eq. 6 of Fader, Hardie & Lee (2005):
 *   L = B(a, b + x) / B(a, b) · Γ(r + x) α^r / (Γ(r) (α + T)^(r + x))
 *     + δ_{x>0} · B(a + 1, b + x − 1) / B(a, b) · Γ(r + x) α^r / (Γ(r) (α + t_x)^(r + x)).
 * None of the project's simplifications (the beta ratio as a / (b + x − 1), grouping by x or by age),
 * so that a slip in them shows as a difference.
 */
function referenceLogLikelihood(histories: readonly RepeatHistory[], params: BgNbdParams): number {
  const { r, alpha, a, b } = params;
  let total = 0;
  for (const { x, tx, T } of histories) {
    // ln(Γ(r + x) α^r / Γ(r)), shared by both terms.
    const logRatePart = referenceLogGamma(r + x) + r * Math.log(alpha) - referenceLogGamma(r);
    const logStillActive =
      referenceLogBeta(a, b + x) - referenceLogBeta(a, b) + logRatePart - (r + x) * Math.log(alpha + T);
    if (x === 0) {
      total += logStillActive;
      continue;
    }
    const logDroppedAtLastPurchase =
      referenceLogBeta(a + 1, b + x - 1) -
      referenceLogBeta(a, b) +
      logRatePart -
      (r + x) * Math.log(alpha + tx);
    // ln(e^u + e^v) taken in logs: for a long history either term alone can overflow (or underflow) a double.
    const larger = Math.max(logStillActive, logDroppedAtLastPurchase);
    const smaller = Math.min(logStillActive, logDroppedAtLastPurchase);
    total += larger + Math.log1p(Math.exp(smaller - larger));
  }
  return total;
}

function relativeDifference(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

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
    expect(referenceLogLikelihood(histories, fit.params)).toBeGreaterThanOrEqual(
      referenceLogLikelihood(histories, truth) - 1e-6,
    );
  });

  // Rows a simulated book does not produce: a purchase on the as-of date (t_x = T), identical histories
  // (the project groups them), a one-day-old one-time buyer and a long history.
  const edgeHistories: RepeatHistory[] = [
    { x: 0, tx: 0, T: 1 / 7 },
    { x: 0, tx: 0, T: 52 },
    { x: 0, tx: 0, T: 52 },
    { x: 1, tx: 3, T: 3 },
    { x: 12, tx: 40, T: 40 },
    { x: 12, tx: 40, T: 40 },
    { x: 1, tx: 0.5, T: 80 },
    { x: 60, tx: 100, T: 104 },
  ];
  // A simulated book (one-time and repeat buyers, ages in whole days) with those rows added.
  const likelihoodBook = (): RepeatHistory[] => [
    ...simulateBgNbd(
      { r: 0.6, alpha: 4, a: 0.8, b: 2.5 },
      3000,
      11,
      (random) => Math.round(4 + random() * 140) / 7,
    ),
    ...edgeHistories,
  ];
  const likelihoodPoints: BgNbdParams[] = [
    { r: 0.6, alpha: 4, a: 0.8, b: 2.5 },
    { r: 0.05, alpha: 40, a: 3, b: 0.3 },
    { r: 3, alpha: 0.5, a: 0.02, b: 60 },
    { r: 12, alpha: 0.05, a: 40, b: 1.1 },
  ];

  it("has the log-likelihood of eq. 6 of the paper (against a row-by-row reference)", () => {
    const book = likelihoodBook();
    expect(book.some((h) => h.x === 0)).toBe(true);
    expect(book.some((h) => h.x > 0 && h.tx < h.T)).toBe(true);
    const scratchGradient = [0, 0, 0, 0];
    for (const params of likelihoodPoints) {
      for (const history of edgeHistories) {
        const value = prepareLikelihoodAndGradient([history]).evaluate(params, scratchGradient);
        const reference = referenceLogLikelihood([history], params);
        expect(relativeDifference(value, reference), JSON.stringify({ params, history })).toBeLessThan(1e-9);
      }
      const value = prepareLikelihoodAndGradient(book).evaluate(params, scratchGradient);
      const reference = referenceLogLikelihood(book, params);
      expect(relativeDifference(value, reference), JSON.stringify(params)).toBeLessThan(1e-9);
    }
  });

  it("has the gradient of that log-likelihood (against central differences of the reference)", () => {
    const book = likelihoodBook();
    const { evaluate } = prepareLikelihoodAndGradient(book);
    for (const params of likelihoodPoints) {
      const gradient = [0, 0, 0, 0];
      evaluate(params, gradient);
      names.forEach((name, i) => {
        const h = 1e-5 * params[name];
        const up = referenceLogLikelihood(book, { ...params, [name]: params[name] + h });
        const down = referenceLogLikelihood(book, { ...params, [name]: params[name] - h });
        const numeric = (up - down) / (2 * h);
        expect(Math.abs(gradient[i]! - numeric), `∂/∂${name} at ${JSON.stringify(params)}`).toBeLessThan(
          1e-6 * (Math.abs(numeric) + book.length),
        );
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
