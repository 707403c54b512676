import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDatabase } from "../../prisma/seed/load.ts";
import type { ManualClock } from "../../src/clock.ts";
import { actOnAlerts } from "../../src/services/alerts/act-on-alerts.ts";
import { updateDeliveredMessage } from "../../src/services/deliveries/update-delivery.ts";
import { scoreCustomers } from "../../src/services/score-customers.ts";
import {
  actionExecute,
  personalConversation,
  personalInstall,
  personalMessage,
  postActivity,
  type TeamsUser,
} from "../support/teams-activities.ts";
import { AS_OF, startTeamsTestBot, type TeamsTestBot } from "../support/teams-bot.ts";
import { adaptiveCardProblems, cardActions, cardsOf, cardText } from "../support/teams-cards.ts";
import type { RecordedCall } from "../support/teams-connector.ts";

/**
 * Issue 5's proactive flows end to end through the Teams stand-in: the real bot (startBot, PGlite,
 * demo data) with Teams in local mode, the scheduler's own jobs run on a ManualClock, the outbox sent
 * by the real dispatcher through the Teams sender to the stand-in Bot Connector. Jan (a manager who
 * owns Acme) and Pieter (a member who does not) have only installed the app in their personal chat.
 * The tests run in order on one bot and one clock: each continues from the state the previous left.
 */
const BEFORE = "2026-10-26";

const jan: TeamsUser = {
  id: "29:jan",
  aadObjectId: "0a1b2c3d-0000-4000-8000-00000000b001",
  name: "Jan de Vries",
};
const pieter: TeamsUser = {
  id: "29:pieter",
  aadObjectId: "0a1b2c3d-0000-4000-8000-00000000b002",
  name: "Pieter Bakker",
};

let t: TeamsTestBot;
const seenCards: unknown[] = [];

beforeAll(async () => {
  t = await startTeamsTestBot(() => ({ auth: { kind: "local" } }), { seed: false });
  const ctx = t.bot.ctx;
  await seedDatabase(ctx.db, { customers: 30, asOf: AS_OF });
  // A month ago Acme was healthy at 72: today's scoring makes it fall, which opens alerts.
  await scoreCustomers({ ctx, asOf: BEFORE });
  await ctx.db.sql.query(
    `UPDATE health_snapshots SET score = 72, band = 'HEALTHY'
     WHERE as_of = $1 AND customer_id = (SELECT id FROM customers WHERE external_id = 'K-1001')`,
    [BEFORE],
  );
  t.connector.setMember({
    id: jan.id,
    name: jan.name,
    aadObjectId: jan.aadObjectId,
    email: "jan@klantpuls.demo",
  });
  t.connector.setMember({
    id: pieter.id,
    name: pieter.name,
    aadObjectId: pieter.aadObjectId,
    email: "pieter@klantpuls.demo",
  });
});

afterAll(async () => {
  await t?.close();
});

function clock(): ManualClock {
  return t.bot.ctx.clock as ManualClock;
}

async function sql<T>(text: string, params: unknown[] = []): Promise<T[]> {
  return t.bot.ctx.db.sql.query<T>(text, params);
}

async function post(activity: unknown) {
  const result = await postActivity(t.bot.url, activity);
  expect(result.status).toBe(200);
  return result;
}

function onlyCard(call: RecordedCall | undefined): Record<string, unknown> {
  expect(call).toBeDefined();
  const cards = cardsOf(call!.body);
  expect(cards).toHaveLength(1);
  seenCards.push(cards[0]);
  return cards[0]!;
}

function invokeAnswer(body: unknown): { type: string; value: unknown } {
  const answer = body as { statusCode: number; type: string; value: unknown };
  expect(answer.statusCode).toBe(200);
  if (answer.type === "application/vnd.microsoft.card.adaptive") seenCards.push(answer.value);
  return answer;
}

const ACK_FORM_REASON = "form.reason";

