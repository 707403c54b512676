import { isoDateIn } from "../clock.ts";
import { listCustomerSegments } from "../db/queries/customers.ts";
import { queryLatestScores, queryRevenueAtRisk } from "../db/queries/risk-list.ts";
import { signalsWorstFirst } from "../domain/health/signal-order.ts";
import type { SignalKey, StoredReason } from "../domain/health/types.ts";
import type { ServiceContext } from "./context.ts";

export interface AtRiskCustomer {
  customer: { id: number; externalId: string; name: string; segment: string; owner: string | null };
  score: number;
  band: "HEALTHY" | "ATTENTION" | "AT_RISK";
  scoredOn: string;
  /** Score now − 30 days ago (src/domain/trend.ts); null without that history. */
  trend: number | null;
  /** Trailing-12-month revenue, cents: what leaves if this customer leaves. */
  revenueAtRisk: number;
  /** The reason the customer's card names first (the signal costing the most points): the first thing to talk about. */
  topReason: StoredReason | null;
  topSignal: SignalKey | null;
}

export interface RiskList {
  asOf: string;
  total: number;
  totalRevenueAtRisk: number;
  customers: AtRiskCustomer[];
}

/** The at-risk customers (latest snapshot) ordered by revenue at risk, largest first. */
export async function getRiskList(options: {
  ctx: ServiceContext;
  segment?: string | undefined;
  limit: number;
  asOf?: string;
}): Promise<RiskList> {
  const { ctx, segment, limit } = options;
  const asOf = options.asOf ?? isoDateIn(ctx.clock.now(), ctx.timezone);
  const [rows, totals] = await Promise.all([
    queryLatestScores(ctx.db.sql, { asOf, segment, bands: ["AT_RISK"], limit }),
    queryRevenueAtRisk(ctx.db.sql, { asOf, segment }),
  ]);
  return {
    asOf,
    total: totals.customers,
    totalRevenueAtRisk: totals.cents,
    customers: rows.map((row) => {
      const worst = worstSignal(row.signals);
      return {
        customer: {
          id: row.customerId,
          externalId: row.externalId,
          name: row.name,
          segment: row.segment,
          owner: row.ownerName,
        },
        score: row.score,
        band: row.band,
        scoredOn: row.scoredOn,
        trend: row.trend,
        revenueAtRisk: row.trailingRevenueCents,
        topReason: worst?.reason ?? null,
        topSignal: worst?.key ?? null,
      };
    }),
  };
}

interface StoredSignal {
  key: SignalKey;
  score: number | null;
  points?: number | null;
  reason: StoredReason;
}

/** The signal the card names first (signal-order.ts): the one that costs the most points. */
function worstSignal(signals: unknown): StoredSignal | null {
  if (!Array.isArray(signals)) return null;
  return signalsWorstFirst(signals as StoredSignal[])[0] ?? null;
}

/** Segments as they are spelled in the data, for validating and suggesting. */
export async function listSegments(ctx: ServiceContext): Promise<string[]> {
  return listCustomerSegments(ctx.db.sql);
}
