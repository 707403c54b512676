import { isoDateIn } from "../../clock.ts";
import {
  acknowledgeOpenAlerts,
  countAlertsAssignedTo,
  findLastAlertAction,
  reassignLiveAlerts,
  recordAlertActions,
  snoozeLiveAlerts,
} from "../../db/queries/alerts.ts";
import { findUserRecipient, findUserTimeSettings } from "../../db/queries/users.ts";
import type { SqlSession } from "../../db/sql-session.ts";
import { localParts } from "../../domain/alerts/local-time.ts";
import { toLocale } from "../../i18n/index.ts";
import {
  type AlertCardView,
  type AlertOutcome,
  type AlertSource,
  alertCard,
  type ReasonCode,
} from "../../views/alert-card.ts";
import type { ServiceContext } from "../context.ts";
import { enqueueForUser } from "../deliveries/enqueue-delivery.ts";
import { loadAlertCards } from "./load-alert-cards.ts";
import { refreshAlertMessages } from "./refresh-alert-messages.ts";

export interface AlertActor {
  id: number;
  name: string;
  role: "ADMIN" | "MANAGER" | "MEMBER";
}

export type AlertAction =
  | { kind: "acknowledge"; reason: ReasonCode | null }
  | { kind: "snooze"; days: number; reason: ReasonCode | null }
  | { kind: "reassign"; assigneeId: number };

export type AlertAccess =
  | { status: "gone" }
  | { status: "forbidden"; view: AlertCardView }
  | { status: "allowed"; view: AlertCardView };

export type ActResult =
  | { status: "gone" }
  | { status: "forbidden"; view: AlertCardView }
  | { status: "badAssignee" }
  /** `view.outcome` says what happened; `already` when someone (or a double click) did it first. */
  | { status: "done" | "already"; view: AlertCardView };

/**
 * May this person act on these alerts? The customer's owner, the alerts' assignee, managers and
 * admins may; anyone else may look but not act. The ids must be live or resolved alerts of one customer.
 */
export async function checkAlertAccess(options: {
  ctx: ServiceContext;
  actor: AlertActor;
  alertIds: number[];
}): Promise<AlertAccess> {
  const { ctx, actor, alertIds } = options;
  const today = isoDateIn(ctx.clock.now(), ctx.timezone);
  const views = await loadAlertCards(ctx.db.sql, { alertIds, asOf: today });
  const [view] = views;
  if (!view || views.length > 1) return { status: "gone" };
  if (actor.role !== "MEMBER" || view.owner?.id === actor.id) return { status: "allowed", view };
  const assigned = await countAlertsAssignedTo(ctx.db.sql, alertIds, actor.id);
  return assigned > 0 ? { status: "allowed", view } : { status: "forbidden", view };
}

/**
 * Acknowledge, snooze or reassign one customer's alerts, once: the update only touches alerts still in
 * a state the action applies to, so a double click or two people clicking at once change them once
 * and write one audit event each; the later click is told who did it first. The caller renders
 * `view` (with its outcome line) in place of the clicked message; the other alert messages sent
 * about these alerts (the owner's DM when acted on from a health card, an escalation) are updated here.
 */
