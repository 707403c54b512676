/**
 * Alert rules: which conditions hold for a customer after a scoring run, what changed, and whether
 * the change is worth a direct message. Pure; the evaluation service feeds it one customer at a time
 * from set-based queries and stores the result.
 */
import { explainChange } from "../health/score.ts";
import type {
  HealthBand,
  HealthResult,
  SignalInputs,
  SignalKey,
  SignalResult,
  StoredReason,
} from "../health/types.ts";
import type { AlertSettings } from "./settings.ts";

export const alertKinds = [
  "at-risk",
  "score-drop",
  "payment-delay",
  "order-drop",
  "detractor",
  "complaints",
] as const;
export type AlertKind = (typeof alertKinds)[number];

/** A stored health snapshot, as the rules need it. */
export interface SnapshotView {
  asOf: string;
  score: number;
  band: HealthBand;
  confidence: number;
  signals: SignalResult[];
}

export interface AlertFacts {
  customerId: number;
  /** Today's snapshot. */
  current: SnapshotView;
  /** The band of the latest snapshot before today's, if any. */
  previousBand: HealthBand | null;
  /** The latest snapshot on or before today − scoreDrop.days: the base of the explanation. */
  before: SnapshotView | null;
  inputs: SignalInputs;
  /** Complaints opened within `rules.complaints.withinDays` up to today. */
  recentComplaints: number;
  /** Kinds with a live (not resolved) alert for this customer today, before this evaluation. */
  liveKinds?: ReadonlySet<string>;
}

export interface HealthWindows {
  recentWindowDays: number;
  baselineWindowDays: number;
}

/** One signal's share in the change, rounded for showing: "betaalt 12 dagen later (−8)". */
export interface ChangeLine {
  key: SignalKey;
  points: number;
  reason: StoredReason;
}

/** What an alert stores (the `detail` column): enough to render its card without recomputing. */
export interface AlertDetail {
  score: number;
  band: HealthBand;
  scoreBefore: number | null;
  bandBefore: HealthBand | null;
  beforeOn: string | null;
  evaluatedOn: string;
  /** Rule-specific figures, e.g. { recentDaysLate: 25, baselineDaysLate: 4 }. */
  values: Record<string, number | string | null>;
  /** Signals that cost points since `beforeOn`, largest first (at most three). */
  changes: ChangeLine[];
  /** The band got worse; with `move`, ranks DMs against the noise budget. */
  bandFell: boolean;
  move: number | null;
  /** Set when a snooze ran out and the alert re-opened (ISO instant of the snooze end). */
  reopenedAt?: string;
}

export interface AlertCondition {
  kind: AlertKind;
  detail: AlertDetail;
}

export interface RuleOutcome {
  conditions: AlertCondition[];
  /** The band got worse (against yesterday or the comparison snapshot): worth a DM. */
  bandFell: boolean;
  /** Score change against the comparison snapshot; null without one. */
  move: number | null;
  /** A DM is allowed: band fell or the score moved unusually far. Otherwise the digest only. */
  pushworthy: boolean;
}

const bandRank: Record<HealthBand, number> = { HEALTHY: 0, ATTENTION: 1, AT_RISK: 2 };
const MAX_CHANGE_LINES = 3;

