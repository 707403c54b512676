/**
 * The health score: 0..100, the chance in % that the customer still buys in the coming horizon.
 *
 * Two ways to combine the signals (settings `model`):
 * - calibrated (default, once the company's history allows a fit, see calibration.ts): a logistic model
 *   fitted on past as-of dates gives P(churn); score = 100 × (1 − P(churn)). Each signal's points are its
 *   share of the move from the typical customer's score (`baseScore`), so the card still explains itself:
 *   the points of all signals add up to score − baseScore.
 * - weights (the fallback for short histories, and the override): score = Σ weight × sub-score / Σ weight
 *   over the signals with data; points measured from 100.
 *
 * Confidence is the evidence behind the score: how much order history there is (full at 180 days) times
 * the share of the delivered sources that have data for this customer. Low confidence (< 0.5) keeps a
 * customer out of "healthy": little history is uncertainty, not health. So does a severe finding (any
 * signal below 25, such as an invoice months overdue): an average must not hide it. Without any data the score is
 * the middle of the attention band and confidence 0.
 */
import type { TrendDirection } from "../format.ts";
import type { HealthCalibration } from "./calibration.ts";
import { withCounterweight } from "./counterweight.ts";
import { extractFeatures, featureNames, featureSignals } from "./features.ts";
import { contributions } from "./logistic.ts";
import type { SignalReason } from "./reasons.ts";
import type { HealthSettings } from "./settings.ts";
import { type SignalScorer, signalScorers } from "./signals/index.ts";
import { sigmoid } from "./special-functions.ts";
import {
  type HealthBand,
  type HealthResult,
  type SignalInputs,
  type SignalKey,
  type SignalResult,
  type StoredReason,
  signalKeys,
} from "./types.ts";

/** A signal just scored: its reason is data, never an older snapshot's sentences. */
type FreshSignal = SignalResult & { reason: SignalReason };

/** For each feature (in `featureNames` order), the position of its signal in `signalKeys`. */
const featureSignalIndex = featureNames.map((name) => signalKeys.indexOf(featureSignals[name]));

/** Below this confidence a customer cannot be "healthy". */
export const MIN_HEALTHY_CONFIDENCE = 0.5;
/** A signal below this sub-score is a severe finding (an invoice months overdue) no average may hide. */
export const SEVERE_FINDING_BELOW = 25;
const FULL_HISTORY_DAYS = 180;

export function scoreHealth(
  inputs: SignalInputs,
  settings: HealthSettings,
  calibration: HealthCalibration | null = null,
): HealthResult {
  const signals = signalKeys.map((key): FreshSignal => {
    const { score, reason } = (signalScorers[key] as SignalScorer)(inputs, settings);
    return { key, score, weight: settings.weights[key], reason };
  });
  const confidence = evidence(inputs, signals);
  const result =
    calibration && settings.model === "calibrated"
      ? combineCalibrated(inputs, signals, settings, calibration)
      : combineSignals(signals, settings);
  if (result.confidence === 0) return { ...result, confidence: 0 };
  const severe = signals.some(
    (signal) => signal.score !== null && signal.weight > 0 && signal.score < SEVERE_FINDING_BELOW,
  );
  const band =
    result.band === "HEALTHY" && (confidence < MIN_HEALTHY_CONFIDENCE || severe) ? "ATTENTION" : result.band;
  return { ...result, band, confidence };
}

/** Order history coverage × share of the delivered sources' signals that have data. */
function evidence(inputs: SignalInputs, signals: SignalResult[]): number {
  const history = Math.min(1, (inputs.orders.daysSinceFirstOrder ?? 0) / FULL_HISTORY_DAYS);
  const { sources } = inputs;
  let relevantWeight = 0;
  let dataWeight = 0;
  for (const signal of signals) {
    if (signal.weight <= 0 || !isDelivered(signal.key, sources)) continue;
    relevantWeight += signal.weight;
    if (signal.score !== null) dataWeight += signal.weight;
  }
  const share = relevantWeight > 0 ? dataWeight / relevantWeight : 0;
  return Math.round(history * share * 100) / 100;
}

/** Whether the company delivered the source a signal reads (orders always count as delivered). */
function isDelivered(key: SignalKey, sources: SignalInputs["sources"]): boolean {
  switch (key) {
    case "payment":
      return sources.invoices;
    case "engagement":
      return sources.engagement;
    case "nps":
      return sources.nps;
    case "complaints":
      return sources.complaints;
    case "pulse":
      return sources.pulses;
    default:
      return true;
  }
}

