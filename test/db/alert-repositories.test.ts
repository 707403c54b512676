import { expect, it } from "vitest";
import { openAlertsForConditions, resolveClearedAlerts } from "../../src/db/queries/alert-conditions.ts";
import { queryAlertFacts } from "../../src/db/queries/alert-facts.ts";
import {
  listAlertDmsSince,
  listAlertsAwaitingDm,
  listEscalationCandidates,
  markAlertsDigestOnly,
  markAlertsEscalated,
  markAlertsNotified,
} from "../../src/db/queries/alert-notifications.ts";
import {
  acknowledgeOpenAlerts,
  countAlertsAssignedTo,
  findLastAlertAction,
  loadAlertCardRows,
  reassignLiveAlerts,
  recordAlertActions,
  reopenEndedSnoozes,
  snoozeLiveAlerts,
} from "../../src/db/queries/alerts.ts";
import { listActiveChannelSubscriptions } from "../../src/db/queries/digest-subscriptions.ts";
import { insertDelivery, listSentAlertDeliveries, markDeliverySent } from "../../src/db/queries/outbox.ts";
import type { SqlSession } from "../../src/db/sql-session.ts";
import type { AlertDetail } from "../../src/domain/alerts/rules.ts";
import { channelsForSegment } from "../../src/services/digests/digest-subscriptions.ts";
import { describeEachDatabase } from "../support/each-database.ts";

const t = (iso: string) => new Date(iso);
const detail = (fields: Record<string, unknown>) => fields as unknown as AlertDetail;

async function userId(sql: SqlSession, email: string): Promise<number> {
  const [row] = await sql.query<{ id: number }>("SELECT id FROM users WHERE email = $1", [email]);
  return Number(row!.id);
}

async function addCustomer(
  sql: SqlSession,
  externalId: string,
  options: { ownerId?: number | null; segment?: string; status?: "ACTIVE" | "CHURNED" } = {},
): Promise<number> {
  const [row] = await sql.query<{ id: number }>(
    `INSERT INTO customers (external_id, name, search_name, segment, owner_id, status, customer_since)
     VALUES ($1, $2, lower($2), $3, $4, $5::"CustomerStatus", '2024-01-01') RETURNING id`,
    [
      externalId,
      `Customer ${externalId}`,
      options.segment ?? "",
      options.ownerId ?? null,
      options.status ?? "ACTIVE",
    ],
  );
  return Number(row!.id);
}

async function addAlert(
  sql: SqlSession,
  customerId: number,
  kind: string,
  fields: {
    status?: "OPEN" | "ACKNOWLEDGED" | "SNOOZED" | "RESOLVED";
    notifyState?: "PENDING" | "SENT" | "DIGEST";
    assigneeId?: number;
    detail?: Record<string, unknown>;
    snoozedUntil?: string;
    acknowledgedAt?: string;
    notifiedAt?: string;
    notifiedUserId?: number;
  } = {},
): Promise<number> {
  const status = fields.status ?? "OPEN";
  const [row] = await sql.query<{ id: number }>(
    `INSERT INTO alerts (customer_id, kind, status, active_key, detail, assignee_id, notify_state, snoozed_until,
                         acknowledged_at, notified_at, notified_user_id, opened_at)
     VALUES ($1, $2, $3::"AlertStatus", $11, $4::jsonb, $5, $6, $7::timestamp, $8::timestamp, $9::timestamp, $10,
             '2026-11-20 09:00')
     RETURNING id`,
    [
      customerId,
      kind,
      status,
      JSON.stringify(fields.detail ?? { score: 40 }),
      fields.assigneeId ?? null,
      fields.notifyState ?? "PENDING",
      fields.snoozedUntil ?? null,
      fields.acknowledgedAt ?? null,
      fields.notifiedAt ?? null,
      fields.notifiedUserId ?? null,
      status === "RESOLVED" ? null : `${customerId}:${kind}`,
    ],
  );
  return Number(row!.id);
}

