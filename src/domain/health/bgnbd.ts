/**
 * The BG/NBD repeat-buying model (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy Way").
 *
 * While active, a customer buys as a Poisson process with rate λ (gamma-distributed over customers,
 * shape r and rate α); after every repeat purchase it drops out with probability p (beta-distributed,
 * a and b). Per customer we only need x (repeat purchases: order days after the first), t_x (time of
 * the last purchase since the first) and T (time from the first purchase to the as-of date). Time is
 * in weeks, as in the paper.
 *
 * The four parameters are fitted by maximum likelihood over the company's whole book (log-parameters,
 * BFGS with the analytic gradient, warm-started from the last fit). Per customer the model then gives
 * the probability of at least one order in the next t weeks, aware of its own rate and its age: the
 * chance a sales person reads on the card.
 */
import { digamma, logGamma, minimizeBfgs } from "./special-functions.ts";

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/** One customer's purchase history in weeks. */
export interface RepeatHistory {
  /** Repeat purchases: distinct order days after the first one. */
  x: number;
  /** Weeks from the first to the last purchase (0 when x = 0). */
  tx: number;
  /** Weeks from the first purchase to the as-of date (≥ tx). */
  T: number;
}

export interface BgNbdFit {
  params: BgNbdParams;
  /** Mean log-likelihood per customer at the optimum. */
  meanLogLikelihood: number;
  customers: number;
  iterations: number;
}

/** A reasonable start when there is no earlier fit: weekly-ish buyers, modest drop-out. */
export const defaultBgNbdParams: BgNbdParams = { r: 0.5, alpha: 5, a: 0.5, b: 2 };

/** Log-parameters are kept in this range: beyond it the likelihood is flat and the numbers overflow. */
const LOG_BOUND = 12;

/**
 * The fit stops when the quasi-Newton step, the estimated distance to the optimum in log-parameters,
 * is below this in every coordinate: every parameter within about 1e-8 (relative) of the optimum. The
 * predictions need far less, but BFGS converges superlinearly: this costs one or two iterations more
 * than 1e-6 would, and cold and warm starts then agree to about 1e-8.
 */
const STEP_TOLERANCE = 1e-8;

/**
 * Maximum-likelihood fit. Deterministic for the same data and start. BFGS over the log-parameters with
 * the analytic gradient, warm-started from the previous day's fit, converges in about 7 likelihood
 * evaluations (a cold start in 10–30); Nelder–Mead took about 250 on a book of 20k and stopped up to
 * 5e-4 (relative) short of the optimum.
 */
export function fitBgNbd(
  histories: readonly RepeatHistory[],
  options: { start?: BgNbdParams; maxIterations?: number } = {},
): BgNbdFit {
  if (histories.length === 0) {
    return { params: options.start ?? defaultBgNbdParams, meanLogLikelihood: 0, customers: 0, iterations: 0 };
  }
  const likelihood = prepareLikelihoodAndGradient(histories);
  const n = histories.length;
  const natural = [0, 0, 0, 0];
  // The mean negative log-likelihood and its gradient with respect to the log-parameters.
  const objective = (logParams: number[], gradient: number[]) => {
    if (logParams.some((value) => Math.abs(value) > LOG_BOUND)) return Number.POSITIVE_INFINITY;
    const params = fromLog(logParams);
    const value = likelihood.evaluate(params, natural);
    gradient[0] = (-natural[0]! * params.r) / n;
    gradient[1] = (-natural[1]! * params.alpha) / n;
    gradient[2] = (-natural[2]! * params.a) / n;
    gradient[3] = (-natural[3]! * params.b) / n;
    return -value / n;
  };
  const start = toLog(options.start ?? defaultBgNbdParams).map((value) =>
    Math.min(LOG_BOUND, Math.max(-LOG_BOUND, value)),
  );
  const best = minimizeBfgs(objective, start, {
    maxIterations: options.maxIterations ?? 200,
    stepTolerance: STEP_TOLERANCE,
  });
  return {
    params: fromLog(best.point),
    meanLogLikelihood: -best.value,
    customers: n,
    iterations: best.iterations,
  };
}

