/**
 * Health-model settings: weights, band thresholds, per-signal curves and the KPI knobs. These are
 * configuration, not code: an admin may override any subset, everything left out keeps its default.
 *
 * Most signal curves are linear between a "fine" value (sub-score 100) and a "zero" value
 * (sub-score 0), clamped to 0..100; see each file in `signals/` for what the value is.
 */
import { z } from "zod";
import { parseSettingsSection } from "../settings-errors.ts";
import type { SignalKey } from "./types.ts";

const weight = (fallback: number) => z.number().min(0).default(fallback);
const positive = (fallback: number) => z.number().positive().default(fallback);
const nonNegative = (fallback: number) => z.number().min(0).default(fallback);
const percent = (fallback: number) => z.number().min(0).max(100).default(fallback);
const days = (fallback: number) => z.number().int().positive().default(fallback);

/** A curve where the value rises from "fine" to "zero" (days late, drop %): zero must lie above fine. */
function risingCurve<Shape extends z.ZodRawShape>(
  fineKey: keyof Shape & string,
  zeroKey: keyof Shape & string,
  shape: Shape,
) {
  return z
    .strictObject(shape)
    .refine(
      (value) => (value as Record<string, number>)[fineKey]! < (value as Record<string, number>)[zeroKey]!,
      { message: `must be greater than ${fineKey}`, path: [zeroKey] },
    )
    .prefault({} as never);
}

const weightsSchema = z
  .strictObject({
    payment: weight(20),
    frequency: weight(15),
    volume: weight(15),
    recency: weight(15),
    engagement: weight(10),
    nps: weight(10),
    complaints: weight(10),
    pulse: weight(5),
  } satisfies Record<SignalKey, z.ZodType>)
  .refine((weights) => Object.values(weights).some((value) => value > 0), {
    message: "at least one weight must be greater than 0",
  })
  .prefault({});

const bandsSchema = z
  .strictObject({
    /** Score ≥ healthy is HEALTHY. */
    healthy: percent(70),
    /** Score < atRisk is AT_RISK; in between is ATTENTION. */
    atRisk: percent(40),
  })
  .refine((bands) => bands.healthy > bands.atRisk, {
    message: "must be greater than atRisk",
    path: ["healthy"],
  })
  .prefault({});

/** The curve of the two purchase signals (frequency and volume), each configurable on its own. */
function orderDropCurve() {
  return risingCurve("fineDropPercent", "zeroDropPercent", {
    /** Drop vs the baseline rate still scored 100 (also the "as usual" band in the sentence). */
    fineDropPercent: percent(10),
    /** Drop scored 0. */
    zeroDropPercent: percent(75),
    /** Fewer baseline orders than this make a 90-day comparison noise; recency covers those customers. */
    minBaselineOrders: nonNegative(4),
  });
}

const signalsSchema = z
  .strictObject({
    payment: risingCurve("fineDaysLate", "zeroDaysLate", {
      /** Average days late still scored 100. */
      fineDaysLate: nonNegative(3),
      /** Average days late scored 0. */
      zeroDaysLate: positive(30),
      /** Points off per invoice that is past due and unpaid: unpaid weighs heavier than paid late. */
      overduePenaltyPerInvoice: nonNegative(5),
    }),
    /** Orders in the recent window vs the baseline rate. */
    frequency: orderDropCurve(),
    /** Order revenue in the recent window vs the baseline rate. */
    volume: orderDropCurve(),
    recency: risingCurve("fineIntervalRatio", "zeroIntervalRatio", {
      /** Days since the last order, as a multiple of the usual interval, still scored 100. */
      fineIntervalRatio: positive(1.5),
      /** Multiple of the usual interval scored 0. */
      zeroIntervalRatio: positive(4),
      /** Very frequent buyers get at least this interval, so a week's holiday is not an alarm. */
      minIntervalDays: positive(7),
    }),
    engagement: risingCurve("fineDropPercent", "zeroDropPercent", {
      fineDropPercent: percent(20),
      zeroDropPercent: percent(80),
      /** A channel needs this many baseline events to be compared at all. */
      minBaselineCount: nonNegative(4),
    }),
    nps: z
      .strictObject({
        /** Latest NPS answer scored 0 (and below). */
        zeroAt: z.number().min(0).max(10).default(2),
        /** Latest NPS answer scored 100 (and above): promoters. */
        fullAt: z.number().min(0).max(10).default(9),
      })
      .refine((nps) => nps.fullAt > nps.zeroAt, { message: "must be greater than zeroAt", path: ["fullAt"] })
      .prefault({}),
    complaints: z
      .strictObject({
        /** Points off per complaint opened in the recent window. */
        pointsPerComplaint: nonNegative(20),
        /** Extra points off per complaint still open (any age). */
        pointsPerOpen: nonNegative(10),
        /** Extra points off per severe complaint in the recent window. */
        pointsPerHighSeverity: nonNegative(20),
      })
      .prefault({}),
    pulse: z
      .strictObject({
        zeroAt: z.number().min(0).max(10).default(0),
        fullAt: z.number().min(0).max(10).default(10),
      })
      .refine((pulse) => pulse.fullAt > pulse.zeroAt, {
        message: "must be greater than zeroAt",
        path: ["fullAt"],
      })
      .prefault({}),
  })
  .prefault({});

