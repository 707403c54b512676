import { beforeAll, expect, it } from "vitest";
import { seedDatabase } from "../../prisma/seed/load.ts";
import { handleAction } from "../../src/actions/index.ts";
import type { Database } from "../../src/db/client.ts";
import { escalateAlerts } from "../../src/services/alerts/escalate-alerts.ts";
import { evaluateAlerts } from "../../src/services/alerts/evaluate-alerts.ts";
import { pushAlertMessages } from "../../src/services/alerts/push-alert-messages.ts";
import { reopenSnoozedAlerts } from "../../src/services/alerts/reopen-snoozed-alerts.ts";
import { scoreCustomers } from "../../src/services/score-customers.ts";
import type { ChatUser } from "../../src/views/chat.ts";
import type { Message } from "../../src/views/message.ts";
import { renderBlockKit } from "../../src/views/render-block-kit.ts";
import { renderText } from "../../src/views/render-text.ts";
import { describeEachDatabase } from "../support/each-database.ts";
import { testServiceContext } from "../support/service-context.ts";

const AS_OF = "2026-11-25"; // a Wednesday
const BEFORE = "2026-10-26";

async function user(db: Database, email: string): Promise<ChatUser> {
  const [row] = await db.sql.query<{ id: number; name: string; email: string; role: ChatUser["role"] }>(
    "SELECT id, name, email, role::text AS role FROM users WHERE email = $1",
    [email],
  );
  if (!row) throw new Error(`no user ${email}`);
  return { ...row, id: Number(row.id), locale: "nl" };
}

/** JSON columns come back parsed or as text depending on the driver and column type. */
function json<T = unknown>(value: unknown): T {
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}

function plain(message: Message): string {
  return renderText(message).text;
}