async function alertState(sql: SqlSession, id: number) {
  const [row] = await sql.query<{
    status: string;
    notify_state: string;
    active_key: string | null;
    reason_code: string | null;
    assignee_id: number | null;
    acknowledged_by_id: number | null;
    acknowledged_at: string | null;
    notified_user_id: number | null;
    escalated_at: string | null;
    detail: unknown;
  }>(
    `SELECT status::text AS status, notify_state, active_key, reason_code, assignee_id, acknowledged_by_id,
            acknowledged_at::text AS acknowledged_at, notified_user_id, escalated_at::text AS escalated_at,
            detail::text AS detail
     FROM alerts WHERE id = $1`,
    [id],
  );
  return {
    ...row!,
    assignee_id: row!.assignee_id === null ? null : Number(row!.assignee_id),
    acknowledged_by_id: row!.acknowledged_by_id === null ? null : Number(row!.acknowledged_by_id),
    notified_user_id: row!.notified_user_id === null ? null : Number(row!.notified_user_id),
    detail: JSON.parse(String(row!.detail)) as Record<string, unknown>,
  };
}

async function auditsOf(sql: SqlSession, action: string, alertIds: number[]) {
  const rows = await sql.query<{ entity_id: string; actor_user_id: number | null; detail: string }>(
    `SELECT entity_id, actor_user_id, detail::text AS detail FROM audit_events
     WHERE entity = 'alert' AND action = $1 AND entity_id = ANY ($2::text[]) ORDER BY entity_id::int, id`,
    [action, alertIds.map(String)],
  );
  return rows.map((row) => ({
    alertId: Number(row.entity_id),
    actorId: row.actor_user_id === null ? null : Number(row.actor_user_id),
    detail: JSON.parse(row.detail) as Record<string, unknown>,
  }));
}

