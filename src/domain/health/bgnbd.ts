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
 * Nelder–Mead, warm-started from the last fit). Per customer the model then gives the probability of at
 * least one order in the next t weeks, aware of its own rate and its age: the chance a sales person
 * reads on the card.
 */
import { logGamma, nelderMead } from "./special-functions.ts";

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
 * Maximum-likelihood fit. Deterministic for the same data and start. Customers are grouped by x for the
 * terms that depend on x alone, so one likelihood evaluation costs a few logarithms per customer.
 */
export function fitBgNbd(
  histories: readonly RepeatHistory[],
  options: { start?: BgNbdParams; maxIterations?: number } = {},
): BgNbdFit {
  if (histories.length === 0) {
    return { params: options.start ?? defaultBgNbdParams, meanLogLikelihood: 0, customers: 0, iterations: 0 };
  }
  const likelihood = prepareLikelihood(histories);
  const start = options.start ?? defaultBgNbdParams;
  const objective = (logParams: number[]) => {
    if (logParams.some((value) => Math.abs(value) > LOG_BOUND)) return Number.MAX_VALUE;
    const value = -likelihood(fromLog(logParams));
    return Number.isFinite(value) ? value : Number.MAX_VALUE;
  };
  let best = nelderMead(objective, toLog(start), { maxIterations: options.maxIterations ?? 2000, step: 0.7 });
  // One restart from the optimum escapes the simplex collapsing early on a flat ridge.
  const restart = nelderMead(objective, best.point, {
    maxIterations: options.maxIterations ?? 2000,
    step: 0.2,
  });
  if (restart.value <= best.value) best = { ...restart, iterations: best.iterations + restart.iterations };
  return {
    params: fromLog(best.point),
    meanLogLikelihood: -best.value / histories.length,
    customers: histories.length,
    iterations: best.iterations,
  };
}

/** The total log-likelihood of the histories as a function of the parameters (eq. 6 of the paper). */
export function prepareLikelihood(histories: readonly RepeatHistory[]): (params: BgNbdParams) => number {
  const distinctX = [...new Set(histories.map((h) => h.x))].sort((p, q) => p - q);
  const indexOfX = new Map(distinctX.map((x, i) => [x, i]));
  const count = new Float64Array(distinctX.length);
  // Ages and last-purchase times come in days (weeks = days / 7): a book of 20k customers has about a
  // thousand distinct values of each, so log(α + T) and log(α + t_x) are taken once per distinct value.
  const distinctTimes = [...new Set(histories.flatMap((h) => [h.T, h.tx]))];
  const indexOfTime = new Map(distinctTimes.map((t, i) => [t, i]));
  const times = Float64Array.from(distinctTimes);
  const logTimes = new Float64Array(times.length);
  const n = histories.length;
  // Typed columns: the loop below runs a few hundred times per fit over every customer.
  const xIndex = new Int32Array(n);
  const xs = new Float64Array(n);
  const txIndex = new Int32Array(n);
  const TIndex = new Int32Array(n);
  histories.forEach((history, i) => {
    const index = indexOfX.get(history.x)!;
    xIndex[i] = index;
    count[index]! += 1;
    xs[i] = history.x;
    txIndex[i] = indexOfTime.get(history.tx)!;
    TIndex[i] = indexOfTime.get(history.T)!;
  });
  return ({ r, alpha, a, b }) => {
    const logAlpha = Math.log(alpha);
    const lgR = logGamma(r);
    const lgAB = logGamma(a + b);
    const lgB = logGamma(b);
    const logA = Math.log(a);
    for (let t = 0; t < times.length; t += 1) logTimes[t] = Math.log(alpha + times[t]!);
    // Terms that depend on x only, once per distinct x.
    const xTerms = new Float64Array(distinctX.length);
    const logBx1 = new Float64Array(distinctX.length);
    let total = 0;
    distinctX.forEach((x, i) => {
      const a1 = logGamma(r + x) - lgR + r * logAlpha;
      const a2 = lgAB + logGamma(b + x) - lgB - logGamma(a + b + x);
      xTerms[i] = a1 + a2;
      logBx1[i] = x > 0 ? Math.log(b + x - 1) : 0;
      total += count[i]! * xTerms[i]!;
    });
    for (let i = 0; i < n; i += 1) {
      const x = xs[i]!;
      const a3 = -(r + x) * logTimes[TIndex[i]!]!;
      if (x === 0) {
        total += a3;
        continue;
      }
      const a4 = logA - logBx1[xIndex[i]!]! - (r + x) * logTimes[txIndex[i]!]!;
      // log(e^a3 + e^a4) = max + log1p(e^(min − max)).
      total += a3 > a4 ? a3 + Math.log1p(Math.exp(a4 - a3)) : a4 + Math.log1p(Math.exp(a3 - a4));
    }
    return total;
  };
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