function combineCalibrated(
  inputs: SignalInputs,
  signals: FreshSignal[],
  settings: HealthSettings,
  calibration: HealthCalibration,
): HealthResult {
  const { logistic } = calibration;
  const parts = contributions(logistic, extractFeatures(inputs, settings));
  let partsTotal = 0;
  for (const part of parts) partsTotal += part;
  const churnLogOdds = logistic.intercept + partsTotal;
  const churnProbability = sigmoid(churnLogOdds);
  // Stay log-odds now (u) and for a typical customer (u0); integrated-gradient points add up exactly.
  const u = -churnLogOdds;
  const u0 = -logistic.intercept;
  const slope =
    Math.abs(u - u0) > 1e-9 ? (sigmoid(u) - sigmoid(u0)) / (u - u0) : sigmoid(u0) * (1 - sigmoid(u0));
  // Points per feature and per signal, by position (signals come in `signalKeys` order).
  const perFeature = new Float64Array(featureNames.length);
  const perSignal = new Array<number>(signals.length).fill(0);
  for (let index = 0; index < featureNames.length; index += 1) {
    const featurePoints = -100 * slope * parts[index]!;
    perFeature[index] = featurePoints;
    perSignal[featureSignalIndex[index]!]! += featurePoints;
  }
  const score = Math.round(100 * (1 - churnProbability));
  const baseScore = Math.round(100 * sigmoid(u0));
  const points = roundToTotal(perSignal, score - baseScore);
  const band: HealthBand =
    churnProbability >= calibration.bands.atRiskFrom
      ? "AT_RISK"
      : churnProbability <= calibration.bands.healthyAtMost
        ? "HEALTHY"
        : "ATTENTION";
  return {
    score,
    band,
    confidence: 1,
    churnProbability,
    baseScore,
    model: "calibrated",
    // Written out rather than spread ({ ...signal }): the spread cost more than the rest of the
    // combination at 20k customers. Same keys in the same order.
    signals: signals.map((signal, index) => ({
      key: signal.key,
      score: signal.score,
      weight: signal.weight,
      reason: withCounterweight(signal.key, signal.reason, points[index]!, perFeature, inputs),
      points: points[index]!,
    })),
  };
}

/**
 * The configured-weights model: the weighted mean over already scored signals (exported for tests).
 * Points: weight share × (sub-score − 100), so they add up to score − 100.
 */
export function combineSignals(
  signals: SignalResult[],
  settings: Pick<HealthSettings, "bands">,
): HealthResult {
  const totalWeight = signals.reduce((sum, signal) => sum + signal.weight, 0);
  const counted = countedSignals(signals);
  const dataWeight = counted.reduce((sum, signal) => sum + signal.weight, 0);
  if (dataWeight === 0) {
    const score = noDataScore(settings);
    return {
      score,
      band: "ATTENTION",
      confidence: 0,
      signals: signals.map((signal) => ({ ...signal, points: null })),
      churnProbability: 1 - score / 100,
      baseScore: 100,
      model: "weights",
    };
  }
  const exact = weightedMean(counted);
  const score = Math.round(exact);
  const rawPoints = signals.map((signal) =>
    signal.score !== null && signal.weight > 0 ? (signal.weight / dataWeight) * (signal.score - 100) : 0,
  );
  const points = roundToTotal(rawPoints, score - 100);
  return {
    score,
    band: bandFor(score, settings),
    confidence: dataWeight / totalWeight,
    signals: signals.map((signal, index) => ({
      key: signal.key,
      score: signal.score,
      weight: signal.weight,
      reason: signal.reason,
      points: signal.score !== null && signal.weight > 0 ? points[index]! : null,
    })),
    churnProbability: 1 - exact / 100,
    baseScore: 100,
    model: "weights",
  };
}

/** Rounds each value so that the rounded values add up to `total` (largest remainder). */
export function roundToTotal(values: number[], total: number): number[] {
  const n = values.length;
  const result = new Array<number>(n);
  const remainders = new Array<number>(n);
  let missing = total;
  for (let i = 0; i < n; i += 1) {
    const floor = Math.floor(values[i]!);
    result[i] = floor;
    remainders[i] = values[i]! - floor;
    missing -= floor;
  }
  if (missing === 0) return result;
  // Largest remainders first (ties by position) get the missing units; a surplus comes off the
  // smallest. Indices only, no objects: this runs once per customer per scoring run.
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => remainders[b]! - remainders[a]! || a - b,
  );
  for (let i = 0; missing > 0 && i < n; i += 1, missing -= 1) result[order[i]!]! += 1;
  for (let i = n - 1; missing < 0 && i >= 0; i -= 1, missing += 1) result[order[i]!]! -= 1;
  return result;
}

