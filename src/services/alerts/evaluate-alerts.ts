import { openAlertsForConditions, resolveClearedAlerts } from "../../db/queries/alert-conditions.ts";
import { queryAlertFacts } from "../../db/queries/alert-facts.ts";
import { queryDeliveredSources, querySignalInputs } from "../../db/queries/signal-inputs.ts";
import { type AlertCondition, evaluateAlertRules } from "../../domain/alerts/rules.ts";
import { customerRanges } from "../book-ranges.ts";
import type { ServiceContext } from "../context.ts";
import { proactiveSettings } from "./proactive-settings.ts";

export interface EvaluateAlertsResult {
  asOf: string;
  evaluated: number;
  opened: number;
  resolved: number;
  /** Of the opened ones, how many may be DM'd (band fell or unusual move); the rest are digest-only. */
  pushworthy: number;
}

/**
 * Run the alert rules over today's snapshots (after the daily scoring) and bring the alerts table in
 * line: a condition that holds and has no live alert opens one (one per customer and kind, by the
 * unique `active_key`); a live alert whose condition no longer holds is resolved. Every opening and
 * resolution is an audit event. Set-based: one facts statement and one signal aggregation per range
 * of customers (book-ranges.ts), two writes.
 * Idempotent: a second run on the same day changes nothing.
 */
export async function evaluateAlerts(options: {
  ctx: ServiceContext;
  asOf: string;
  /** Only these customers (after a pulse or an import rescored them); default every scored customer. */
  customerIds?: number[];
  /** Customers per read of the whole book (default: book-ranges.ts); tests use small ones. */
  chunkCustomers?: number;
}): Promise<EvaluateAlertsResult> {
  const { ctx, asOf } = options;
  const only = options.customerIds ?? null;
  const settings = proactiveSettings(ctx).alerts;
  const now = ctx.clock.now();
  const found: Array<AlertCondition & { customerId: number; pushworthy: boolean }> = [];
  const evaluatedIds: number[] = [];
  // A range of customers at a time (book-ranges.ts): each range's facts (two snapshots' signals per
  // customer) and inputs are let go before the next, and on PGlite no statement holds the event loop
  // for the whole book. What the rules find per customer does not depend on the others.
  const [ranges, sources] = await Promise.all([
    customerRanges(ctx, asOf, { customerIds: options.customerIds, chunkCustomers: options.chunkCustomers }),
    queryDeliveredSources(ctx.db.sql, asOf),
  ]);
  for (const idRange of ranges) {
    const [facts, inputs] = await Promise.all([
      queryAlertFacts(ctx.db.sql, {
        asOf,
        complaintsWithinDays: settings.rules.complaints.withinDays,
        scoreDropDays: settings.rules.scoreDrop.days,
        customerIds: only,
        idRange,
      }),
      querySignalInputs(ctx.db.sql, {
        asOf,
        ...(only ? { customerIds: only } : {}),
        idRange,
        sources,
        recentDays: ctx.settings.health.recentWindowDays,
        baselineDays: ctx.settings.health.baselineWindowDays,
        pulseMaxAgeDays: ctx.settings.health.pulseMaxAgeDays,
      }),
    ]);
    const inputsById = new Map(inputs.map((row) => [row.customerId, row.inputs]));
    for (const row of facts) {
      const customerId = row.customerId;
      const customerInputs = inputsById.get(customerId);
      if (!customerInputs) continue;
      evaluatedIds.push(customerId);
      const outcome = evaluateAlertRules(
        {
          customerId,
          current: row.current,
          previousBand: row.previousBand,
          before: row.before,
          inputs: customerInputs,
          recentComplaints: row.recentComplaints,
          liveKinds: new Set(row.liveKinds),
        },
        settings,
        ctx.settings.health,
      );
      for (const condition of outcome.conditions) {
        found.push({ ...condition, customerId, pushworthy: outcome.pushworthy });
      }
    }
  }

  const result = await ctx.db.sql.transaction(async (tx) => {
    const opened = await openAlertsForConditions(
      tx,
      found.map((f) => ({
        customerId: f.customerId,
        kind: f.kind,
        detail: f.detail,
        notifyState: f.pushworthy ? "PENDING" : "DIGEST",
      })),
      now,
    );
    // Resolve live alerts whose condition is gone: among the customers evaluated today, and for
    // customers that are no longer active (churned, or gone from scoring altogether).
    const resolved = await resolveClearedAlerts(tx, {
      holding: found,
      evaluatedCustomerIds: evaluatedIds,
      onlyCustomerIds: only,
      at: now,
    });
    return {
      opened: opened.length,
      pushworthy: opened.filter((row) => row.notifyState === "PENDING").length,
      resolved: resolved.length,
    };
  });
  ctx.log.info({ asOf, evaluated: evaluatedIds.length, ...result }, "alerts evaluated");
  return { asOf, evaluated: evaluatedIds.length, ...result };
}
