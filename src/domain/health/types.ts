/**
 * Inputs and outputs of the health model. The scoring service fills `SignalInputs` for every customer
 * with one set-based SQL statement; the pure functions in this folder turn them into a `HealthResult`.
 *
 * Windows: "recent" is the 90 days up to and including `asOf`; "baseline" is the 365 days before that.
 * Counts and sums are raw totals over each window; rates are derived in the domain (baseline × 90/365).
 */
import type { SignalReason } from "./reasons.ts";

export type Locale = "nl" | "en" | "fr";

export const signalKeys = [
  "payment",
  "frequency",
  "volume",
  "recency",
  "engagement",
  "nps",
  "complaints",
  "pulse",
] as const;
export type SignalKey = (typeof signalKeys)[number];

export type HealthBand = "HEALTHY" | "ATTENTION" | "AT_RISK";

export interface SignalInputs {
  /** ISO date (YYYY-MM-DD) the inputs were computed for. */
  asOf: string;
  payment: {
    /** Invoices due in the recent window. */
    recentInvoices: number;
    /** Mean days paid after the due date for invoices due in the recent window (unpaid ones count up to asOf); negative lateness counts as 0. */
    recentAvgDaysLate: number | null;
    baselineInvoices: number;
    baselineAvgDaysLate: number | null;
    /** Unpaid amount past its due date as of asOf, in cents. */
    overdueCents: number;
    overdueInvoices: number;
    /** Days the oldest unpaid invoice is past its due date; null when nothing is overdue. */
    oldestOverdueDays: number | null;
  };
  orders: {
    recentCount: number;
    baselineCount: number;
    recentRevenueCents: number;
    baselineRevenueCents: number;
    /** Days between the last order on or before asOf and asOf; null without any order. */
    daysSinceLastOrder: number | null;
    /**
     * Usual days between orders: the customer's own mean gap between order days over its whole history
     * (first to last order ÷ repeat order days); null before a second order day.
     */
    typicalIntervalDays: number | null;
    /** Days since the first order (any time before asOf); null without orders. */
    daysSinceFirstOrder: number | null;
    /** Order days after the first one, over the whole history (the repeat-buying model's x). */
    repeatOrderDays: number;
    /** Days between the first and the last order day. */
    firstToLastDays: number;
    /** Distinct order days and revenue in the 365 days up to asOf. */
    orderDays365: number;
    revenue365Cents: number;
    /** The repeat-buying model's forecast; filled in by the scoring service after the fit. */
    rhythm: RhythmForecast | null;
  };
  customer: {
    /** Days since the customer was created in the ERP (customer since). */
    ageDays: number;
  };
  /**
   * Which sources the company has delivered at all (any row on or before asOf, for any customer). A
   * source nobody delivered is "no data" for everyone, not a perfect score.
   */
  sources: DeliveredSources;
  engagement: {
    recentWeb: number;
    baselineWeb: number;
    recentNewsletter: number;
    baselineNewsletter: number;
    /** Meetings, calls and emails. */
    recentContact: number;
    baselineContact: number;
  };
  nps: {
    /** Latest answer on or before asOf within the last 365 days. */
    latestScore: number | null;
    latestAnsweredOn: string | null;
    /** The answer before the latest one, for the trend. */
    previousScore: number | null;
  };
  complaints: {
    /** Complaints opened in the last 90 days. */
    recentCount: number;
    /** Of those, how many were opened in the last 60 days... (used in the sentence). */
    last60Count: number;
    /** Complaints still open as of asOf (any age). */
    openCount: number;
    /** Severity-3 complaints in the recent window. */
    recentHighSeverity: number;
  };
  pulse: {
    /** Latest owner pulse answered within the last 90 days. */
    latestScore: number | null;
    answeredOn: string | null;
  };
}

export interface DeliveredSources {
  invoices: boolean;
  engagement: boolean;
  nps: boolean;
  complaints: boolean;
  pulses: boolean;
}

export interface RhythmForecast {
  /** P(at least one order in the next horizon) by the fitted repeat-buying model. */
  pOrder: number;
  /** The same chance right after the last order: what it "was". */
  pOrderAtLastOrder: number;
  horizonDays: number;
}

/**
 * One sentence in every language: how snapshots and alerts stored a signal's reason before reasons
 * became data (reasons.ts). Those stored before French was added lack `fr`.
 */
export interface LocalizedText {
  nl: string;
  en: string;
  fr?: string;
}

/** A reason as stored: data (written since 2026-12), or the sentences of an older snapshot. */
export type StoredReason = SignalReason | LocalizedText;

export interface SignalResult {
  key: SignalKey;
  /** 0..100, or null when the signal has no data (it then does not count). */
  score: number | null;
  /** Configured weight (relative); used by the configured-weights model. */
  weight: number;
  /**
   * Points this signal adds to (or takes from) the score, measured from `HealthResult.baseScore`; the
   * points of all signals add up to score − baseScore. Null without data.
   */
  points?: number | null;
  /** What the signal found; written as a sentence when shown (reason-text.ts). */
  reason: StoredReason;
}

/** Which model produced a score: fitted on the company's own history, or the configured weights. */
export type HealthModelKind = "calibrated" | "weights";

export interface HealthResult {
  /** 0..100: the chance (in %) that the customer still buys in the coming horizon, rounded. */
  score: number;
  band: HealthBand;
  /** How much evidence there is, 0..1: order history length and the share of delivered sources with data. */
  confidence: number;
  signals: SignalResult[];
  /** P(churn within the horizon), 0..1. */
  churnProbability: number;
  /** The score of a typical customer of this book; signal points are measured from it. */
  baseScore: number;
  model: HealthModelKind;
}