const calibrationSchema = z
  .strictObject({
    /** Churn is "no order (or the ERP's churn date) within this many days"; the score forecasts it. */
    horizonDays: days(90),
    /**
     * Past as-of dates the calibration learns from, `everyDays` apart, the latest one horizon before
     * today. Twelve (a year) so every season is in it: with six, the base rate learnt followed the
     * half year before, and on books with a year-end peak in churn the chances shifted between dates.
     */
    trainingDates: z.number().int().min(1).max(24).default(12),
    everyDays: days(30),
    /**
     * Ridge penalty per training row on standardised features: how strongly the weights are pulled to
     * the repeat-buying model's own forecast (calibrationPrior; higher stays closer to BG/NBD alone).
     * 0.1 held up out of time on four books (0.03 ranked up to 0.004 better, 0.3 and more worse);
     * "auto" picks it per book by time-split validation (fit on the older training dates, rank the
     * newest), which is noisy when the newest date has few churners.
     */
    penalty: z.union([z.literal("auto"), z.number().positive().max(10)]).default(0.1),
  })
  .prefault({});

export const healthSettingsSchema = z
  .strictObject({
    /**
     * "calibrated" (default): signals weighted by what predicted churn on the company's own history,
     * falling back to the configured weights while the history is too short; "weights": always the
     * configured weights (a transparent weighted mean of the sub-scores).
     */
    model: z.enum(["calibrated", "weights"]).default("calibrated"),
    calibration: calibrationSchema,
    weights: weightsSchema,
    bands: bandsSchema,
    signals: signalsSchema,
    /** A customer without an order for this many days counts as churned. */
    churnAfterDays: days(180),
    /** The "recent" window every signal looks at. */
    recentWindowDays: days(90),
    /** The baseline window before it; baseline rate = baseline count × recent / baseline days. */
    baselineWindowDays: days(365),
    /** Owner pulses older than this no longer count. */
    pulseMaxAgeDays: days(90),
    /** Gross margin as a fraction (0.3 = 30 %), for CLV. */
    grossMargin: z.number().min(0).max(1).default(0.3),
    /** Expected lifetime used for CLV when churn is 0 (1 / 0 would be infinite) or very low. */
    clvMaxLifetimeYears: positive(10),
  })
  .refine((settings) => settings.baselineWindowDays >= settings.recentWindowDays, {
    message: "must be at least recentWindowDays",
    path: ["baselineWindowDays"],
  });

export type HealthSettings = z.output<typeof healthSettingsSchema>;
/** What an admin may write: any subset of the settings. */
export type HealthSettingsInput = z.input<typeof healthSettingsSchema>;

export const defaultHealthSettings: HealthSettings = healthSettingsSchema.parse({});

/**
 * Validate settings from config or the database. Throws an AppError("CONFIG") whose message names
 * every bad key, e.g. `weights.payment: Too small: expected number to be >=0`.
 */
export function parseHealthSettings(input: unknown): HealthSettings {
  return parseSettingsSection(healthSettingsSchema, input, "health settings");
}