/** The alert DM the stand-in received for a user, by the customer name in the card's header. */
function dmFor(customer: string, user: TeamsUser): RecordedCall {
  const call = t.connector
    .sent()
    .find(
      (c) =>
        c.kind === "post" &&
        c.conversationId === personalConversation(user).id &&
        cardText(cardsOf(c.body)[0]).includes(`${customer} vraagt aandacht`),
    );
  expect(call, `alert DM about ${customer}`).toBeDefined();
  return call!;
}

/** Where an alert DM went: its outbox key and the conversation + activity id the dispatcher recorded. */
async function deliveredActivityId(
  customerExternalId: string,
): Promise<{ key: string; activityId: string; conversationId: string }> {
  const [row] = await sql<{ key: string; platform_ref: unknown }>(
    `SELECT d.key, d.platform_ref FROM deliveries d
     JOIN audit_events e ON e.action = 'alert.notified' AND e.detail ->> 'delivery' = d.key
     JOIN alerts a ON a.id = e.entity_id::int JOIN customers c ON c.id = a.customer_id
     WHERE c.external_id = $1 AND d.status = 'SENT' LIMIT 1`,
    [customerExternalId],
  );
  expect(row).toBeDefined();
  const ref = (typeof row!.platform_ref === "string" ? JSON.parse(row!.platform_ref) : row!.platform_ref) as {
    platform: string;
    conversationId: string;
    activityId: string;
  };
  expect(ref.platform).toBe("TEAMS");
  return { key: row!.key, activityId: ref.activityId, conversationId: ref.conversationId };
}

async function alertState(customerExternalId: string) {
  return sql<{ status: string; reason_code: string | null; acknowledged_by: string | null }>(
    `SELECT a.status::text AS status, a.reason_code, u.name AS acknowledged_by
     FROM alerts a JOIN customers c ON c.id = a.customer_id LEFT JOIN users u ON u.id = a.acknowledged_by_id
     WHERE c.external_id = $1 AND a.status <> 'RESOLVED' ORDER BY a.id`,
    [customerExternalId],
  );
}

async function auditCount(customerExternalId: string, action: string): Promise<number> {
  const [row] = await sql<{ n: number }>(
    `SELECT count(*)::int AS n FROM audit_events e JOIN alerts a ON a.id = e.entity_id::int
     JOIN customers c ON c.id = a.customer_id
     WHERE e.entity = 'alert' AND e.action = $2 AND c.external_id = $1`,
    [customerExternalId, action],
  );
  return Number(row!.n);
}

