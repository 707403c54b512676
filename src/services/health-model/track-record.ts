import { isAppError } from "../../app-error.ts";
import { isoDateIn } from "../../clock.ts";
import { latestHealthModel, saveHealthModel } from "../../db/queries/health-models.ts";
import { daysBetween } from "../../domain/dates.ts";
import { type TrackRecord, trackRecordOf } from "../../domain/health/track-record.ts";
import type { ServiceContext } from "../context.ts";
import { type BacktestReport, runBacktest } from "./run-backtest.ts";

/** Keeps a backtest's figures as the track record the chat shows (card-free: App Home, /klant-kpi, digest). */
export async function saveTrackRecord(
  ctx: ServiceContext,
  report: BacktestReport,
): Promise<TrackRecord | null> {
  const record = trackRecordOf(report);
  if (!record) return null;
  const today = isoDateIn(ctx.clock.now(), ctx.timezone);
  await saveHealthModel(ctx.db.sql, { kind: "track-record", asOf: today, params: record });
  return record;
}

/** The latest stored track record on or before today, or null before the first backtest. */
export async function latestTrackRecord(ctx: ServiceContext): Promise<TrackRecord | null> {
  const today = isoDateIn(ctx.clock.now(), ctx.timezone);
  return (await latestHealthModel(ctx.db.sql, "track-record", today))?.params ?? null;
}

/**
 * Run the backtest again when the stored track record is older than the calibration's refit interval
 * (or missing), so the figures users see follow the model they are shown. A book too short to
 * backtest keeps no record (the views say so).
 */
export async function refreshTrackRecord(ctx: ServiceContext): Promise<TrackRecord | null> {
  const today = isoDateIn(ctx.clock.now(), ctx.timezone);
  const stored = await latestHealthModel(ctx.db.sql, "track-record", today);
  if (stored && daysBetween(stored.asOf, today) < ctx.settings.health.calibration.everyDays)
    return stored.params;
  let report: BacktestReport;
  try {
    report = await runBacktest({ ctx });
  } catch (error) {
    // Too little history (no orders, or none older than the horizon): nothing to show yet.
    if (!isAppError(error) || error.code !== "BAD_INPUT") throw error;
    ctx.log.info({ reason: error.message }, "no track record yet");
    return null;
  }
  return saveTrackRecord(ctx, report);
}