/**
 * The total log-likelihood (eq. 6 of the paper) and its gradient: `evaluate` returns the
 * log-likelihood and writes ∂/∂r, ∂/∂α, ∂/∂a, ∂/∂b into `gradient`.
 *
 * Per customer, LL = A1 + A2 + log(e^A3 + [x > 0] e^A4) with
 *   A1 = lnΓ(r + x) − lnΓ(r) + r ln α,   A2 = lnΓ(a + b) + lnΓ(b + x) − lnΓ(b) − lnΓ(a + b + x),
 *   A3 = −(r + x) ln(α + T),             A4 = ln a − ln(b + x − 1) − (r + x) ln(α + t_x).
 * A1 and A2 (and their derivatives, with the digamma function ψ) depend on x alone and are taken once
 * per distinct x; one-time buyers (x = 0, LL = A1 + A3) once per distinct age. Only repeat buyers need a
 * row each: grouping identical (x, t_x, T) would save under 1% of them on simulated books.
 */
export function prepareLikelihoodAndGradient(histories: readonly RepeatHistory[]): {
  evaluate: (params: BgNbdParams, gradient: number[]) => number;
} {
  // Ages and last-purchase times are in weeks, built from whole days (days / 7): a book of 20k customers
  // has about a thousand distinct values of each, so log(α + T) and 1 / (α + T) are taken once per distinct value.
  const distinctTimes: number[] = [];
  const timeIndex = new Map<number, number>();
  const indexOfTime = (time: number) => {
    let index = timeIndex.get(time);
    if (index === undefined) {
      index = distinctTimes.push(time) - 1;
      timeIndex.set(time, index);
    }
    return index;
  };
  const distinctX: number[] = [];
  const xCounts: number[] = [];
  const xIndexOf = new Map<number, number>();
  // Typed columns of the repeat buyers (the loop below runs a few dozen times per fit), and the ages of
  // the one-time buyers.
  const n = histories.length;
  const xIndex = new Int32Array(n);
  const xs = new Float64Array(n);
  const txIndex = new Int32Array(n);
  const TIndex = new Int32Array(n);
  const oneTimeAge = new Int32Array(n);
  let m = 0;
  let oneTime = 0;
  for (const { x, tx, T } of histories) {
    let i = xIndexOf.get(x);
    if (i === undefined) {
      i = distinctX.push(x) - 1;
      xCounts.push(0);
      xIndexOf.set(x, i);
    }
    xCounts[i]! += 1;
    if (x === 0) {
      oneTimeAge[oneTime] = indexOfTime(T);
      oneTime += 1;
      continue;
    }
    xIndex[m] = i;
    xs[m] = x;
    txIndex[m] = indexOfTime(tx);
    TIndex[m] = indexOfTime(T);
    m += 1;
  }
  const count = Float64Array.from(xCounts);
  const times = Float64Array.from(distinctTimes);
  const logTimes = new Float64Array(times.length);
  const inverseTimes = new Float64Array(times.length);
  const oneTimeBuyers = new Float64Array(times.length);
  for (let i = 0; i < oneTime; i += 1) oneTimeBuyers[oneTimeAge[i]!]! += 1;
  const logBx1 = new Float64Array(distinctX.length);
  const inverseBx1 = new Float64Array(distinctX.length);
  const evaluate = ({ r, alpha, a, b }: BgNbdParams, gradient: number[]) => {
    const logAlpha = Math.log(alpha);
    const logA = Math.log(a);
    const lgR = logGamma(r);
    const lgAB = logGamma(a + b);
    const lgB = logGamma(b);
    const psiR = digamma(r);
    const psiAB = digamma(a + b);
    const psiB = digamma(b);
    for (let t = 0; t < times.length; t += 1) {
      const shifted = alpha + times[t]!;
      logTimes[t] = Math.log(shifted);
      inverseTimes[t] = 1 / shifted;
    }
    let total = 0;
    let dr = 0;
    let dAlpha = 0;
    let da = 0;
    let db = 0;
    // A1 + A2, once per distinct x.
    for (let i = 0; i < distinctX.length; i += 1) {
      const x = distinctX[i]!;
      const c = count[i]!;
      if (x === 0) {
        total += c * r * logAlpha;
        dr += c * logAlpha;
        dAlpha += (c * r) / alpha;
        continue;
      }
      const lgABX = logGamma(a + b + x);
      const psiABX = digamma(a + b + x);
      total += c * (logGamma(r + x) - lgR + r * logAlpha + lgAB + logGamma(b + x) - lgB - lgABX);
      dr += c * (digamma(r + x) - psiR + logAlpha);
      dAlpha += (c * r) / alpha;
      da += c * (psiAB - psiABX);
      db += c * (psiAB + digamma(b + x) - psiB - psiABX);
      logBx1[i] = Math.log(b + x - 1);
      inverseBx1[i] = 1 / (b + x - 1);
    }
    // One-time buyers: A3 only.
    for (let t = 0; t < times.length; t += 1) {
      const c = oneTimeBuyers[t]!;
      if (c === 0) continue;
      total -= c * r * logTimes[t]!;
      dr -= c * logTimes[t]!;
      dAlpha -= c * r * inverseTimes[t]!;
    }
    // Repeat buyers: log(e^A3 + e^A4) = max + log1p(e^(min − max)); w is e^A4's share of the sum.
    let sumW = 0;
    for (let i = 0; i < m; i += 1) {
      const rx = r + xs[i]!;
      const T = TIndex[i]!;
      const tx = txIndex[i]!;
      const a3 = -rx * logTimes[T]!;
      const a4 = logA - logBx1[xIndex[i]!]! - rx * logTimes[tx]!;
      let w: number;
      if (a4 > a3) {
        const e = Math.exp(a3 - a4);
        total += a4 + Math.log1p(e);
        w = 1 / (1 + e);
      } else {
        const e = Math.exp(a4 - a3);
        total += a3 + Math.log1p(e);
        w = e / (1 + e);
      }
      dr -= logTimes[T]! + w * (logTimes[tx]! - logTimes[T]!);
      dAlpha -= rx * (inverseTimes[T]! + w * (inverseTimes[tx]! - inverseTimes[T]!));
      sumW += w;
      db -= w * inverseBx1[xIndex[i]!]!;
    }
    da += sumW / a;
    gradient[0] = dr;
    gradient[1] = dAlpha;
    gradient[2] = da;
    gradient[3] = db;
    return total;
  };
  return { evaluate };
}