export async function actOnAlerts(options: {
  ctx: ServiceContext;
  actor: AlertActor;
  alertIds: number[];
  action: AlertAction;
  /**
   * Where the click was: on an alert DM (`dm`: the platform updates that message, so the actor's own
   * DMs are left alone here) or on a health card (`card`). Absent: not from a chat message at all.
   */
  from?: AlertSource;
}): Promise<ActResult> {
  const { ctx, actor, alertIds, action } = options;
  const access = await checkAlertAccess(options);
  if (access.status !== "allowed") return access;
  const now = ctx.clock.now();
  const zone = (await findUserTimeSettings(ctx.db.sql, actor.id))?.timezone ?? ctx.timezone;
  const clock = (instant: Date) => localParts(instant, zone).time;
  const today = isoDateIn(now, ctx.timezone);

  // The new assignee's name (for the card) and language (for their DM), read once.
  const assignee = action.kind === "reassign" ? await findUserRecipient(ctx.db.sql, action.assigneeId) : null;
  if (action.kind === "reassign" && !assignee) return { status: "badAssignee" };

  const changed = await ctx.db.sql.transaction(async (tx) => {
    const rows = await applyAction(tx, action, alertIds, actor.id, now);
    if (rows.length === 0) return rows;
    const auditIds = await recordAlertActions(tx, {
      alertIds: rows,
      at: now,
      actorId: actor.id,
      action: auditAction(action),
      detail: auditDetail(action),
    });
    if (action.kind === "reassign" && action.assigneeId !== actor.id) {
      // The new assignee hears of it; the key names this hand-over, so a retry cannot repeat it.
      const [view] = await loadAlertCards(tx, { alertIds: rows, asOf: today });
      if (view) {
        const message = alertCard(
          {
            ...view,
            outcome: { kind: "reassigned", by: actor.name, at: clock(now), to: assignee?.name ?? "" },
          },
          toLocale(assignee?.locale),
          "dm",
        );
        await enqueueForUser({
          ctx,
          key: `alert:${Math.min(...rows)}:assigned:${Math.min(...auditIds)}`,
          userId: action.assigneeId,
          kind: "alert",
          message,
          tx,
        });
      }
    }
    return rows;
  });

  const [view] = await loadAlertCards(ctx.db.sql, { alertIds, asOf: today });
  if (!view) return { status: "gone" };
  if (changed.length > 0) {
    const done = { ...view, outcome: outcomeFor(action, actor.name, clock(now), view, assignee?.name ?? "") };
    await refreshAlertMessages({
      ctx,
      alertIds,
      view: done,
      ...(options.from === "dm" ? { skipUserId: actor.id } : {}),
    });
    return { status: "done", view: done };
  }
  // Nothing changed: a double click, or someone else was first. Say who did what, and when.
  const earlier = await findLastAlertAction(ctx.db.sql, alertIds, auditAction(action));
  if (view.alerts.every((alert) => alert.status === "RESOLVED")) {
    return { status: "already", view: { ...view, outcome: { kind: "resolved" } } };
  }
  if (!earlier) return { status: "already", view };
  const outcome = outcomeFor(
    action,
    earlier.name,
    clock(new Date(earlier.at)),
    view,
    earlier.assignee ?? assignee?.name ?? "",
  );
  return { status: "already", view: { ...view, outcome: { ...outcome, already: true } as AlertOutcome } };
}

/** The update for the action; only alerts still in a state it applies to change. The ids changed. */
async function applyAction(
  tx: SqlSession,
  action: AlertAction,
  alertIds: number[],
  actorId: number,
  at: Date,
): Promise<number[]> {
  switch (action.kind) {
    case "acknowledge":
      return acknowledgeOpenAlerts(tx, { alertIds, at, actorId, reason: action.reason });
    case "snooze":
      return snoozeLiveAlerts(tx, { alertIds, at, days: action.days, reason: action.reason });
    case "reassign":
      // The escalation clock starts again with the new person.
      return reassignLiveAlerts(tx, { alertIds, at, assigneeId: action.assigneeId });
  }
}

function auditAction(action: AlertAction): string {
  return action.kind === "acknowledge"
    ? "alert.acknowledged"
    : action.kind === "snooze"
      ? "alert.snoozed"
      : "alert.reassigned";
}

function auditDetail(action: AlertAction): Record<string, unknown> {
  switch (action.kind) {
    case "acknowledge":
      return { reason: action.reason };
    case "snooze":
      return { reason: action.reason, days: action.days };
    case "reassign":
      return { assigneeId: action.assigneeId };
  }
}

function outcomeFor(
  action: AlertAction,
  by: string,
  at: string,
  view: AlertCardView,
  assigneeName: string,
): AlertOutcome {
  switch (action.kind) {
    case "acknowledge":
      return {
        kind: "acknowledged",
        by,
        at,
        reason: view.alerts.find((a) => a.reasonCode)?.reasonCode ?? null,
      };
    case "snooze": {
      const until = view.alerts.find((alert) => alert.snoozedUntil)?.snoozedUntil ?? "";
      return {
        kind: "snoozed",
        by,
        at,
        until,
        reason: view.alerts.find((a) => a.reasonCode)?.reasonCode ?? null,
      };
    }
    case "reassign":
      return { kind: "reassigned", by, at, to: view.assignee?.name ?? assigneeName };
  }
}
