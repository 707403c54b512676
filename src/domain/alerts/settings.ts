/**
 * Settings for the proactive side: alert rules and their thresholds, the noise budget, quiet hours,
 * escalation, the weekly digest and owner pulses. Configuration, not code: any subset may be given,
 * the rest keeps its default. Kept apart from the health settings so tuning alerts never changes a score.
 */
import { z } from "zod";
import { parseSettingsSection } from "../settings-errors.ts";

const count = (fallback: number) => z.number().int().min(0).default(fallback);
const positiveInt = (fallback: number) => z.number().int().positive().default(fallback);
const percent = (fallback: number) => z.number().min(0).max(100).default(fallback);
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be HH:MM (24 h)");

const rulesSchema = z
  .strictObject({
    /**
     * The customer fell into the at-risk band since its previous snapshot; the alert stays live while
     * it stays there and resolves when it leaves (or churns).
     */
    atRisk: z.strictObject({ enabled: z.boolean().default(true) }).prefault({}),
    /** The score fell at least `points` against the snapshot `days` ago. */
    scoreDrop: z
      .strictObject({ enabled: z.boolean().default(true), points: positiveInt(15), days: positiveInt(30) })
      .prefault({}),
    /** Average days late on recent invoices rose at least `increaseDays` above the baseline. */
    paymentDelay: z
      .strictObject({
        enabled: z.boolean().default(true),
        increaseDays: z.number().positive().default(10),
        /** Fewer recent invoices than this are too few to call a trend. */
        minRecentInvoices: positiveInt(2),
      })
      .prefault({}),
    /**
     * Order frequency or order volume fell at least `dropPercent` against the customer's baseline —
     * and the fall is more than chance: with a few orders a quarter, 40 % fewer happens by luck alone
     * (3 expected, 1 placed: one quarter in five). Frequency must be that low with a Poisson chance of
     * at most `maxChance`; volume must fall short by at least `minShortfallOrders` average orders.
     */
    orderDrop: z
      .strictObject({
        enabled: z.boolean().default(true),
        dropPercent: percent(40),
        minBaselineOrders: positiveInt(4),
        maxChance: z.number().gt(0).max(1).default(0.1),
        minShortfallOrders: z.number().min(0).default(2),
      })
      .prefault({}),
    /** A detractor NPS answer (≤ `maxScore`) answered within the last `withinDays` days. */
    detractor: z
      .strictObject({
        enabled: z.boolean().default(true),
        maxScore: z.number().int().min(0).max(10).default(6),
        withinDays: positiveInt(30),
      })
      .prefault({}),
    /** At least `count` complaints opened within the last `withinDays` days. */
    complaints: z
      .strictObject({
        enabled: z.boolean().default(true),
        count: positiveInt(2),
        withinDays: positiveInt(30),
      })
      .prefault({}),
  })
  .prefault({});

const alertsSchema = z
  .strictObject({
    rules: rulesSchema,
    /** Alert DMs per person per day (their time zone); the rest wait for the digest. */
    dailyBudget: count(3),
    /**
     * Payment-delay and order-drop alerts open only when the score agrees they are news (the band got
     * worse), score-drop alerts only for customers not healthy; detractor and complaint alerts always
     * (the customer spoke up). Off: every rule opens on its own condition.
     */
    onlyWhenScoreAgrees: z.boolean().default(true),
    /** A DM only when the band got worse or the score moved at least this many points in `scoreDrop.days`. */
    unusualMovePoints: positiveInt(10),
    /** No DMs outside these hours (the person's time zone) … */
    workdayStart: clockTime.default("08:00"),
    workdayEnd: clockTime.default("18:00"),
    /** … nor on Saturday and Sunday. */
    quietWeekends: z.boolean().default(true),
    /** Default snooze length (the button says "7 days"). */
    snoozeDays: positiveInt(7),
    /** Escalate to the manager (or the digest channel) when nobody acknowledged a DM'd alert in this many working days. */
    escalateAfterWorkingDays: positiveInt(2),
  })
  .refine((alerts) => alerts.workdayStart < alerts.workdayEnd, {
    message: "must be later than workdayStart",
    path: ["workdayEnd"],
  })
  .prefault({});

const digestSchema = z
  .strictObject({
    /** How many at-risk customers the digest lists. */
    topAtRisk: positiveInt(10),
    /** An open alert nobody acknowledged for more than this many days is called out with its owner. */
    unacknowledgedDays: positiveInt(3),
    /** The calibration line looks back this far: "of the customers at risk 90 days ago, X % have left". */
    calibrationDays: positiveInt(90),
  })
  .prefault({});

const pulsesSchema = z
  .strictObject({
    enabled: z.boolean().default(true),
    /** Top accounts per owner, by trailing-12-month revenue. */
    topAccounts: positiveInt(5),
    cadence: z.enum(["monthly", "quarterly"]).default("monthly"),
    /** One reminder this many days after asking … */
    reminderAfterDays: positiveInt(3),
    /** … and the pulse expires this many days after asking. */
    expireAfterDays: positiveInt(7),
    /** The response rate in the digest covers pulses asked in this many days. */
    responseRateDays: positiveInt(90),
  })
  .refine((pulses) => pulses.expireAfterDays > pulses.reminderAfterDays, {
    message: "must be greater than reminderAfterDays",
    path: ["expireAfterDays"],
  })
  .prefault({});

export const proactiveSettingsSchema = z.strictObject({
  alerts: alertsSchema,
  digest: digestSchema,
  pulses: pulsesSchema,
});

export type ProactiveSettings = z.output<typeof proactiveSettingsSchema>;
export type ProactiveSettingsInput = z.input<typeof proactiveSettingsSchema>;
export type AlertSettings = ProactiveSettings["alerts"];
export type DigestSettings = ProactiveSettings["digest"];
export type PulseSettings = ProactiveSettings["pulses"];

export const defaultProactiveSettings: ProactiveSettings = proactiveSettingsSchema.parse({});

/** Validate settings from config; the error names every bad key (`alerts.dailyBudget: …`). */
export function parseProactiveSettings(input: unknown): ProactiveSettings {
  return parseSettingsSection(proactiveSettingsSchema, input, "alert settings");
}
