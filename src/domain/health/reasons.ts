/**
 * What a signal found, as data: the figures behind its sentence, not the sentence itself. Every
 * snapshot stores one per signal; the sentence is written in the reader's language only when it is
 * shown (reason-text.ts), with the same wording in card, list, alert, digest and CLI.
 *
 * Why data and not three sentences: a daily rescoring of 20,000 customers built 24 sentences per
 * customer that were almost never read, and stored ~2 KB of them per snapshot. Writing and storing
 * them was half the rescoring time (bench/core-bench.ts).
 *
 * Snapshots and alerts written before this change hold the sentences themselves (`LocalizedText`);
 * they are shown as written.
 *
 * Percentages are stored rounded to whole numbers (or one decimal for changes), money in cents: what
 * the sentence shows, so the stored document stays small.
 */
export type RecencyReason =
  | { id: "recency.never" }
  | {
      id: "recency.last";
      /** Days since the last order. */
      days: number;
      /** The usual days between orders, rounded; null when unknown. */
      usual: number | null;
      /** Only one order so far. */
      oneTime: boolean;
      /** The fitted model's chance of a new order within `horizon` days, now and right after the last order, in %. */
      chance?: { horizon: number; now: number; was: number };
    };

export type PaymentReason =
  | { id: "payment.noData" }
  | { id: "payment.noneDue"; days: number }
  | {
      id: "payment.found";
      /** Average days late recently and in the year before (the habit), rounded; null without recent invoices due. */
      late: { recent: number; habit: number | null } | null;
      /** What is overdue now; null when nothing is. */
      overdue: { cents: number; invoices: number; oldestDays: number | null } | null;
    };

/** The counterweight named when a level outweighs a change of the opposite sign (counterweight.ts). */
export interface Counterweight {
  /** The level pulls the points up ("maar zwaarder weegt: …") or down ("maar laag: …"). */
  side: "outweighs" | "low";
  /** Order days (frequency) or revenue in cents (volume) over the last twelve months. */
  value: number;
}

export type FrequencyReason =
  | { id: "frequency.tooFew"; but?: Counterweight }
  | { id: "frequency.none"; days: number; usual: number; but?: Counterweight }
  | { id: "frequency.asUsual"; but?: Counterweight }
  | { id: "frequency.change"; percent: number; but?: Counterweight };

export type VolumeReason =
  | { id: "volume.tooFew"; but?: Counterweight }
  | { id: "volume.none"; days: number; usualCents: number; but?: Counterweight }
  | { id: "volume.asUsual"; but?: Counterweight }
  | { id: "volume.change"; percent: number; but?: Counterweight };

export type EngagementChannel = "web" | "newsletter" | "contact";

export type EngagementReason =
  | { id: "engagement.noData" }
  | { id: "engagement.tooLittle" }
  | { id: "engagement.asUsual" }
  /** The channels that dropped, worst first, with their change in %. */
  | { id: "engagement.dropped"; channels: Array<{ channel: EngagementChannel; percent: number }> };

export type ComplaintsReason =
  | { id: "complaints.noData" }
  | {
      id: "complaints.found";
      /** The recent window in days. */
      days: number;
      recent: number;
      /** Of the recent ones, opened in the last 60 days. */
      last60: number;
      open: number;
      severe: number;
    };

export type NpsReason =
  | { id: "nps.noData" }
  | { id: "nps.none" }
  | { id: "nps.answer"; latest: number; previous: number | null };

export type PulseReason =
  | { id: "pulse.none" }
  | { id: "pulse.old"; days: number }
  | { id: "pulse.answer"; score: number };

export type SignalReason =
  | RecencyReason
  | PaymentReason
  | FrequencyReason
  | VolumeReason
  | EngagementReason
  | ComplaintsReason
  | NpsReason
  | PulseReason;

/** The reasons one signal gives: `ReasonOf<"nps">` is NpsReason. */
export type ReasonOf<K extends string> = Extract<SignalReason, { id: `${K}.${string}` }>;
