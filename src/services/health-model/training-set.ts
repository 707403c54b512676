import { queryChurnLabels } from "../../db/queries/churn-labels.ts";
import { addDays } from "../../domain/dates.ts";
import { extractFeatures } from "../../domain/health/features.ts";
import { plainFeatures } from "../../domain/health/plain-features.ts";
import type { ServiceContext } from "../context.ts";
import { type BookAt, loadBookAt, standingOf } from "./book-at.ts";

/** What one past as-of date contributes to a calibration or a backtest. */
export interface LabelledDate {
  asOf: string;
  book: BookAt;
  /** Customers active (scorable) on the date, in the order of `features` and `labels`. */
  active: number[];
  features: Float64Array[];
  /** The plain yardstick's columns (domain/health/plain-features.ts), in the same order. */
  plain: Float64Array[];
  labels: Uint8Array;
}

/** Active customers on `asOf` with their features and what happened in the horizon after it. */
export async function labelledDate(
  ctx: ServiceContext,
  asOf: string,
  horizonDays: number,
  warmStart: BookAt["bgnbd"] | null,
): Promise<LabelledDate> {
  const [book, labels] = await Promise.all([
    loadBookAt(ctx, asOf, { warmStart }),
    queryChurnLabels(ctx.db.sql, { asOf, horizonDays }),
  ]);
  const active: number[] = [];
  const features: Float64Array[] = [];
  const plain: Float64Array[] = [];
  const outcome: number[] = [];
  for (const row of book.rows) {
    if (standingOf(row, ctx.settings.health) !== "active" || row.inputs.orders.daysSinceFirstOrder === null)
      continue;
    active.push(row.customerId);
    features.push(extractFeatures(row.inputs, ctx.settings.health));
    plain.push(plainFeatures(row.inputs));
    outcome.push(labels.get(row.customerId) ? 1 : 0);
  }
  return { asOf, book, active, features, plain, labels: Uint8Array.from(outcome) };
}

/**
 * Days of orders an as-of date needs before it, to train on or to backtest: a shorter past says
 * little of a customer's rhythm.
 */
export const MIN_HISTORY_DAYS = 180;

/**
 * The past as-of dates a calibration for `asOf` learns from: the latest whose horizon has passed by
 * asOf, then every `everyDays` back, `count` dates, none before the book has MIN_HISTORY_DAYS of orders.
 */
export function trainingDates(options: {
  asOf: string;
  horizonDays: number;
  everyDays: number;
  count: number;
  firstOrderOn: string | null;
}): string[] {
  if (options.firstOrderOn === null) return [];
  const earliest = addDays(options.firstOrderOn, MIN_HISTORY_DAYS);
  const dates: string[] = [];
  for (let k = 0; k < options.count; k += 1) {
    const date = addDays(options.asOf, -options.horizonDays - k * options.everyDays);
    if (date < earliest) break;
    dates.push(date);
  }
  return dates;
}

/** A labelled date without its book's rows: what a calibration (and a cache of dates) keeps. */
export function withoutBookRows(set: LabelledDate): LabelledDate {
  return { ...set, book: { ...set.book, rows: [] } };
}

/**
 * The labelled training dates for a fit as of `asOf` (see `trainingDates`), newest first, each without
 * its book's rows; each date's repeat-buying fit warm-starts from the one before. `cache` lets a
 * backtest share them between its as-of dates and between the fits of one date.
 */
export async function trainingSets(
  ctx: ServiceContext,
  asOf: string,
  options: { firstOrderOn: string | null; cache?: Map<string, Promise<LabelledDate>> },
): Promise<{ dates: string[]; sets: LabelledDate[] }> {
  const { horizonDays, everyDays, trainingDates: count } = ctx.settings.health.calibration;
  const dates = trainingDates({ asOf, horizonDays, everyDays, count, firstOrderOn: options.firstOrderOn });
  const sets: LabelledDate[] = [];
  for (const date of dates) {
    const set =
      options.cache?.get(date) ??
      labelledDate(ctx, date, horizonDays, sets.at(-1)?.book.bgnbd ?? null).then(withoutBookRows);
    options.cache?.set(date, set);
    sets.push(await set);
  }
  return { dates, sets };
}

/** The sets' outcomes in one array, in the order of their features. */
export function pooledLabels(sets: LabelledDate[]): Uint8Array {
  return Uint8Array.from(sets.flatMap((set) => Array.from(set.labels)));
}
