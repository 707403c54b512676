/**
 * The health score: a transparent weighted mean of the signals that have data.
 *
 * - score = Σ weight × sub-score / Σ weight, over signals with data and weight > 0, rounded.
 * - confidence = Σ weight with data / Σ all weights (0..1): missing data lowers confidence, never the score.
 * - No signal with data at all: we know nothing, so we claim nothing. The score is the middle of the
 *   attention band (55 with the default 40/70 bands), the band is ATTENTION ("look at this customer")
 *   and confidence is 0. A neutral score keeps averages and at-risk alerts from reacting to an empty
 *   import; renderers should show "no data" instead of the number whenever confidence is 0.
 */
import type { TrendDirection } from "../format.ts";
import type { HealthSettings } from "./settings.ts";
import { signalScorers } from "./signals/index.ts";
import {
  type HealthBand,
  type HealthResult,
  type LocalizedText,
  type SignalInputs,
  type SignalKey,
  type SignalResult,
  signalKeys,
} from "./types.ts";

export function scoreHealth(inputs: SignalInputs, settings: HealthSettings): HealthResult {
  const signals = signalKeys.map((key): SignalResult => {
    const { score, reason } = signalScorers[key](inputs, settings);
    return { key, score, weight: settings.weights[key], reason };
  });
  return combineSignals(signals, settings);
}

/** The weighted mean over already scored signals; exported for backtests and tests. */
export function combineSignals(
  signals: SignalResult[],
  settings: Pick<HealthSettings, "bands">,
): HealthResult {
  const totalWeight = signals.reduce((sum, signal) => sum + signal.weight, 0);
  const counted = countedSignals(signals);
  const dataWeight = counted.reduce((sum, signal) => sum + signal.weight, 0);
  if (dataWeight === 0) {
    return { score: noDataScore(settings), band: "ATTENTION", confidence: 0, signals };
  }
  const score = Math.round(weightedMean(counted));
  return { score, band: bandFor(score, settings), confidence: dataWeight / totalWeight, signals };
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
  /** The current sentence (the earlier one when the signal lost its data). */
  reason: LocalizedText;
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
