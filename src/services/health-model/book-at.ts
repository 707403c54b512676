import { latestHealthModel } from "../../db/queries/health-models.ts";
import {
  type CustomerSignalInputs,
  queryDeliveredSources,
  querySignalInputs,
} from "../../db/queries/signal-inputs.ts";
import {
  type BgNbdParams,
  defaultBgNbdParams,
  fitBgNbd,
  type RepeatHistory,
} from "../../domain/health/bgnbd.ts";
import { forecastRhythm, repeatHistoryOf } from "../../domain/health/rhythm.ts";
import type { HealthSettings } from "../../domain/health/settings.ts";
import type { HealthBand, HealthResult } from "../../domain/health/types.ts";
import { customerRanges } from "../book-ranges.ts";
import type { ServiceContext } from "../context.ts";

/** A customer's standing on a date: scored, or churned (the ERP says so, or silent past the churn rule). */
export type CustomerStanding = "active" | "churned-erp" | "churned-silent";

export function standingOf(row: CustomerSignalInputs, settings: HealthSettings): CustomerStanding {
  if (row.erpChurned) return "churned-erp";
  // Silent churn needs a last order to be silent since. A customer without any order (its orders not
  // imported yet, or a book of invoices only) is scored, with the low confidence that deserves.
  const { daysSinceLastOrder } = row.inputs.orders;
  return daysSinceLastOrder !== null && daysSinceLastOrder > settings.churnAfterDays
    ? "churned-silent"
    : "active";
}

/**
 * The figures a customer is shown with, by standing: an active customer's score and band; a churned
 * one has neither (as on the card), only the model's chance of no order in the horizon, which for a
 * churned customer says how unlikely a return is (1 for an account the ERP closed).
 */
export function shownFigures(
  standing: CustomerStanding,
  health: Pick<HealthResult, "score" | "band" | "churnProbability">,
): { score: number | null; band: HealthBand | null; churnProbability: number } {
  if (standing === "active")
    return { score: health.score, band: health.band, churnProbability: health.churnProbability };
  return {
    score: null,
    band: null,
    churnProbability: standing === "churned-erp" ? 1 : health.churnProbability,
  };
}

export interface BookAt {
  asOf: string;
  rows: CustomerSignalInputs[];
  bgnbd: BgNbdParams;
}

/**
 * Every customer's inputs as of a date (only data known then), with the repeat-buying model fitted on
 * that same book (churned customers included: their drop-out is what the model learns) and each
 * customer's rhythm forecast filled in.
 */
export async function loadBookAt(
  ctx: ServiceContext,
  asOf: string,
  options: {
    warmStart?: BgNbdParams | null;
    /** Customers per aggregation statement (default: book-ranges.ts); tests use small ones. */
    chunkCustomers?: number;
  } = {},
): Promise<BookAt> {
  const settings = ctx.settings.health;
  const query = {
    asOf,
    recentDays: settings.recentWindowDays,
    baselineDays: settings.baselineWindowDays,
    pulseMaxAgeDays: settings.pulseMaxAgeDays,
    sources: await queryDeliveredSources(ctx.db.sql, asOf),
  };
  // A range of customers at a time, as the daily scoring reads (book-ranges.ts): the calibration and
  // the backtest read several past books.
  const rows: CustomerSignalInputs[] = [];
  for (const idRange of await customerRanges(ctx, asOf, { chunkCustomers: options.chunkCustomers })) {
    rows.push(...(await querySignalInputs(ctx.db.sql, { ...query, idRange })));
  }
  const histories = rows
    .map((row) => repeatHistoryOf(row.inputs.orders))
    .filter((h): h is RepeatHistory => h !== null);
  const bgnbd = fitRepeatModel(histories, options.warmStart ?? null);
  fillRhythm(rows, bgnbd, settings.calibration.horizonDays);
  return { asOf, rows, bgnbd };
}

/** Fit on the book; with too few repeat buyers to fit, keep the last fit (or the default start). */
export function fitRepeatModel(histories: RepeatHistory[], warmStart: BgNbdParams | null): BgNbdParams {
  const repeaters = histories.filter((history) => history.x > 0).length;
  if (repeaters < 10) return warmStart ?? defaultBgNbdParams;
  return fitBgNbd(histories, warmStart ? { start: warmStart } : {}).params;
}

export function fillRhythm(rows: CustomerSignalInputs[], params: BgNbdParams, horizonDays: number): void {
  for (const row of rows) row.inputs.orders.rhythm = forecastRhythm(params, row.inputs.orders, horizonDays);
}

/** The models to score one customer with on a date: the latest fits on or before it. */
export async function modelsFor(ctx: ServiceContext, asOf: string) {
  const [bgnbd, calibration] = await Promise.all([
    latestHealthModel(ctx.db.sql, "bgnbd", asOf),
    latestHealthModel(ctx.db.sql, "calibration", asOf),
  ]);
  return { bgnbd: bgnbd?.params ?? null, calibration: calibration?.params ?? null };
}