describeEachDatabase("alerts: open, DM, acknowledge, snooze, reassign, escalate", (database) => {
  // 05:00 UTC = 06:00 in Amsterdam: the daily scoring time, quiet hours for DMs.
  const ctx = testServiceContext(null as unknown as Database, `${AS_OF}T05:00:00Z`);
  let acmeId = 0;
  let jan: ChatUser;
  let pieter: ChatUser;
  let lotte: ChatUser;

  beforeAll(async () => {
    ctx.db = database();
    await seedDatabase(ctx.db, { customers: 40, asOf: AS_OF });
    await scoreCustomers({ ctx, asOf: BEFORE });
    await scoreCustomers({ ctx, asOf: AS_OF });
    const [acme] = await ctx.db.sql.query<{ id: number }>(
      "SELECT id FROM customers WHERE external_id = 'K-1001'",
    );
    acmeId = Number(acme!.id);
    // A month ago Acme looked healthy: today's at-risk score is a band change worth a DM.
    await ctx.db.sql.query(
      "UPDATE health_snapshots SET score = 72, band = 'HEALTHY' WHERE customer_id = $1 AND as_of = $2",
      [acmeId, BEFORE],
    );
    await ctx.db.sql.query("UPDATE users SET slack_user_id = 'U' || id WHERE email LIKE '%@klantpuls.demo'");
    jan = await user(ctx.db, "jan@klantpuls.demo");
    pieter = await user(ctx.db, "pieter@klantpuls.demo");
    lotte = await user(ctx.db, "lotte@klantpuls.demo");
  });

  it("opens one alert per customer and kind, with an audit event each, and does it once", async () => {
    // The first run reads the book in ranges of 7 customers (as PGlite does in ranges of 5,000); the
    // second in one read. That it opens and resolves nothing shows both found the same conditions.
    const first = await evaluateAlerts({ ctx, asOf: AS_OF, chunkCustomers: 7 });
    expect(first.opened).toBeGreaterThan(0);
    const again = await evaluateAlerts({ ctx, asOf: AS_OF, chunkCustomers: 1_000_000 });
    expect(again.evaluated).toBe(first.evaluated);
    expect(again.opened).toBe(0);
    expect(again.resolved).toBe(0);
    const alerts = await ctx.db.sql.query<{ kind: string; status: string; notify_state: string }>(
      "SELECT kind, status::text AS status, notify_state FROM alerts WHERE customer_id = $1 ORDER BY id",
      [acmeId],
    );
    expect(alerts.map((a) => a.kind)).toContain("at-risk");
    expect(alerts.every((a) => a.status === "OPEN" && a.notify_state === "PENDING")).toBe(true);
    const [audit] = await ctx.db.sql.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_events WHERE action = 'alert.opened'",
    );
    expect(Number(audit!.n)).toBe(first.opened);
  });

  it("waits in quiet hours, then DMs the owner once in working hours", async () => {
    const quiet = await pushAlertMessages({ ctx });
    expect(quiet.sent).toBe(0);
    expect(quiet.waiting).toBeGreaterThan(0);

    ctx.clock.set(`${AS_OF}T09:00:00Z`);
    const pushed = await pushAlertMessages({ ctx });
    expect(pushed.sent).toBeGreaterThan(0);
    const deliveries = await ctx.db.sql.query<{
      key: string;
      target: unknown;
      platform: string;
      payload: unknown;
    }>(
      "SELECT key, target, platform::text AS platform, payload FROM deliveries WHERE kind = 'alert' ORDER BY id",
    );
    const acmeDm = deliveries.find((d) => JSON.stringify(d.payload).includes("Acme"));
    expect(acmeDm).toBeDefined();
    expect(acmeDm!.platform).toBe("SLACK");
    expect(json(acmeDm!.target)).toEqual({ kind: "user", userId: jan.id });
    const message = (typeof acmeDm!.payload === "string" ? JSON.parse(acmeDm!.payload) : acmeDm!.payload)
      .message;
    const text = plain(message);
    expect(text).toMatch(/Acme 72 → \d+: .+\(−\d+\)/);
    expect(text).toContain("Gezondheid in de risicozone");
    expect(renderText(message).actions.map((a) => a.id)).toEqual([
      "alert.ack",
      "alert.snooze",
      "alert.reassign",
      "alert.open",
    ]);
    // Nothing new: no second DM.
    expect((await pushAlertMessages({ ctx })).sent).toBe(0);
    // Noise budget: nobody got more than 3 DMs today.
    const perUser = await ctx.db.sql.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM deliveries WHERE kind = 'alert' GROUP BY target::text",
    );
    expect(Math.max(...perUser.map((row) => Number(row.n)))).toBeLessThanOrEqual(3);
  });

  async function acmeButtons() {
    const [row] = await ctx.db.sql.query<{ payload: unknown }>(
      "SELECT payload FROM deliveries WHERE kind = 'alert' AND payload::text LIKE '%Acme%' ORDER BY id LIMIT 1",
    );
    const payload = typeof row!.payload === "string" ? JSON.parse(row!.payload) : row!.payload;
    return renderText(payload.message as Message).actions;
  }

  it("refuses someone who is neither owner, assignee, manager nor admin; nothing changes", async () => {
    const [ack] = await acmeButtons();
    const services = { services: ctx };
    const click = await handleAction(
      { id: "alert.ack", value: ack!.value, user: pieter, locale: "nl" },
      services,
    );
    expect(click.kind).toBe("reply");
    expect(click.kind === "reply" && click.message.text).toContain("alleen de accountmanager van Acme");
    const submit = await handleAction(
      { id: "alert.acksubmit", value: ack!.value, user: pieter, locale: "nl", formValues: {} },
      services,
    );
    expect(submit.kind).toBe("reply");
    const [open] = await ctx.db.sql.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM alerts WHERE customer_id = $1 AND status = 'OPEN'",
      [acmeId],
    );
    expect(Number(open!.n)).toBeGreaterThan(0);
  });

  it("acknowledge: a form with reason codes, then the message updates in place, once, with an audit event", async () => {
    const [ack] = await acmeButtons();
    const services = { services: ctx };
    ctx.clock.set(`${AS_OF}T09:32:00Z`); // 10:32 in Amsterdam
    const form = await handleAction(
      { id: "alert.ack", value: ack!.value, user: jan, locale: "nl" },
      services,
    );
    expect(form.kind).toBe("form");
    if (form.kind !== "form") return;
    expect(form.form.submitAction).toBe("alert.acksubmit");
    expect(form.form.fields[0]).toMatchObject({ id: "reason", type: "choice", required: false });

    const submit = (reason: string) =>
      handleAction(
        { id: "alert.acksubmit", value: form.form.value, user: jan, locale: "nl", formValues: { reason } },
        services,
      );
    // A double click: both submissions at once.
    const [first, second] = await Promise.all([submit("contacted"), submit("contacted")]);
    for (const result of [first, second]) {
      expect(result.kind).toBe("update");
    }
    const texts = [first, second].map((r) => (r.kind === "update" ? plain(r.message) : ""));
    expect(texts.some((t) => t.includes("✅ bevestigd door Jan de Vries om 10:32 (klant gesproken)"))).toBe(
      true,
    );
    const audits = await ctx.db.sql.query<{ entity_id: string }>(
      "SELECT entity_id FROM audit_events WHERE action = 'alert.acknowledged'",
    );
    const ids = String(form.form.value.ids).split(",");
    expect(audits.map((a) => a.entity_id).sort()).toEqual([...ids].sort());
    const alerts = await ctx.db.sql.query<{
      status: string;
      reason_code: string;
      acknowledged_by_id: number;
    }>(
      "SELECT status::text AS status, reason_code, acknowledged_by_id FROM alerts WHERE id = ANY ($1::int[])",
      [ids.map(Number)],
    );
    expect(alerts.every((a) => a.status === "ACKNOWLEDGED" && a.reason_code === "contacted")).toBe(true);
    expect(alerts.every((a) => Number(a.acknowledged_by_id) === jan.id)).toBe(true);
    // Clicking again later says who did it; still one audit event per alert.
    ctx.clock.set(`${AS_OF}T11:00:00Z`);
    const late = await submit("");
    expect(late.kind === "update" && plain(late.message)).toContain(
      "Was al gedaan: ✅ bevestigd door Jan de Vries om 10:32",
    );
    const [count] = await ctx.db.sql.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_events WHERE action = 'alert.acknowledged'",
    );
    expect(Number(count!.n)).toBe(ids.length);
    // The health card shows them with the same buttons.
    const card = await handleAction(
      { id: "customer.open", value: { customerId: acmeId }, user: jan, locale: "nl" },
      services,
    );
    expect(card.kind === "update" && plain(card.message)).toContain("Open meldingen");
    expect(card.kind === "update" && renderText(card.message).actions.map((a) => a.id)).toContain(
      "alert.snooze",
    );
  });

  it("snooze until a date, silent meanwhile; when it ends the alert re-opens and is DM'd again", async () => {
    const [, snooze] = await acmeButtons();
    const services = { services: ctx };
    const form = await handleAction(
      { id: "alert.snooze", value: snooze!.value, user: jan, locale: "nl" },
      services,
    );
    expect(form.kind === "form" && form.form.fields.map((f) => f.id)).toEqual(["days", "reason"]);
    const done = await handleAction(
      {
        id: "alert.snoozesubmit",
        value: snooze!.value,
        user: jan,
        locale: "nl",
        formValues: { days: "7", reason: "expected" },
      },
      services,
    );
    expect(done.kind === "update" && plain(done.message)).toMatch(
      /💤 uitgesteld door Jan de Vries om 12:00, tot 2 dec/,
    );
    expect((await reopenSnoozedAlerts({ ctx })).reopened).toEqual([]);
    // The daily evaluation keeps it snoozed (condition still true) and sends nothing.
    ctx.clock.set("2026-11-26T05:00:00Z");
    await scoreCustomers({ ctx, asOf: "2026-11-26" });
    await evaluateAlerts({ ctx, asOf: "2026-11-26" });
    const [state] = await ctx.db.sql.query<{ status: string }>(
      "SELECT DISTINCT status::text AS status FROM alerts WHERE customer_id = $1 AND kind = 'at-risk' AND status <> 'RESOLVED'",
      [acmeId],
    );
    expect(state!.status).toBe("SNOOZED");

    ctx.clock.set("2026-12-02T11:00:00Z"); // a Wednesday, past the snooze end
    const { reopened } = await reopenSnoozedAlerts({ ctx });
    expect(reopened.length).toBeGreaterThan(0);
    const pushed = await pushAlertMessages({ ctx });
    expect(pushed.sent).toBeGreaterThan(0);
    const [dm] = await ctx.db.sql.query<{ key: string; payload: unknown }>(
      "SELECT key, payload FROM deliveries WHERE key LIKE 'alert:%:reopened:%' ORDER BY id",
    );
    expect(dm).toBeDefined();
    expect(JSON.stringify(dm!.payload)).toContain("uitsteltermijn is voorbij");
    const [audit] = await ctx.db.sql.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_events WHERE action = 'alert.reopened'",
    );
    expect(Number(audit!.n)).toBe(reopened.length);
  });

  it("reassign: a choice of colleagues; the assignee gets a DM and may act, the old click is told", async () => {
    const [, , reassign] = await acmeButtons();
    const services = { services: ctx };
    const form = await handleAction(
      { id: "alert.reassign", value: reassign!.value, user: jan, locale: "nl" },
      services,
    );
    expect(form.kind).toBe("form");
    if (form.kind !== "form") return;
    const field = form.form.fields[0]!;
    expect(field.type === "choice" && field.options.map((o) => o.label)).toContain("Lotte de Boer");
    const done = await handleAction(
      {
        id: "alert.reassignsubmit",
        value: form.form.value,
        user: jan,
        locale: "nl",
        formValues: { assignee: String(lotte.id) },
      },
      services,
    );
    expect(done.kind === "update" && plain(done.message)).toContain(
      "↪️ overgedragen aan Lotte de Boer door Jan de Vries",
    );
    const [dm] = await ctx.db.sql.query<{ target: unknown }>(
      "SELECT target FROM deliveries WHERE key LIKE 'alert:%:assigned:%'",
    );
    expect(json(dm!.target)).toEqual({ kind: "user", userId: lotte.id });
    // Lotte (a MEMBER, not the owner) may now act on it.
    const [ack] = await acmeButtons();
    const lotteForm = await handleAction(
      { id: "alert.ack", value: ack!.value, user: lotte, locale: "nl" },
      services,
    );
    expect(lotteForm.kind).toBe("form");
  });

  it("escalates a DM'd alert nobody acknowledged after two working days, once, to the owner's manager", async () => {
    // Pieter's customers report to Jan. Find an alert DM'd to a MEMBER that is still open.
    const [candidate] = await ctx.db.sql.query<{ id: number; notified_user_id: number; manager_id: number }>(
      `SELECT a.id, a.notified_user_id, u.manager_id FROM alerts a JOIN users u ON u.id = a.notified_user_id
       WHERE a.status = 'OPEN' AND a.notify_state = 'SENT' AND u.manager_id IS NOT NULL ORDER BY a.id LIMIT 1`,
    );
    if (!candidate) {
      // The demo data gave no member a DM; plant one so the rule is still exercised.
      await ctx.db.sql.query(
        `UPDATE alerts SET notify_state = 'SENT', notified_user_id = $1, notified_at = '2026-12-02 10:00'
         WHERE id = (SELECT min(id) FROM alerts WHERE status = 'OPEN')`,
        [pieter.id],
      );
    }
    ctx.clock.set("2026-12-03T10:00:00Z"); // 1 working day after the DMs of 2 Dec: not yet
    const early = await escalateAlerts({ ctx });
    ctx.clock.set("2026-12-07T11:00:00Z"); // Monday: more than 2 working days
    const due = await escalateAlerts({ ctx });
    expect(due.escalated).toBeGreaterThan(0);
    expect((await escalateAlerts({ ctx })).escalated).toBe(0);
    const escalations = await ctx.db.sql.query<{ target: { userId: number }; payload: unknown }>(
      "SELECT target, payload FROM deliveries WHERE kind = 'alert.escalation'",
    );
    expect(escalations.length).toBeGreaterThan(0);
    expect(JSON.stringify(escalations[0]!.payload)).toContain(
      "Niemand heeft deze melding binnen 2 werkdagen bevestigd",
    );
    // The owner who did not react is mentioned (everyone here has a Slack id: 'U' || id).
    for (const escalation of escalations) {
      const { message } = json<{ message: Message }>(escalation.payload);
      const [key, person] = Object.entries(message.mentions ?? {})[0] ?? [];
      expect(key).toMatch(/^user:\d+$/);
      expect(person?.slackUserId).toBe(`U${key!.slice("user:".length)}`);
      expect(renderText(message).text).toContain(`Eigenaar: @${person!.name}.`);
      const slack = JSON.stringify(renderBlockKit(message, { locale: "nl" }).blocks);
      expect(slack).toContain(`Eigenaar: <@${person!.slackUserId}>.`);
    }
    // Acme's alerts went to Lotte on 2 Dec: one working day later they were not yet due.
    const acme = await ctx.db.sql.query<{ escalated_on: string }>(
      "SELECT to_char(escalated_at, 'YYYY-MM-DD') AS escalated_on FROM alerts WHERE customer_id = $1 AND status = 'OPEN'",
      [acmeId],
    );
    expect(acme.length).toBeGreaterThan(0);
    expect(acme.every((row) => row.escalated_on === "2026-12-07")).toBe(true);
    const [toJan] = await ctx.db.sql.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM deliveries WHERE kind = 'alert.escalation' AND target::text LIKE $1",
      [`%"userId":${jan.id}%`],
    );
    expect(Number(toJan!.n)).toBeGreaterThan(0);
    const [audit] = await ctx.db.sql.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_events WHERE action = 'alert.escalated'",
    );
    expect(Number(audit!.n)).toBe(due.escalated + early.escalated);
  });

  it("resolves automatically when the condition clears, with an audit event", async () => {
    // Pretend Acme recovered: a healthy snapshot today and nothing else wrong.
    const resolvedAudits = async () => {
      const [row] = await ctx.db.sql.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM audit_events WHERE action = 'alert.resolved'",
      );
      return Number(row!.n);
    };
    // Earlier evaluations may have resolved alerts of other customers already.
    const auditsBefore = await resolvedAudits();
    ctx.clock.set("2026-12-08T05:00:00Z");
    await scoreCustomers({ ctx, asOf: "2026-12-08" });
    await ctx.db.sql.query(
      "UPDATE health_snapshots SET score = 80, band = 'HEALTHY' WHERE customer_id = $1 AND as_of = '2026-12-08'",
      [acmeId],
    );
    const result = await evaluateAlerts({ ctx, asOf: "2026-12-08" });
    expect(result.resolved).toBeGreaterThan(0);
    const [atRisk] = await ctx.db.sql.query<{ status: string; active_key: string | null }>(
      "SELECT status::text AS status, active_key FROM alerts WHERE customer_id = $1 AND kind = 'at-risk' ORDER BY id DESC LIMIT 1",
      [acmeId],
    );
    expect(atRisk).toEqual({ status: "RESOLVED", active_key: null });
    expect((await resolvedAudits()) - auditsBefore).toBe(result.resolved);
  });
});
