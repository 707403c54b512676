import { trendBaseLateral } from "../../db/queries/score-trend.ts";
import { querySignalInputs } from "../../db/queries/signal-inputs.ts";
import { sqlTimestamp } from "../../db/timestamps.ts";
import { type AlertCondition, evaluateAlertRules, type SnapshotView } from "../../domain/alerts/rules.ts";
import type { HealthBand, SignalResult } from "../../domain/health/types.ts";
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

interface FactsRow {
  customer_id: number;
  score: number;
  band: HealthBand;
  confidence: number;
  signals: SignalResult[] | string;
  previous_band: HealthBand | null;
  before_on: string | null;
  before_score: number | null;
  before_band: HealthBand | null;
  before_confidence: number | null;
  before_signals: SignalResult[] | string | null;
  recent_complaints: number;
  /** Kinds of this customer's live alerts, comma-separated (a string works the same on both drivers). */
  live_kinds: string | null;
}

/**
 * Run the alert rules over today's snapshots (after the daily scoring) and bring the alerts table in
 * line: a condition that holds and has no live alert opens one (one per customer and kind, by the
 * unique `active_key`); a live alert whose condition no longer holds is resolved. Every opening and
 * resolution is an audit event. Set-based: one facts statement, one signal aggregation, two writes.
 * Idempotent: a second run on the same day changes nothing.
 */