describe("alert DM in Teams: delivered, refused for others, acknowledged in place, once", () => {
  let dm: RecordedCall;
  let dmActivityId: string;

  it("links Jan and Pieter when they install the app in their personal chat", async () => {
    for (const user of [jan, pieter]) {
      for (const activity of personalInstall(t.connector.url, user)) await post(activity);
    }
    const rows = await sql<{ email: string; teams_user_id: string | null }>(
      `SELECT u.email, u.teams_user_id FROM users u JOIN teams_conversations c ON c.aad_object_id = u.teams_user_id
       WHERE c.kind = 'personal' ORDER BY u.email`,
    );
    expect(rows).toEqual([
      { email: "jan@klantpuls.demo", teams_user_id: jan.aadObjectId },
      { email: "pieter@klantpuls.demo", teams_user_id: pieter.aadObjectId },
    ]);
  });

  it("score.daily (scoring + alert evaluation) and alerts.notify → the owner's personal chat gets the alert card", async () => {
    clock().set(`${AS_OF}T09:30:00Z`); // 10:30 in Amsterdam, a Wednesday: working hours
    t.connector.clear();
    expect(await t.bot.scheduler.runJobNow("score.daily")).toMatchObject({
      outcome: "ran",
      periodKey: AS_OF,
    });
    expect((await t.bot.scheduler.runJobNow("alerts.notify")).outcome).toBe("ran");
    const [acme] = await sql<{ platform: string; status: string }>(
      `SELECT d.platform::text AS platform, d.status::text AS status FROM deliveries d
       JOIN audit_events e ON e.action = 'alert.notified' AND e.detail ->> 'delivery' = d.key
       JOIN alerts a ON a.id = e.entity_id::int JOIN customers c ON c.id = a.customer_id
       WHERE c.external_id = 'K-1001' LIMIT 1`,
    );
    expect(acme).toEqual({ platform: "TEAMS", status: "PENDING" });

    const summary = await t.bot.dispatcher.drain();
    expect(summary.failed).toBe(0);
    dm = dmFor("Acme", jan);
    const card = onlyCard(dm);
    expect(cardText(card)).toMatch(/Acme 72 → \d+/);
    expect(cardActions(card).map((action) => action.verb)).toEqual([
      "alert.ack",
      "alert.snooze",
      "alert.reassign",
      "alert.open",
    ]);
    // What the dispatcher recorded is what the stand-in answered: the post's id, for later updates.
    const delivered = await deliveredActivityId("K-1001");
    expect(delivered.conversationId).toBe(personalConversation(jan).id);
    expect(delivered.activityId).toMatch(/^sent-\d+$/);
    dmActivityId = delivered.activityId;
    expect(await alertState("K-1001")).not.toHaveLength(0);
  });

  it("refuses Pieter (a member, not Acme's owner) politely and changes nothing", async () => {
    const ack = cardActions(onlyCard(dm)).find((action) => action.verb === "alert.ack")!;
    t.connector.clear();
    for (const verb of ["alert.ack", "alert.acksubmit"]) {
      const click = await post(
        actionExecute(t.connector.url, pieter, {
          verb,
          data: { ...ack.data, [ACK_FORM_REASON]: "not-a-risk" },
          replyToId: dmActivityId,
        }),
      );
      const answer = invokeAnswer(click.body);
      expect(answer.type).toBe("application/vnd.microsoft.activity.message");
      expect(answer.value).toMatch(/alleen de accountmanager/);
    }
    expect(t.connector.updates()).toHaveLength(0);
    expect((await alertState("K-1001")).every((alert) => alert.status === "OPEN")).toBe(true);
    expect(await auditCount("K-1001", "alert.acknowledged")).toBe(0);
  });

  it("Jan acknowledges with a reason: the DM is updated in place and an audit event is written", async () => {
    clock().set(`${AS_OF}T09:32:00Z`);
    const ack = cardActions(onlyCard(dm)).find((action) => action.verb === "alert.ack")!;
    t.connector.clear();
    // The button opens the reason form, for Jan only (the invoke answer), nothing is changed yet.
    const form = invokeAnswer(
      (
        await post(
          actionExecute(t.connector.url, jan, { verb: ack.verb, data: ack.data, replyToId: dmActivityId }),
        )
      ).body,
    );
    expect(form.type).toBe("application/vnd.microsoft.card.adaptive");
    expect(JSON.stringify(form.value)).toContain(`"id":"${ACK_FORM_REASON}"`);
    expect(t.connector.updates()).toHaveLength(0);
    expect((await alertState("K-1001")).every((alert) => alert.status === "OPEN")).toBe(true);

    const submit = cardActions(form.value)[0]!;
    expect(submit.verb).toBe("alert.acksubmit");
    const answer = invokeAnswer(
      (
        await post(
          actionExecute(t.connector.url, jan, {
            verb: submit.verb,
            data: { ...submit.data, [ACK_FORM_REASON]: "contacted" },
            replyToId: dmActivityId,
          }),
        )
      ).body,
    );
    const status = "✅ bevestigd door Jan de Vries om 10:32 (klant gesproken)";
    expect(cardText(answer.value)).toContain(status);
    // Everyone else who sees the chat gets the same card: one PUT on the DM's activity.
    const updates = t.connector.updates();
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({
      method: "PUT",
      conversationId: personalConversation(jan).id,
      activityId: dmActivityId,
      path: `/v3/conversations/${encodeURIComponent(personalConversation(jan).id)}/activities/${dmActivityId}`,
    });
    const updated = onlyCard(updates[0]);
    expect(cardText(updated)).toContain(status);
    expect(cardActions(updated).map((action) => action.verb)).not.toContain("alert.ack");

    for (const alert of await alertState("K-1001")) {
      expect(alert).toEqual({
        status: "ACKNOWLEDGED",
        reason_code: "contacted",
        acknowledged_by: "Jan de Vries",
      });
    }
    const audits = await sql<{ actor: string; detail: unknown; at: string }>(
      `SELECT u.name AS actor, e.detail, to_char(e.at, 'YYYY-MM-DD"T"HH24:MI') AS at FROM audit_events e
       JOIN users u ON u.id = e.actor_user_id JOIN alerts a ON a.id = e.entity_id::int
       JOIN customers c ON c.id = a.customer_id
       WHERE e.action = 'alert.acknowledged' AND c.external_id = 'K-1001'`,
    );
    expect(audits.length).toBe((await alertState("K-1001")).length);
    for (const audit of audits) {
      expect(audit.actor).toBe("Jan de Vries");
      expect(audit.at).toBe(`${AS_OF}T09:32`);
      expect(typeof audit.detail === "string" ? JSON.parse(audit.detail) : audit.detail).toEqual({
        reason: "contacted",
      });
    }
  });

  it("a double click acts once: the second submit says who did it, nothing new is written", async () => {
    clock().set(`${AS_OF}T09:33:00Z`);
    const before = await auditCount("K-1001", "alert.acknowledged");
    t.connector.clear();
    const submit = { ...cardActions(onlyCard(dm)).find((action) => action.verb === "alert.ack")!.data };
    const again = invokeAnswer(
      (
        await post(
          actionExecute(t.connector.url, jan, {
            verb: "alert.acksubmit",
            data: { ...submit, [ACK_FORM_REASON]: "other" },
            replyToId: dmActivityId,
          }),
        )
      ).body,
    );
    expect(cardText(again.value)).toContain("Was al gedaan: ✅ bevestigd door Jan de Vries om 10:32");
    expect(await auditCount("K-1001", "alert.acknowledged")).toBe(before);
    for (const alert of await alertState("K-1001")) expect(alert.reason_code).toBe("contacted");
  });
});