describeEachDatabase(
  "alert repositories in src/db: alerts, alert facts, channel subscriptions, sent alert messages",
  (database) => {
    it("acknowledge, snooze, reassign: only alerts in a state the action applies to change, once", async () => {
      const { sql } = database();
      const anna = await userId(sql, "anna@example.test");
      const bram = await userId(sql, "bram@example.test");
      const customerId = await addCustomer(sql, "ACT", { ownerId: anna });
      const open = await addAlert(sql, customerId, "at-risk");
      const acknowledged = await addAlert(sql, customerId, "score-drop", { status: "ACKNOWLEDGED" });
      const resolved = await addAlert(sql, customerId, "complaints", { status: "RESOLVED" });
      const alsoOpen = await addAlert(sql, customerId, "detractor");
      const at = t("2026-11-25T09:00:00Z");

      expect(
        await acknowledgeOpenAlerts(sql, {
          alertIds: [resolved, acknowledged, open],
          at,
          actorId: anna,
          reason: "price",
        }),
      ).toEqual([open]);
      // A double click: nothing left to acknowledge.
      expect(
        await acknowledgeOpenAlerts(sql, { alertIds: [open], at, actorId: anna, reason: "price" }),
      ).toEqual([]);
      expect(await alertState(sql, open)).toMatchObject({
        status: "ACKNOWLEDGED",
        reason_code: "price",
        acknowledged_by_id: anna,
        acknowledged_at: "2026-11-25 09:00:00",
      });

      // OPEN and ACKNOWLEDGED snooze, RESOLVED does not; ids come back ascending; no reason keeps the old one.
      expect(
        await snoozeLiveAlerts(sql, { alertIds: [resolved, acknowledged, open], at, days: 7, reason: null }),
      ).toEqual([open, acknowledged].sort((a, b) => a - b));
      expect(await snoozeLiveAlerts(sql, { alertIds: [open], at, days: 7, reason: null })).toEqual([]);
      const [snoozed] = await loadAlertCardRows(sql, { alertIds: [open], asOf: "2026-11-25" });
      expect(snoozed).toMatchObject({
        status: "SNOOZED",
        snoozedUntil: "2026-12-02T09:00:00Z",
        reasonCode: "price",
      });

      // Every live alert not yet with Bram moves to him; an OPEN one counts as told (the escalation clock restarts).
      const reassigned = await reassignLiveAlerts(sql, {
        alertIds: [open, acknowledged, resolved, alsoOpen],
        at,
        assigneeId: bram,
      });
      expect(reassigned).toEqual([open, acknowledged, alsoOpen].sort((a, b) => a - b));
      expect(
        await reassignLiveAlerts(sql, { alertIds: [open, acknowledged, alsoOpen], at, assigneeId: bram }),
      ).toEqual([]);
      expect(await alertState(sql, alsoOpen)).toMatchObject({
        assignee_id: bram,
        notify_state: "SENT",
        notified_user_id: bram,
      });
      expect(await alertState(sql, open)).toMatchObject({ assignee_id: bram, notify_state: "PENDING" });
      expect(await alertState(sql, resolved)).toMatchObject({ assignee_id: null });
      expect(await countAlertsAssignedTo(sql, [open, acknowledged, resolved, alsoOpen], bram)).toBe(3);
      expect(await countAlertsAssignedTo(sql, [open, acknowledged, resolved, alsoOpen], anna)).toBe(0);

      // The audit trail: who did what last, and to whom it was handed over.
      const auditIds = await recordAlertActions(sql, {
        alertIds: reassigned,
        at,
        actorId: anna,
        action: "alert.reassigned",
        detail: { assigneeId: bram },
      });
      expect(auditIds).toHaveLength(3);
      expect(await auditsOf(sql, "alert.reassigned", reassigned)).toEqual(
        reassigned.map((alertId) => ({ alertId, actorId: anna, detail: { assigneeId: bram } })),
      );
      expect(await findLastAlertAction(sql, [alsoOpen], "alert.reassigned")).toEqual({
        name: "Anna",
        at: "2026-11-25T09:00:00Z",
        assignee: "Bram",
      });
      expect(await findLastAlertAction(sql, [resolved], "alert.reassigned")).toBeNull();
      expect(await findLastAlertAction(sql, [open], "alert.acknowledged")).toBeNull();
    });

    it("alert card rows: the customer, owner, assignee and 12 months' revenue; live ones for customers", async () => {
      const { sql } = database();
      const anna = await userId(sql, "anna@example.test");
      const bram = await userId(sql, "bram@example.test");
      const customerId = await addCustomer(sql, "CARD", { ownerId: anna, segment: "Retail" });
      await sql.query(
        `INSERT INTO invoices (external_id, customer_id, issued_on, due_on, amount_cents) VALUES
           ('CARD-1', $1, '2026-06-01', '2026-07-01', 100000),
           ('CARD-2', $1, '2025-11-25', '2025-12-25', 5000),
           ('CARD-3', $1, '2026-11-26', '2026-12-26', 7000)`,
        [customerId],
      );
      const live = await addAlert(sql, customerId, "payment-delay", {
        assigneeId: bram,
        detail: { score: 40, values: { recentDaysLate: 25 } },
      });
      const resolved = await addAlert(sql, customerId, "at-risk", { status: "RESOLVED" });

      expect(await loadAlertCardRows(sql, { alertIds: [live], asOf: "2026-11-25" })).toEqual([
        {
          id: live,
          customerId,
          kind: "payment-delay",
          status: "OPEN",
          detail: { score: 40, values: { recentDaysLate: 25 } },
          reasonCode: null,
          openedAt: "2026-11-20T09:00:00Z",
          snoozedUntil: null,
          customer: { name: "Customer CARD", externalId: "CARD", segment: "Retail" },
          owner: { id: anna, name: "Anna", slackUserId: "UANNA", teamsUserId: null },
          assignee: { id: bram, name: "Bram", slackUserId: null, teamsUserId: null },
          // Invoices after today and a year or more ago do not count.
          revenueCents: 100000,
        },
      ]);
      expect(
        (await loadAlertCardRows(sql, { liveForCustomers: [customerId], asOf: "2026-11-25" })).map(
          (row) => row.id,
        ),
      ).toEqual([live]);
      // By id, a resolved alert is still read (a click on an old message).
      expect(
        (await loadAlertCardRows(sql, { alertIds: [resolved], asOf: "2026-11-25" })).map((row) => row.status),
      ).toEqual(["RESOLVED"]);
    });

    it("snoozes that ran out re-open once, to be told and acknowledged again, with when they ended", async () => {
      const { sql } = database();
      const customerId = await addCustomer(sql, "SNOOZE");
      const ended = await addAlert(sql, customerId, "at-risk", {
        status: "SNOOZED",
        notifyState: "SENT",
        snoozedUntil: "2026-11-25 08:00",
        acknowledgedAt: "2026-11-18 09:00",
        detail: { score: 40, bandFell: true },
      });
      const running = await addAlert(sql, customerId, "score-drop", {
        status: "SNOOZED",
        snoozedUntil: "2026-11-26 08:00",
      });

      const ids = await reopenEndedSnoozes(sql, t("2026-11-25T09:00:00Z"));
      expect(ids).toContain(ended);
      expect(ids).not.toContain(running);
      expect(await reopenEndedSnoozes(sql, t("2026-11-25T09:05:00Z"))).toEqual([]);
      expect(await alertState(sql, ended)).toMatchObject({
        status: "OPEN",
        notify_state: "PENDING",
        acknowledged_at: null,
        detail: { score: 40, bandFell: true, reopenedAt: "2026-11-25T08:00:00Z" },
      });
      expect(await alertState(sql, running)).toMatchObject({ status: "SNOOZED" });
      expect(await auditsOf(sql, "alert.reopened", [ended, running])).toEqual([
        { alertId: ended, actorId: null, detail: { customerId, kind: "at-risk", why: "snooze ended" } },
      ]);
      // Nobody did it: the audit says Klantpuls.
      expect(await findLastAlertAction(sql, [ended], "alert.reopened")).toEqual({
        name: "Klantpuls",
        at: "2026-11-25T09:00:00Z",
        assignee: null,
      });
    });

    it("evaluation: a holding condition opens one alert per customer and kind; a cleared one resolves", async () => {
      const { sql } = database();
      const evaluated = await addCustomer(sql, "EVAL");
      const churned = await addCustomer(sql, "GONE", { status: "CHURNED" });
      const notEvaluated = await addCustomer(sql, "REST");
      const stillHolding = await addAlert(sql, evaluated, "complaints", {
        notifyState: "SENT",
        detail: { score: 50, reopenedAt: "2026-11-20T08:00:00Z" },
      });
      const ofChurned = await addAlert(sql, churned, "at-risk");
      const elsewhere = await addAlert(sql, notEvaluated, "at-risk");
      const at = t("2026-11-25T06:00:00Z");

      const conditions = [
        {
          customerId: evaluated,
          kind: "at-risk" as const,
          detail: detail({ score: 30 }),
          notifyState: "PENDING" as const,
        },
        {
          customerId: evaluated,
          kind: "complaints" as const,
          detail: detail({ score: 30 }),
          notifyState: "DIGEST" as const,
        },
      ];
      const opened = await openAlertsForConditions(sql, conditions, at);
      expect(opened).toEqual([{ id: expect.any(Number), notifyState: "PENDING" }]);
      expect(await alertState(sql, opened[0]!.id)).toMatchObject({
        status: "OPEN",
        notify_state: "PENDING",
        active_key: `${evaluated}:at-risk`,
        detail: { score: 30 },
      });
      // The live alert keeps its state and its own keys, and takes today's figures.
      expect(await alertState(sql, stillHolding)).toMatchObject({
        notify_state: "SENT",
        detail: { score: 30, reopenedAt: "2026-11-20T08:00:00Z" },
      });
      expect(await auditsOf(sql, "alert.opened", [opened[0]!.id, stillHolding])).toEqual([
        {
          alertId: opened[0]!.id,
          actorId: null,
          detail: { customerId: evaluated, kind: "at-risk", notify: "PENDING" },
        },
      ]);
      // The same day again: nothing new.
      expect(await openAlertsForConditions(sql, conditions, at)).toEqual([]);

      // Only the complaints condition cleared; a run for some customers leaves other churned ones alone.
      const holding = [{ customerId: evaluated, kind: "at-risk" }];
      expect(
        await resolveClearedAlerts(sql, {
          holding,
          evaluatedCustomerIds: [evaluated],
          onlyCustomerIds: [evaluated],
          at,
        }),
      ).toEqual([stillHolding]);
      expect(await alertState(sql, stillHolding)).toMatchObject({ status: "RESOLVED", active_key: null });
      expect(await alertState(sql, ofChurned)).toMatchObject({ status: "OPEN" });
      // A run for everyone resolves the churned customer's alert too, and never one of a customer not evaluated.
      const resolved = await resolveClearedAlerts(sql, {
        holding,
        evaluatedCustomerIds: [evaluated],
        onlyCustomerIds: null,
        at,
      });
      expect(resolved).toEqual([ofChurned]);
      expect(await alertState(sql, elsewhere)).toMatchObject({ status: "OPEN" });
      expect(await auditsOf(sql, "alert.resolved", [stillHolding, ofChurned])).toEqual([
        {
          alertId: stillHolding,
          actorId: null,
          detail: { customerId: evaluated, kind: "complaints", why: "condition cleared" },
        },
        {
          alertId: ofChurned,
          actorId: null,
          detail: { customerId: churned, kind: "at-risk", why: "condition cleared" },
        },
      ]);
      // Resolved frees the key: the condition returning opens a new alert.
      const again = await openAlertsForConditions(sql, [conditions[1]!], at);
      expect(again).toEqual([{ id: expect.any(Number), notifyState: "DIGEST" }]);
      expect(again[0]!.id).not.toBe(stillHolding);
    });

    it("alert facts: today's snapshot, the band before, the comparison snapshot, complaints, live kinds", async () => {
      const { sql } = database();
      const customerId = await addCustomer(sql, "FACTS");
      const signals = [{ key: "payment", score: 20, weight: 1, points: -10 }];
      await sql.query(
        `INSERT INTO health_snapshots (customer_id, as_of, score, band, confidence, signals) VALUES
           ($1, '2026-11-25', 40, 'AT_RISK', 0.8, $2::jsonb),
           ($1, '2026-11-24', 55, 'ATTENTION', 0.8, '[]'),
           ($1, '2026-10-26', 70, 'HEALTHY', 0.7, $2::jsonb)`,
        [customerId, JSON.stringify(signals)],
      );
      await sql.query(
        `INSERT INTO complaints (external_id, customer_id, opened_on) VALUES
           ('F-1', $1, '2026-11-20'), ('F-2', $1, '2026-11-01'), ('F-3', $1, '2026-09-01')`,
        [customerId],
      );
      await addAlert(sql, customerId, "complaints");
      await addAlert(sql, customerId, "at-risk", { status: "RESOLVED" });

      expect(
        await queryAlertFacts(sql, {
          asOf: "2026-11-25",
          complaintsWithinDays: 30,
          scoreDropDays: 30,
          customerIds: [customerId],
        }),
      ).toEqual([
        {
          customerId,
          current: { asOf: "2026-11-25", score: 40, band: "AT_RISK", confidence: 0.8, signals },
          previousBand: "ATTENTION",
          before: { asOf: "2026-10-26", score: 70, band: "HEALTHY", confidence: 0.7, signals },
          recentComplaints: 2,
          liveKinds: ["complaints"],
        },
      ]);
      // No snapshot on that day: not scored, no facts.
      expect(
        await queryAlertFacts(sql, {
          asOf: "2026-11-23",
          complaintsWithinDays: 30,
          scoreDropDays: 30,
          customerIds: [customerId],
        }),
      ).toEqual([]);
    });

    it("DMs: alerts waiting for one and to whom; marked told once, or left to the digest", async () => {
      const { sql } = database();
      const anna = await userId(sql, "anna@example.test");
      const bram = await userId(sql, "bram@example.test");
      const owned = await addCustomer(sql, "DM", { ownerId: anna });
      const ownerless = await addCustomer(sql, "DM-NOBODY");
      const toOwner = await addAlert(sql, owned, "at-risk", { detail: { score: 30, move: -20 } });
      const toAssignee = await addAlert(sql, owned, "complaints", { assigneeId: bram });
      await addAlert(sql, owned, "score-drop", { status: "ACKNOWLEDGED" });
      await addAlert(sql, owned, "detractor", { notifyState: "DIGEST" });
      const toNobody = await addAlert(sql, ownerless, "at-risk");

      const waiting = (await listAlertsAwaitingDm(sql, "2026-11-25")).filter((row) =>
        [owned, ownerless].includes(row.customerId),
      );
      expect(waiting).toEqual([
        {
          id: toOwner,
          customerId: owned,
          detail: { score: 30, move: -20 },
          recipientId: anna,
          recipientTimezone: "Europe/Amsterdam",
          recipientLocale: "nl",
          revenueCents: 0,
        },
        {
          id: toAssignee,
          customerId: owned,
          detail: { score: 40 },
          recipientId: bram,
          recipientTimezone: "America/New_York",
          recipientLocale: "en",
          revenueCents: 0,
        },
        {
          id: toNobody,
          customerId: ownerless,
          detail: { score: 40 },
          recipientId: null,
          recipientTimezone: null,
          recipientLocale: null,
          revenueCents: 0,
        },
      ]);

      const at = t("2026-11-25T09:30:00Z");
      const notice = { alertIds: [toOwner], at, recipientId: anna, deliveryKey: `alert:${toOwner}:opened` };
      await markAlertsNotified(sql, notice);
      await markAlertsNotified(sql, { ...notice, at: t("2026-11-25T10:00:00Z") });
      expect(await alertState(sql, toOwner)).toMatchObject({ notify_state: "SENT", notified_user_id: anna });
      expect(await auditsOf(sql, "alert.notified", [toOwner])).toEqual([
        {
          alertId: toOwner,
          actorId: null,
          detail: { customerId: owned, to: anna, delivery: `alert:${toOwner}:opened` },
        },
      ]);
      // Left to the digest: only what still waits (the DM'd one stays SENT).
      await markAlertsDigestOnly(sql, [toOwner, toNobody], at);
      expect(await alertState(sql, toNobody)).toMatchObject({ notify_state: "DIGEST" });
      expect(await alertState(sql, toOwner)).toMatchObject({ notify_state: "SENT" });
      expect(
        (await listAlertsAwaitingDm(sql, "2026-11-25")).filter((row) =>
          [owned, ownerless].includes(row.customerId),
        ),
      ).toMatchObject([{ id: toAssignee }]);

      const dms = async (userIds: number[], since: string) =>
        (await listAlertDmsSince(sql, userIds, t(since))).filter((row) => row.customerId === owned);
      expect(await dms([anna, bram], "2026-11-25T00:00:00Z")).toEqual([
        { userId: anna, customerId: owned, at: "2026-11-25T09:30:00Z" },
      ]);
      expect(await dms([anna], "2026-11-25T09:31:00Z")).toEqual([]);
      expect(await dms([bram], "2026-11-25T00:00:00Z")).toEqual([]);
    });

    it("escalation: DM'd alerts nobody acknowledged, with the recipient's manager; escalated once", async () => {
      const { sql } = database();
      const anna = await userId(sql, "anna@example.test");
      const bram = await userId(sql, "bram@example.test");
      const mia = await userId(sql, "mia@example.test");
      const customerId = await addCustomer(sql, "ESC", { ownerId: anna, segment: "Retail" });
      const sent = { notifyState: "SENT" as const, notifiedAt: "2026-11-20 09:00" };
      const toManager = await addAlert(sql, customerId, "at-risk", { ...sent, notifiedUserId: anna });
      const noManager = await addAlert(sql, customerId, "complaints", { ...sent, notifiedUserId: bram });
      await addAlert(sql, customerId, "score-drop", {
        ...sent,
        notifiedUserId: anna,
        acknowledgedAt: "2026-11-21 09:00",
      });
      await addAlert(sql, customerId, "detractor", {
        ...sent,
        notifiedAt: "2026-11-24 09:00",
        notifiedUserId: anna,
      });
      await addAlert(sql, customerId, "order-drop", { notifyState: "DIGEST" });

      const candidates = async () =>
        (await listEscalationCandidates(sql, t("2026-11-23T09:00:00Z"))).filter(
          (row) => row.customerId === customerId,
        );
      expect(await candidates()).toEqual([
        {
          id: toManager,
          customerId,
          segment: "Retail",
          notifiedAt: "2026-11-20T09:00:00Z",
          recipientId: anna,
          recipientTimezone: "Europe/Amsterdam",
          managerId: mia,
          managerLocale: "en",
        },
        {
          id: noManager,
          customerId,
          segment: "Retail",
          notifiedAt: "2026-11-20T09:00:00Z",
          recipientId: bram,
          recipientTimezone: "America/New_York",
          managerId: null,
          managerLocale: null,
        },
      ]);

      const at = t("2026-11-25T09:00:00Z");
      await markAlertsEscalated(sql, { alertIds: [toManager, noManager], at, to: [`user:${mia}`] });
      await markAlertsEscalated(sql, { alertIds: [toManager], at, to: ["user:0"] });
      expect(await candidates()).toEqual([]);
      expect(await alertState(sql, toManager)).toMatchObject({ escalated_at: "2026-11-25 09:00:00" });
      expect(await auditsOf(sql, "alert.escalated", [toManager, noManager])).toEqual([
        { alertId: toManager, actorId: null, detail: { customerId, to: [`user:${mia}`] } },
        { alertId: noManager, actorId: null, detail: { customerId, to: [`user:${mia}`] } },
      ]);

      // Without a manager the segment's channels hear of it: those for every segment and this one, if active.
      await sql.query(
        `INSERT INTO channel_subscriptions (platform, channel_id, segment, locale, active) VALUES
           ('SLACK', 'CALL', NULL, 'nl', true),
           ('TEAMS', 'TRETAIL', 'retail', 'en', true),
           ('SLACK', 'COTHER', 'Wholesale', 'nl', true),
           ('SLACK', 'COFF', 'Retail', 'nl', false)`,
      );
      const channels = channelsForSegment(await listActiveChannelSubscriptions(sql), "Retail").map(
        ({ id, platform, channelId, locale }) => ({ id, platform, channelId, locale }),
      );
      expect(channels.sort((a, b) => a.id - b.id)).toEqual([
        { id: expect.any(Number), platform: "SLACK", channelId: "CALL", locale: "nl" },
        { id: expect.any(Number), platform: "TEAMS", channelId: "TRETAIL", locale: "en" },
      ]);
    });

    it("sent alert messages: found by the alert id in their key, only when sent", async () => {
      const { sql } = database();
      const at = t("2026-11-25T09:00:00Z");
      const write = async (key: string, kind: string, locale: string, sent: boolean) => {
        const id = await insertDelivery(sql, {
          key,
          platform: "SLACK",
          target: { kind: "user", userId: 1 },
          kind,
          payload: { locale, message: {} },
          status: "PENDING",
          nextAttemptAt: at,
          createdAt: at,
        });
        if (sent) await markDeliverySent(sql, id!, { ts: "1" }, at);
      };
      await write("alert:10:opened", "alert", "nl", true);
      await write("alert:100:opened", "alert", "nl", true);
      await write("alert:10:assigned:7", "alert", "nl", false);
      await write("alert:10:escalated", "alert.escalation", "en", true);
      await write("alert:11:escalated:channel:3", "alert.escalation", "fr", true);
      await write("digest:10", "digest", "nl", true);

      expect(await listSentAlertDeliveries(sql, [10, 11])).toEqual([
        { key: "alert:10:opened", target: JSON.stringify({ kind: "user", userId: 1 }), locale: "nl" },
        { key: "alert:10:escalated", target: JSON.stringify({ kind: "user", userId: 1 }), locale: "en" },
        {
          key: "alert:11:escalated:channel:3",
          target: JSON.stringify({ kind: "user", userId: 1 }),
          locale: "fr",
        },
      ]);
      expect(await listSentAlertDeliveries(sql, [12])).toEqual([]);
    });
  },
  {
    setup: async (db) => {
      await db.sql.exec(`
        INSERT INTO users (email, name, locale, timezone) VALUES ('mia@example.test', 'Mia', 'en', 'Europe/London');
        INSERT INTO users (email, name, locale, timezone, slack_user_id, manager_id)
          SELECT 'anna@example.test', 'Anna', 'nl', 'Europe/Amsterdam', 'UANNA', id FROM users WHERE email = 'mia@example.test';
        INSERT INTO users (email, name, locale, timezone) VALUES ('bram@example.test', 'Bram', 'en', 'America/New_York');
      `);
    },
  },
);