/** ≥ healthy (70) HEALTHY, < atRisk (40) AT_RISK, else ATTENTION. */
export function bandFor(score: number, settings: Pick<HealthSettings, "bands">): HealthBand {
  if (score >= settings.bands.healthy) return "HEALTHY";
  if (score < settings.bands.atRisk) return "AT_RISK";
  return "ATTENTION";
}

export interface Trend {
  /** now − then in points; null without an earlier score. */
  delta: number | null;
  direction: TrendDirection;
}

/**
 * Direction of the score over (usually) 30 days. Moves within ±flatWithin points (default 2) are
 * "flat": daily rescoring wobbles by a point or two and an arrow should mean something.
 */
export function trend(now: number, thirtyDaysAgo: number | null, flatWithin = 2): Trend {
  if (thirtyDaysAgo === null) return { delta: null, direction: "unknown" };
  const delta = now - thirtyDaysAgo;
  if (Math.abs(delta) <= flatWithin) return { delta, direction: "flat" };
  return { delta, direction: delta > 0 ? "up" : "down" };
}

export interface SignalImpact {
  key: SignalKey;
  before: number | null;
  after: number | null;
  /** Points this signal moved the weighted score (negative = cost), full precision; round when showing. */
  points: number;
  /** The current reason (the earlier one when the signal lost its data). */
  reason: StoredReason;
}

/**
 * Which signals moved between two results and what each did to the score, biggest impact first.
 *
 * - Sub-score changed: points = weight share × sub-score delta, with the share taken in `after`
 *   (weight / Σ weights with data). When the same signals have data on both sides the points add up
 *   exactly to the unrounded score change.
 * - Signal gained data: points = weight share in `after` × (its sub-score − mean of the others),
 *   i.e. how much including it pulled the score; lost data: the same on the `before` side, negated.
 *   If it is the only signal with data on that side, it gets the whole score change.
 * Signals whose counted sub-score did not change are left out.
 */
export function explainChange(before: HealthResult, after: HealthResult): SignalImpact[] {
  const impacts: SignalImpact[] = [];
  for (const key of signalKeys) {
    const was = before.signals.find((signal) => signal.key === key);
    const now = after.signals.find((signal) => signal.key === key);
    const beforeScore = countedScore(was);
    const afterScore = countedScore(now);
    if (beforeScore === afterScore) continue;
    let points: number;
    if (beforeScore !== null && afterScore !== null) {
      points = weightShare(now!, after.signals) * (afterScore - beforeScore);
    } else if (afterScore !== null) {
      points = inclusionEffect(now!, after.signals) ?? after.score - before.score;
    } else {
      points = -(inclusionEffect(was!, before.signals) ?? before.score - after.score);
    }
    impacts.push({ key, before: beforeScore, after: afterScore, points, reason: (now ?? was)!.reason });
  }
  return impacts.sort((a, b) => Math.abs(b.points) - Math.abs(a.points));
}

function noDataScore(settings: Pick<HealthSettings, "bands">): number {
  return Math.round((settings.bands.healthy + settings.bands.atRisk) / 2);
}

type CountedSignal = SignalResult & { score: number };

function countedSignals(signals: SignalResult[]): CountedSignal[] {
  return signals.filter((signal): signal is CountedSignal => signal.score !== null && signal.weight > 0);
}

function countedScore(signal: SignalResult | undefined): number | null {
  return signal && signal.score !== null && signal.weight > 0 ? signal.score : null;
}

function weightedMean(signals: CountedSignal[]): number {
  const weight = signals.reduce((sum, signal) => sum + signal.weight, 0);
  return signals.reduce((sum, signal) => sum + signal.weight * signal.score, 0) / weight;
}

function weightShare(signal: SignalResult, all: SignalResult[]): number {
  const dataWeight = countedSignals(all).reduce((sum, other) => sum + other.weight, 0);
  return signal.weight / dataWeight;
}

/** How far including `signal` pulls the weighted mean of the others; null when there are no others. */
function inclusionEffect(signal: SignalResult, all: SignalResult[]): number | null {
  const others = countedSignals(all).filter((other) => other.key !== signal.key);
  if (others.length === 0) return null;
  return weightShare(signal, all) * (signal.score! - weightedMean(others));
}