export async function evaluateAlerts(options: {
  ctx: ServiceContext;
  asOf: string;
  /** Only these customers (after a pulse or an import rescored them); default every scored customer. */
  customerIds?: number[];
}): Promise<EvaluateAlertsResult> {
  const { ctx, asOf } = options;
  const only = options.customerIds ?? null;
  const settings = proactiveSettings(ctx).alerts;
  const now = ctx.clock.now().toISOString();
  const [facts, inputs] = await Promise.all([
    ctx.db.sql.query<FactsRow>(
      `SELECT s.customer_id, s.score, s.band::text AS band, s.confidence, s.signals,
              prev.band AS previous_band,
              b.as_of AS before_on, b.score AS before_score, b.band AS before_band,
              b.confidence AS before_confidence, b.signals AS before_signals,
              COALESCE(cp.n, 0)::int AS recent_complaints,
              (SELECT string_agg(a.kind::text, ',') FROM alerts a
               WHERE a.customer_id = s.customer_id AND a.status <> 'RESOLVED') AS live_kinds
       FROM health_snapshots s
       LEFT JOIN LATERAL (
         SELECT p.band::text AS band FROM health_snapshots p
         WHERE p.customer_id = s.customer_id AND p.as_of < s.as_of ORDER BY p.as_of DESC LIMIT 1) prev ON true
       LEFT JOIN ${trendBaseLateral({
         customer: "s.customer_id",
         nowDate: "s.as_of",
         days: settings.rules.scoreDrop.days,
         columns: "tb.as_of::text AS as_of, tb.score, tb.band::text AS band, tb.confidence, tb.signals",
       })} b ON true
       LEFT JOIN (
         SELECT customer_id, count(*) AS n FROM complaints
         WHERE opened_on > $1::date - $2::int AND opened_on <= $1::date GROUP BY customer_id) cp
         ON cp.customer_id = s.customer_id
       WHERE s.as_of = $1::date AND ($3::int[] IS NULL OR s.customer_id = ANY ($3::int[]))`,
      [asOf, settings.rules.complaints.withinDays, only],
    ),
    querySignalInputs(ctx.db.sql, {
      asOf,
      ...(only ? { customerIds: only } : {}),
      recentDays: ctx.settings.health.recentWindowDays,
      baselineDays: ctx.settings.health.baselineWindowDays,
      pulseMaxAgeDays: ctx.settings.health.pulseMaxAgeDays,
    }),
  ]);
  const inputsById = new Map(inputs.map((row) => [row.customerId, row.inputs]));

  const found: Array<AlertCondition & { customerId: number; pushworthy: boolean }> = [];
  const evaluatedIds: number[] = [];
  for (const row of facts) {
    const customerId = Number(row.customer_id);
    const customerInputs = inputsById.get(customerId);
    if (!customerInputs) continue;
    evaluatedIds.push(customerId);
    const current: SnapshotView = {
      asOf,
      score: Number(row.score),
      band: row.band,
      confidence: Number(row.confidence),
      signals: parseJson(row.signals),
    };
    const before: SnapshotView | null =
      row.before_on === null || row.before_band === null
        ? null
        : {
            asOf: row.before_on,
            score: Number(row.before_score),
            band: row.before_band,
            confidence: Number(row.before_confidence),
            signals: parseJson(row.before_signals ?? "[]"),
          };
    const outcome = evaluateAlertRules(
      {
        customerId,
        current,
        previousBand: row.previous_band,
        before,
        inputs: customerInputs,
        recentComplaints: Number(row.recent_complaints),
        liveKinds: new Set(row.live_kinds ? row.live_kinds.split(",") : []),
      },
      settings,
      ctx.settings.health,
    );
    for (const condition of outcome.conditions) {
      found.push({ ...condition, customerId, pushworthy: outcome.pushworthy });
    }
  }

  const result = await ctx.db.sql.transaction(async (tx) => {
    const opened = await tx.query<{ id: number; notify_state: string }>(
      `WITH found AS (
         SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[]) AS t(customer_id, kind, detail, notify_state)
       ),
       ins AS (
         INSERT INTO alerts (customer_id, kind, status, active_key, detail, opened_at, updated_at, notify_state)
         SELECT customer_id, kind, 'OPEN', customer_id || ':' || kind, detail::jsonb,
                ${sqlTimestamp("$5")}, ${sqlTimestamp("$5")}, notify_state
         FROM found
         -- A live alert whose condition still holds keeps its state but takes today's figures, so
         -- a DM sent or refreshed later never shows older numbers than the card (keys such as
         -- reopenedAt that only the alert has are kept).
         ON CONFLICT (active_key) DO UPDATE SET detail = alerts.detail || EXCLUDED.detail
         RETURNING id, customer_id, kind, notify_state, (xmax = 0) AS inserted
       ),
       audit AS (
         INSERT INTO audit_events (at, actor_user_id, action, entity, entity_id, detail)
         SELECT ${sqlTimestamp("$5")}, NULL, 'alert.opened', 'alert', ins.id::text,
                jsonb_build_object('customerId', ins.customer_id, 'kind', ins.kind, 'notify', ins.notify_state)
         FROM ins WHERE ins.inserted
       )
       SELECT id, notify_state FROM ins WHERE ins.inserted`,
      [
        found.map((f) => f.customerId),
        found.map((f) => f.kind),
        found.map((f) => JSON.stringify({ ...f.detail })),
        found.map((f) => (f.pushworthy ? "PENDING" : "DIGEST")),
        now,
      ],
    );
    // Resolve live alerts whose condition is gone: among the customers evaluated today, and for
    // customers that are no longer active (churned, or gone from scoring altogether).
    const resolved = await tx.query<{ id: number }>(
      `WITH found AS (
         SELECT * FROM unnest($1::int[], $2::text[]) AS t(customer_id, kind)
       ),
       res AS (
         UPDATE alerts a SET status = 'RESOLVED', active_key = NULL, resolved_at = ${sqlTimestamp("$4")},
                updated_at = ${sqlTimestamp("$4")}
         WHERE a.status <> 'RESOLVED'
           AND NOT EXISTS (SELECT 1 FROM found f WHERE f.customer_id = a.customer_id AND f.kind = a.kind)
           AND (a.customer_id = ANY ($3::int[])
                OR (EXISTS (SELECT 1 FROM customers c WHERE c.id = a.customer_id AND c.status = 'CHURNED')
                    AND ($5::int[] IS NULL OR a.customer_id = ANY ($5::int[]))))
         RETURNING a.id, a.customer_id, a.kind, a.status
       ),
       audit AS (
         INSERT INTO audit_events (at, actor_user_id, action, entity, entity_id, detail)
         SELECT ${sqlTimestamp("$4")}, NULL, 'alert.resolved', 'alert', res.id::text,
                jsonb_build_object('customerId', res.customer_id, 'kind', res.kind, 'why', 'condition cleared')
         FROM res
       )
       SELECT id FROM res`,
      [found.map((f) => f.customerId), found.map((f) => f.kind), evaluatedIds, now, only],
    );
    return {
      opened: opened.length,
      pushworthy: opened.filter((row) => row.notify_state === "PENDING").length,
      resolved: resolved.length,
    };
  });
  ctx.log.info({ asOf, evaluated: evaluatedIds.length, ...result }, "alerts evaluated");
  return { asOf, evaluated: evaluatedIds.length, ...result };
}

function parseJson<T>(value: T | string): T {
  return typeof value === "string" ? (JSON.parse(value) as T) : value;
}
