import { querySignalInputs } from "../../db/queries/signal-inputs.ts";
import { defaultBgNbdParams } from "../../domain/health/bgnbd.ts";
import { scoreHealth } from "../../domain/health/score.ts";
import type { HealthResult } from "../../domain/health/types.ts";
import type { ServiceContext } from "../context.ts";
import { type CustomerStanding, fillRhythm, modelsFor, standingOf } from "./book-at.ts";

export interface LiveHealth {
  health: HealthResult;
  standing: CustomerStanding;
}

/**
 * Customers' health on a date computed now, with the book's models of that date (the latest stored
 * fits on or before it), without storing anything: for a customer never scored, and for churned
 * customers, whose model estimate still says how likely they are to come back. Customers that did not
 * exist yet on the date are absent from the result.
 */
export async function scoreLive(
  ctx: ServiceContext,
  asOf: string,
  customerIds: number[],
): Promise<Map<number, LiveHealth>> {
  const result = new Map<number, LiveHealth>();
  if (customerIds.length === 0) return result;
  const settings = ctx.settings.health;
  const [rows, models] = await Promise.all([
    querySignalInputs(ctx.db.sql, {
      asOf,
      recentDays: settings.recentWindowDays,
      baselineDays: settings.baselineWindowDays,
      pulseMaxAgeDays: settings.pulseMaxAgeDays,
      customerIds,
    }),
    modelsFor(ctx, asOf),
  ]);
  fillRhythm(rows, models.bgnbd ?? defaultBgNbdParams, settings.calibration.horizonDays);
  for (const row of rows) {
    result.set(row.customerId, {
      health: scoreHealth(row.inputs, settings, models.calibration),
      standing: standingOf(row, settings),
    });
  }
  return result;
}
