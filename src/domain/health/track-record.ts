/**
 * The score's track record on the company's own history, as the chat shows it: of the customers the
 * score put at risk (or healthy) on past dates, how many had left within the horizon. Taken from the
 * latest backtest (dates replayed with only the data known then), so it exists from the first import
 * on, before the bot has months of its own snapshots. Pure.
 */
import type { HealthBand } from "./types.ts";

export interface BandRecord {
  customers: number;
  churnRate: number | null;
}

export interface TrackRecord {
  /** The latest replayed date; outcomes are known up to `lastDate` + `horizonDays`. */
  lastDate: string;
  firstDate: string;
  dates: number;
  horizonDays: number;
  bands: Record<HealthBand, BandRecord>;
  /** AUC of the score, and of the best yardstick on the same rows. */
  auc: number | null;
  bestYardstick: { name: "daysSinceLastOrder" | "rfm" | "bgnbd" | "plainLogistic"; auc: number | null };
}

interface BacktestFigures {
  asOfDates: string[];
  horizonDays: number;
  bands: Record<HealthBand, { customers: number; churnRate: number | null }>;
  score: { auc: number | null };
  baselines: Partial<Record<TrackRecord["bestYardstick"]["name"], { auc: number | null }>>;
}

export function trackRecordOf(report: BacktestFigures): TrackRecord | null {
  const lastDate = report.asOfDates[0];
  const firstDate = report.asOfDates.at(-1);
  if (lastDate === undefined || firstDate === undefined) return null;
  const band = (key: HealthBand): BandRecord => ({
    customers: report.bands[key].customers,
    churnRate: report.bands[key].churnRate,
  });
  const names = Object.keys(report.baselines) as Array<TrackRecord["bestYardstick"]["name"]>;
  const aucOf = (name: TrackRecord["bestYardstick"]["name"]) => report.baselines[name]?.auc ?? null;
  const best = names.reduce((a, b) => ((aucOf(b) ?? -1) > (aucOf(a) ?? -1) ? b : a));
  return {
    lastDate,
    firstDate,
    dates: report.asOfDates.length,
    horizonDays: report.horizonDays,
    bands: { HEALTHY: band("HEALTHY"), ATTENTION: band("ATTENTION"), AT_RISK: band("AT_RISK") },
    auc: report.score.auc,
    bestYardstick: { name: best, auc: aucOf(best) },
  };
}