export function evaluateAlertRules(
  facts: AlertFacts,
  settings: AlertSettings,
  windows: HealthWindows,
): RuleOutcome {
  const { current, before, inputs } = facts;
  const rules = settings.rules;
  const comparedBand = facts.previousBand;
  const bandFell =
    (comparedBand !== null && bandRank[current.band] > bandRank[comparedBand]) ||
    (before !== null && bandRank[current.band] > bandRank[before.band]);
  const move = before && before.confidence > 0 ? current.score - before.score : null;
  const unusual = move !== null && Math.abs(move) >= settings.unusualMovePoints;
  const base = {
    score: current.score,
    band: current.band,
    scoreBefore: before?.score ?? null,
    bandBefore: before?.band ?? null,
    beforeOn: before?.asOf ?? null,
    evaluatedOn: current.asOf,
    changes: before ? changeLines(before, current) : [],
    bandFell,
    move,
  };
  const conditions: AlertCondition[] = [];
  const add = (kind: AlertKind, values: AlertDetail["values"]) =>
    conditions.push({ kind, detail: { ...base, values } });

  // Without any data the score is a neutral placeholder, not a finding.
  const known = current.confidence > 0;
  // An alert says something changed; the at-risk list and the digest say where things stand. So the
  // at-risk alert opens when a customer falls into the band (its previous snapshot was not at risk)
  // and stays live while the customer stays there. A customer seen at risk on its very first
  // snapshot (a first import) is in the list, not in an alert: no change was seen.
  const live = facts.liveKinds ?? new Set<string>();
  const fellIntoRisk = comparedBand !== null && comparedBand !== "AT_RISK";
  if (known && rules.atRisk.enabled && current.band === "AT_RISK" && (fellIntoRisk || live.has("at-risk"))) {
    add("at-risk", {});
  }

  // Payment and order findings are already weighed by the score against everything else the
  // customer does. They interrupt someone when the score agrees they are news: the band just got
  // worse. A score drop is news by itself unless the customer is still healthy. Otherwise they are
  // lines on the card and in the lists (unless configured otherwise). A live alert stays while its
  // condition holds and the customer is not back to healthy.
  const agrees = (kind: AlertKind, scoreSaysSo: boolean) =>
    !settings.onlyWhenScoreAgrees || scoreSaysSo || (live.has(kind) && current.band !== "HEALTHY");

  if (
    known &&
    agrees("score-drop", current.band !== "HEALTHY") &&
    rules.scoreDrop.enabled &&
    before &&
    before.confidence > 0
  ) {
    const drop = before.score - current.score;
    if (drop >= rules.scoreDrop.points) add("score-drop", { drop, days: rules.scoreDrop.days });
  }

  const payment = inputs.payment;
  if (
    agrees("payment-delay", bandFell) &&
    rules.paymentDelay.enabled &&
    payment.recentInvoices >= rules.paymentDelay.minRecentInvoices &&
    payment.recentAvgDaysLate !== null &&
    payment.baselineAvgDaysLate !== null &&
    payment.recentAvgDaysLate - payment.baselineAvgDaysLate >= rules.paymentDelay.increaseDays
  ) {
    add("payment-delay", {
      recentDaysLate: Math.round(payment.recentAvgDaysLate),
      baselineDaysLate: Math.round(payment.baselineAvgDaysLate),
    });
  }

  if (
    agrees("order-drop", bandFell) &&
    rules.orderDrop.enabled &&
    inputs.orders.baselineCount >= rules.orderDrop.minBaselineOrders
  ) {
    const { orders } = inputs;
    const scale = windows.recentWindowDays / windows.baselineWindowDays;
    const expectedOrders = orders.baselineCount * scale;
    const expectedRevenue = orders.baselineRevenueCents * scale;
    const frequencyDrop = dropPercent(orders.recentCount, expectedOrders);
    const volumeDrop = dropPercent(orders.recentRevenueCents, expectedRevenue);
    const averageOrder = orders.baselineRevenueCents / orders.baselineCount;
    const frequencyFell =
      (frequencyDrop ?? 0) >= rules.orderDrop.dropPercent &&
      poissonCdf(orders.recentCount, expectedOrders) <= rules.orderDrop.maxChance;
    const volumeFell =
      (volumeDrop ?? 0) >= rules.orderDrop.dropPercent &&
      expectedRevenue - orders.recentRevenueCents >= rules.orderDrop.minShortfallOrders * averageOrder;
    if (frequencyFell || volumeFell) {
      add("order-drop", {
        frequencyDropPercent: frequencyDrop === null ? null : Math.round(frequencyDrop),
        volumeDropPercent: volumeDrop === null ? null : Math.round(volumeDrop),
      });
    }
  }

  const nps = inputs.nps;
  if (
    rules.detractor.enabled &&
    nps.latestScore !== null &&
    nps.latestAnsweredOn !== null &&
    nps.latestScore <= rules.detractor.maxScore &&
    daysBetweenIso(nps.latestAnsweredOn, current.asOf) < rules.detractor.withinDays
  ) {
    add("detractor", { npsScore: nps.latestScore, answeredOn: nps.latestAnsweredOn });
  }

  if (rules.complaints.enabled && facts.recentComplaints >= rules.complaints.count) {
    add("complaints", { complaints: facts.recentComplaints, days: rules.complaints.withinDays });
  }

  return { conditions, bandFell, move, pushworthy: bandFell || unusual };
}

/** P(X ≤ k) for a Poisson count with mean `lambda`, summed in log space so large means do not underflow. */
export function poissonCdf(k: number, lambda: number): number {
  if (lambda <= 0) return 1;
  let logTerm = -lambda;
  let sum = Math.exp(logTerm);
  for (let i = 1; i <= Math.floor(k); i++) {
    logTerm += Math.log(lambda) - Math.log(i);
    sum += Math.exp(logTerm);
  }
  return Math.min(1, sum);
}

/** Percentage fallen from `expected` to `actual`; null when there is nothing to compare with. */
function dropPercent(actual: number, expected: number): number | null {
  if (expected <= 0) return null;
  return Math.max(0, (1 - actual / expected) * 100);
}

function daysBetweenIso(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The signals that cost points between two snapshots, worst first, rounded to whole points. */
export function changeLines(before: SnapshotView, after: SnapshotView): ChangeLine[] {
  return explainChange(toResult(before), toResult(after))
    .map((impact) => ({ key: impact.key, points: Math.round(impact.points), reason: impact.reason }))
    .filter((line) => line.points < 0)
    .slice(0, MAX_CHANGE_LINES);
}

function toResult(snapshot: SnapshotView): HealthResult {
  return {
    score: snapshot.score,
    band: snapshot.band,
    confidence: snapshot.confidence,
    signals: snapshot.signals,
    // explainChange needs only the signals; these describe the model and do not enter the comparison.
    churnProbability: 1 - snapshot.score / 100,
    baseScore: 100,
    model: "weights",
  };
}

/** Order in which alerts of one customer are told: the most serious kind first. */
export function kindRank(kind: string): number {
  const index = (alertKinds as readonly string[]).indexOf(kind);
  return index < 0 ? alertKinds.length : index;
}