describe("an alert handled elsewhere updates its Teams DM (Bot Framework updateActivity)", () => {
  async function liveAlertIds(customerExternalId: string): Promise<number[]> {
    const rows = await sql<{ id: number }>(
      `SELECT a.id FROM alerts a JOIN customers c ON c.id = a.customer_id
       WHERE c.external_id = $1 AND a.status <> 'RESOLVED' ORDER BY a.id`,
      [customerExternalId],
    );
    return rows.map((row) => Number(row.id));
  }

  async function externalId(name: string): Promise<string> {
    const [row] = await sql<{ external_id: string }>("SELECT external_id FROM customers WHERE name = $1", [
      name,
    ]);
    return row!.external_id;
  }

  it("acknowledged from the /klant-health card: the card and the original DM are both updated", async () => {
    clock().set(`${AS_OF}T09:40:00Z`);
    const vanDijk = await externalId("Van Dijk Logistiek B.V.");
    const delivered = await deliveredActivityId(vanDijk);
    expect(delivered.conversationId).toBe(personalConversation(jan).id);

    t.connector.clear();
    await post(personalMessage(t.connector.url, jan, `klant-health ${vanDijk}`));
    const healthCard = onlyCard(t.connector.sent()[0]);
    const ack = cardActions(healthCard).find((action) => action.verb === "alert.ack");
    expect(ack?.data.src).toBe("card");
    const form = invokeAnswer(
      (
        await post(
          actionExecute(t.connector.url, jan, {
            verb: ack!.verb,
            data: ack!.data,
            replyToId: "health-card-1",
          }),
        )
      ).body,
    );
    const submit = cardActions(form.value)[0]!;
    t.connector.clear();
    const answer = invokeAnswer(
      (
        await post(
          actionExecute(t.connector.url, jan, {
            verb: submit.verb,
            data: { ...submit.data, [ACK_FORM_REASON]: "expected" },
            replyToId: "health-card-1",
          }),
        )
      ).body,
    );
    const status = "✅ bevestigd door Jan de Vries om 10:40 (verwacht (bijv. seizoen))";
    expect(cardText(answer.value)).toContain(status);

    const updates = t.connector.updates();
    expect(updates.map((update) => update.activityId).sort()).toEqual(
      [delivered.activityId, "health-card-1"].sort(),
    );
    const dmUpdate = updates.find((update) => update.activityId === delivered.activityId)!;
    expect(dmUpdate.conversationId).toBe(personalConversation(jan).id);
    const dmCard = onlyCard(dmUpdate);
    // Still the alert DM (its header and footer), now with the outcome and without Acknowledge.
    expect(cardText(dmCard)).toContain("Van Dijk Logistiek B.V. vraagt aandacht");
    expect(cardText(dmCard)).toContain(status);
    expect(cardActions(dmCard).map((action) => action.verb)).not.toContain("alert.ack");
    // The health card got the status line on top of the customer card.
    expect(cardText(onlyCard(updates.find((update) => update.activityId === "health-card-1")))).toContain(
      status,
    );
  });

  it("snoozed through the service directly (no chat click): Pieter's DM is updated through the connector", async () => {
    clock().set(`${AS_OF}T09:45:00Z`);
    const bakker = await externalId("Bakker Bouwmaterialen BV");
    const delivered = await deliveredActivityId(bakker);
    expect(delivered.conversationId).toBe(personalConversation(pieter).id);
    const [manager] = await sql<{ id: number }>("SELECT id FROM users WHERE email = 'jan@klantpuls.demo'");
    t.connector.clear();
    const result = await actOnAlerts({
      ctx: t.bot.ctx,
      actor: { id: Number(manager!.id), name: "Jan de Vries", role: "MANAGER" },
      alertIds: await liveAlertIds(bakker),
      action: { kind: "snooze", days: 7, reason: "expected" },
    });
    expect(result.status).toBe("done");
    const [update] = t.connector.updates();
    expect(t.connector.updates()).toHaveLength(1);
    expect(update).toMatchObject({
      method: "PUT",
      conversationId: personalConversation(pieter).id,
      activityId: delivered.activityId,
    });
    const card = onlyCard(update);
    expect(cardText(card)).toContain("💤 uitgesteld door Jan de Vries om 10:45, tot");
    expect(cardActions(card).map((action) => action.verb)).not.toContain("alert.snooze");
    expect(t.connector.sent()).toHaveLength(0);
  });
});

