/**
 * Inputs and outputs of the health model. The scoring service fills `SignalInputs` for every customer
 * with one set-based SQL statement; the pure functions in this folder turn them into a `HealthResult`.
 *
 * Windows: "recent" is the 90 days up to and including `asOf`; "baseline" is the 365 days before that.
 * Counts and sums are raw totals over each window; rates are derived in the domain (baseline × 90/365).
 */
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
  };
  orders: {
    recentCount: number;
    baselineCount: number;
    recentRevenueCents: number;
    baselineRevenueCents: number;
    /** Days between the last order on or before asOf and asOf; null without any order. */
    daysSinceLastOrder: number | null;
    /** Usual days between orders in the baseline window (365 / baseline count); null with fewer than 2 baseline orders. */
    typicalIntervalDays: number | null;
  };
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

/** One sentence in every language. Snapshots stored before French was added lack `fr`: read with `localized`. */
export interface LocalizedText {
  nl: string;
  en: string;
  fr: string;
}

export interface SignalResult {
  key: SignalKey;
  /** 0..100, or null when the signal has no data (it then does not count). */
  score: number | null;
  /** Configured weight (relative). */
  weight: number;
  reason: LocalizedText;
}

export interface HealthResult {
  /** Weighted mean of the signals that have data, rounded to an integer 0..100. */
  score: number;
  band: HealthBand;
  /** Share of the total weight that had data, 0..1. */
  confidence: number;
  signals: SignalResult[];
}
