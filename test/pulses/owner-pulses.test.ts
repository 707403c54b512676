import { beforeAll, expect, it } from "vitest";
import { seedDatabase } from "../../prisma/seed/load.ts";
import { handleAction } from "../../src/actions/index.ts";
import type { Database } from "../../src/db/client.ts";
import { askOwnerPulses, remindOwnerPulses } from "../../src/services/pulses/ask-owner-pulses.ts";
import { scoreCustomers } from "../../src/services/score-customers.ts";
import type { ChatUser } from "../../src/views/chat.ts";
import type { Message } from "../../src/views/message.ts";
import { renderText } from "../../src/views/render-text.ts";
import { describeEachDatabase } from "../support/each-database.ts";
import { testServiceContext } from "../support/service-context.ts";

const AS_OF = "2026-11-25";

function json<T = unknown>(value: unknown): T {
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}

describeEachDatabase("owner pulses: asked, answered, reminded, expired", (database) => {
  const ctx = testServiceContext(null as unknown as Database, "2026-12-01T08:00:00Z");
  let jan: ChatUser;

  beforeAll(async () => {
    ctx.db = database();
    await seedDatabase(ctx.db, { customers: 60, asOf: AS_OF });
    await ctx.db.sql.query("UPDATE users SET slack_user_id = 'U' || id WHERE email LIKE '%@klantpuls.demo'");
    const [row] = await ctx.db.sql.query<{ id: number; name: string; email: string; role: ChatUser["role"] }>(
      "SELECT id, name, email, role::text AS role FROM users WHERE email = 'jan@klantpuls.demo'",
    );
    jan = { ...row!, id: Number(row!.id), locale: "nl" };
  });

  it("asks each owner about their top 5 accounts by revenue, once per customer and month", async () => {
    const first = await askOwnerPulses({ ctx });
    expect(first.period).toBe("2026-12");
    expect(first.created).toBeGreaterThan(0);
    expect(first.enqueued).toBe(first.created);
    const perOwner = await ctx.db.sql.query<{ user_id: number; n: number }>(
      "SELECT user_id, count(*)::int AS n FROM owner_pulses WHERE period = '2026-12' GROUP BY user_id",
    );
    expect(Math.max(...perOwner.map((row) => Number(row.n)))).toBeLessThanOrEqual(5);
    // A second run the next day, even after an owner change, asks nobody twice.
    ctx.clock.set("2026-12-02T08:00:00Z");
    await ctx.db.sql.query(
      "UPDATE customers SET owner_id = (SELECT id FROM users WHERE email = 'pieter@klantpuls.demo') WHERE external_id = 'K-1001'",
    );
    expect(await askOwnerPulses({ ctx })).toMatchObject({ created: 0, enqueued: 0 });
    await ctx.db.sql.query("UPDATE customers SET owner_id = $1 WHERE external_id = 'K-1001'", [jan.id]);
    const [acme] = await ctx.db.sql.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM owner_pulses p JOIN customers c ON c.id = p.customer_id WHERE c.external_id = 'K-1001' AND p.period = '2026-12'",
    );
    expect(Number(acme!.n)).toBeLessThanOrEqual(1);
  });

  async function question(
    customerExternalId: string,
  ): Promise<{ message: Message; pulseId: number; customerId: number }> {
    const [row] = await ctx.db.sql.query<{ payload: unknown; pulse_id: number; customer_id: number }>(
      `SELECT d.payload, p.id AS pulse_id, p.customer_id FROM owner_pulses p
       JOIN customers c ON c.id = p.customer_id JOIN deliveries d ON d.key = 'pulse:' || p.id || ':ask'
       WHERE c.external_id = $1`,
      [customerExternalId],
    );
    if (!row) throw new Error(`no pulse for ${customerExternalId}`);
    return {
      message: json<{ message: Message }>(row.payload).message,
      pulseId: Number(row.pulse_id),
      customerId: Number(row.customer_id),
    };
  }

  it("a 0–10 click answers the pulse in place and changes the score; a comment can follow", async () => {
    const { message, pulseId, customerId } = await question("K-1001");
    const { text, actions } = renderText(message);
    expect(text).toContain("Hoe waarschijnlijk is het dat Acme ons aanbeveelt?");
    expect(actions.map((a) => a.label)).toEqual(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);

    const before = await scoreCustomers({ ctx, asOf: "2026-12-02", customerIds: [customerId] });
    const scoreOf = async () => {
      const [row] = await ctx.db.sql.query<{ score: number }>(
        "SELECT score FROM health_snapshots WHERE customer_id = $1 AND as_of = '2026-12-02'",
        [customerId],
      );
      return Number(row!.score);
    };
    const scoreBefore = await scoreOf();
    expect(before.scored).toBe(1);

    const ten = actions.find((a) => a.label === "10")!;
    const answered = await handleAction(
      { id: "pulse.answer", value: ten.value, user: jan, locale: "nl" },
      { services: ctx },
    );
    expect(answered.kind).toBe("update");
    expect(answered.kind === "update" && renderText(answered.message).actions.map((a) => a.id)).toContain(
      "pulse.comment",
    );
    const [pulse] = await ctx.db.sql.query<{ score: number; answered: boolean }>(
      "SELECT score, answered_at IS NOT NULL AS answered FROM owner_pulses WHERE id = $1",
      [pulseId],
    );
    expect(pulse).toEqual({ score: 10, answered: true });
    await scoreCustomers({ ctx, asOf: "2026-12-02", customerIds: [customerId] });
    expect(await scoreOf()).toBeGreaterThan(scoreBefore);

    // Same score again (a double click): nothing new recorded.
    const again = await handleAction(
      { id: "pulse.answer", value: ten.value, user: jan, locale: "nl" },
      { services: ctx },
    );
    expect(again.kind === "reply" && again.message.text).toContain("al 10/10 gegeven");
    const [audits] = await ctx.db.sql.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_events WHERE action = 'pulse.answered' AND detail ->> 'pulseId' = $1",
      [String(pulseId)],
    );
    expect(Number(audits!.n)).toBe(1);

    // The optional comment: the form opens with the score already chosen and answers the same pulse.
    const commentButton =
      answered.kind === "update"
        ? renderText(answered.message).actions.find((a) => a.id === "pulse.comment")
        : undefined;
    const form = await handleAction(
      { id: "pulse.comment", value: commentButton!.value, user: jan, locale: "nl" },
      { services: ctx },
    );
    expect(form.kind === "form" && form.form.fields[0]).toMatchObject({ id: "score", initial: "10" });
    if (form.kind !== "form") return;
    await handleAction(
      {
        id: "pulse.submit",
        value: form.form.value,
        user: jan,
        locale: "nl",
        formValues: { score: "9", comment: "Nieuwe inkoper, positief" },
      },
      { services: ctx },
    );
    const [withComment] = await ctx.db.sql.query<{ score: number; comment: string; n: number }>(
      "SELECT score, comment, (SELECT count(*)::int FROM owner_pulses WHERE customer_id = $2 AND period = '2026-12') AS n FROM owner_pulses WHERE id = $1",
      [pulseId, customerId],
    );
    expect(withComment).toEqual({ score: 9, comment: "Nieuwe inkoper, positief", n: 1 });
  });

  it("one reminder after three days, then the pulse expires and a late click is refused", async () => {
    ctx.clock.set("2026-12-03T08:00:00Z");
    expect((await remindOwnerPulses({ ctx })).reminded).toBe(0);
    ctx.clock.set("2026-12-04T08:30:00Z");
    const reminded = await remindOwnerPulses({ ctx });
    const [open] = await ctx.db.sql.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM owner_pulses WHERE period = '2026-12' AND answered_at IS NULL",
    );
    expect(reminded.reminded).toBe(Number(open!.n));
    expect((await remindOwnerPulses({ ctx })).reminded).toBe(0);
    const reminders = await ctx.db.sql.query<{ payload: unknown }>(
      "SELECT payload FROM deliveries WHERE kind = 'pulse.reminder'",
    );
    expect(reminders.length).toBe(reminded.reminded);
    const texts = reminders.map((row) => JSON.stringify(row.payload));
    expect(texts.every((text) => text.includes("Herinnering") || text.includes("Reminder"))).toBe(true);
    expect(texts.some((text) => text.includes("Herinnering"))).toBe(true);

    ctx.clock.set("2026-12-08T09:00:00Z"); // asked 1 Dec 08:00 + 7 days: expired
    expect((await remindOwnerPulses({ ctx })).reminded).toBe(0);
    const { message, pulseId } = await question("K-1005");
    const [state] = await ctx.db.sql.query<{ answered: boolean }>(
      "SELECT answered_at IS NOT NULL AS answered FROM owner_pulses WHERE id = $1",
      [pulseId],
    );
    expect(state!.answered).toBe(false);
    const three = renderText(message).actions.find((a) => a.label === "3")!;
    const late = await handleAction(
      { id: "pulse.answer", value: three.value, user: jan, locale: "nl" },
      { services: ctx },
    );
    expect(late.kind === "reply" && late.message.text).toContain("Deze pulse is verlopen");
    const [after] = await ctx.db.sql.query<{ answered: boolean }>(
      "SELECT answered_at IS NOT NULL AS answered FROM owner_pulses WHERE id = $1",
      [pulseId],
    );
    expect(after!.answered).toBe(false);
  });
  it("never sends a question that has already expired (e.g. one left from before the bot ran)", async () => {
    ctx.clock.set("2027-01-12T08:00:00Z");
    const [stale] = await ctx.db.sql.query<{ id: number }>(
      `INSERT INTO owner_pulses (customer_id, user_id, period, asked_at, expires_at)
       SELECT c.id, c.owner_id, '2027-01', '2027-01-01T07:00:00Z', '2027-01-08T07:00:00Z'
       FROM customers c WHERE c.external_id = 'K-1001' RETURNING id`,
    );
    await askOwnerPulses({ ctx });
    const sent = await ctx.db.sql.query("SELECT key FROM deliveries WHERE key = $1", [
      `pulse:${stale!.id}:ask`,
    ]);
    expect(sent).toEqual([]);
  });
});