export interface RepeatPrediction {
  /** P(the customer is still active | history). */
  pAlive: number;
  /** P(at least one purchase in the next `horizonWeeks`). */
  pPurchase: number;
  /** Expected purchases per week while active: (r + x) / (α + T). */
  weeklyRate: number;
}

/**
 * The model's forecast for one customer. P(no purchase in (T, T + t]) =
 * (1 − P(alive)) + P(alive) · ((α + T) / (α + T + t))^(r + x): the probability of the labelled event,
 * not 1 − P(alive) (which is exactly 1 for every one-time buyer and so ranks them as the safest).
 */
export function predictRepeat(
  params: BgNbdParams,
  history: RepeatHistory,
  horizonWeeks: number,
): RepeatPrediction {
  const { r, alpha, a, b } = params;
  const { x, tx, T } = history;
  const logRatio = (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
  const deadOdds = x > 0 ? Math.exp(Math.log(a) - Math.log(b + x - 1) + logRatio) : 0;
  const pAlive = Number.isFinite(deadOdds) ? 1 / (1 + deadOdds) : 0;
  const pNoneIfAlive = Math.exp((r + x) * (Math.log(alpha + T) - Math.log(alpha + T + horizonWeeks)));
  const pNone = 1 - pAlive + pAlive * pNoneIfAlive;
  return { pAlive, pPurchase: clamp01(1 - pNone), weeklyRate: (r + x) / (alpha + T) };
}

export function historyInWeeks(days: {
  repeatDays: number;
  firstToLastDays: number;
  firstToAsOfDays: number;
}): RepeatHistory {
  return { x: days.repeatDays, tx: days.firstToLastDays / 7, T: days.firstToAsOfDays / 7 };
}

function toLog(params: BgNbdParams): number[] {
  return [Math.log(params.r), Math.log(params.alpha), Math.log(params.a), Math.log(params.b)];
}

function fromLog(values: number[]): BgNbdParams {
  const [r, alpha, a, b] = values.map(Math.exp) as [number, number, number, number];
  return { r, alpha, a, b };
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}