describe("a Teams DM whose chat is gone", () => {
  it("is not updated, with a reason that says why, and nothing is sent to the connector", async () => {
    const delivered = await deliveredActivityId("K-1001");
    const saved = await sql("SELECT * FROM teams_conversations WHERE conversation_id = $1", [
      delivered.conversationId,
    ]);
    await sql("DELETE FROM teams_conversations WHERE conversation_id = $1", [delivered.conversationId]);
    t.connector.clear();
    const result = await updateDeliveredMessage({
      ctx: t.bot.ctx,
      key: delivered.key,
      message: { text: "x", blocks: [{ type: "text", text: "x" }] },
    });
    expect(result).toMatchObject({ updated: false, retryable: false });
    expect(result.updated === false && result.reason).toMatch(
      /no stored Teams conversation .* cannot be updated/,
    );
    expect(t.connector.calls).toHaveLength(0);
    // Jan opens his chat again: the reference is stored again for the tests that follow.
    expect(saved).toHaveLength(1);
    for (const activity of personalInstall(t.connector.url, jan)) await post(activity);
  });
});

describe("owner pulse in Teams: asked → answered → the score changes", () => {
  it("pulses.ask puts the 0–10 question in the owner's chat; a click records the pulse and moves the score", async () => {
    // The demo data has November's pulses answered already; December's are asked on its first working day.
    const day = "2026-12-01";
    clock().set(`${day}T08:30:00Z`); // 09:30 in Amsterdam, a Tuesday
    t.connector.clear();
    expect(await t.bot.scheduler.runJobNow("pulses.ask")).toMatchObject({ outcome: "ran", periodKey: day });
    await t.bot.dispatcher.drain();
    const question = t.connector
      .sent()
      .find(
        (call) =>
          call.conversationId === personalConversation(jan).id &&
          cardText(cardsOf(call.body)[0]).includes("Hoe waarschijnlijk is het dat Acme ons aanbeveelt?"),
      );
    expect(question?.kind).toBe("post");
    const card = onlyCard(question);
    const buttons = cardActions(card);
    expect(buttons.map((button) => button.title)).toEqual([
      "0",
      "1",
      "2",
      "3",
      "4",
      "5",
      "6",
      "7",
      "8",
      "9",
      "10",
    ]);
    expect(new Set(buttons.map((button) => button.verb))).toEqual(new Set(["pulse.answer"]));

    const [delivery] = await sql<{ platform_ref: unknown }>(
      `SELECT d.platform_ref FROM deliveries d JOIN owner_pulses p ON d.key = 'pulse:' || p.id || ':ask'
       JOIN customers c ON c.id = p.customer_id WHERE c.external_id = 'K-1001' AND d.status = 'SENT'`,
    );
    const ref = (
      typeof delivery!.platform_ref === "string" ? JSON.parse(delivery!.platform_ref) : delivery!.platform_ref
    ) as { activityId: string };
    const [acme] = await sql<{ id: number }>("SELECT id FROM customers WHERE external_id = 'K-1001'");
    const scoreOf = async () => {
      await scoreCustomers({ ctx: t.bot.ctx, asOf: day, customerIds: [Number(acme!.id)] });
      const [row] = await sql<{ score: number }>(
        "SELECT score FROM health_snapshots WHERE customer_id = $1 AND as_of = $2",
        [acme!.id, day],
      );
      return Number(row!.score);
    };
    const scoreBefore = await scoreOf();

    const ten = buttons.find((button) => button.title === "10")!;
    t.connector.clear();
    const answer = invokeAnswer(
      (
        await post(
          actionExecute(t.connector.url, jan, { verb: ten.verb, data: ten.data, replyToId: ref.activityId }),
        )
      ).body,
    );
    expect(cardText(answer.value)).toMatch(/je inschatting 10\/10 voor Acme is opgeslagen/);
    // The pulse message is updated in place (Acme's alert DM, rescored with it, may be updated too).
    const update = t.connector.updates().find((call) => call.activityId === ref.activityId);
    expect(update).toMatchObject({
      conversationId: personalConversation(jan).id,
      activityId: ref.activityId,
    });
    expect(cardActions(onlyCard(update)).map((action) => action.verb)).toContain("pulse.comment");

    const [pulse] = await sql<{ score: number; answered: boolean; user_email: string }>(
      `SELECT p.score, p.answered_at IS NOT NULL AS answered, u.email AS user_email FROM owner_pulses p
       JOIN users u ON u.id = p.user_id WHERE p.customer_id = $1 AND p.period = '2026-12'`,
      [acme!.id],
    );
    expect(pulse).toEqual({ score: 10, answered: true, user_email: "jan@klantpuls.demo" });
    // Jan's last estimate was 4/10; a 10 raises the score at the next scoring.
    expect(await scoreOf()).toBeGreaterThan(scoreBefore);
  });
});

describe("cards", () => {
  it("every card the stand-in received or Teams got as an invoke answer passes the Adaptive Card checks", () => {
    expect(seenCards.length).toBeGreaterThan(10);
    for (const card of seenCards) expect(adaptiveCardProblems(card)).toEqual([]);
  });
});
