import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ManualClock } from "../../src/clock.ts";
import { evaluateAlerts } from "../../src/services/alerts/evaluate-alerts.ts";
import { pushAlertMessages } from "../../src/services/alerts/push-alert-messages.ts";
import {
  AS_OF,
  blocksText,
  type SlackTestBot,
  slackUsers,
  startSlackAlertBot,
  waitFor,
} from "../support/slack-bot.ts";

/**
 * End to end through the real bot and the Slack stand-in: an alert is opened after scoring, its DM
 * goes through the outbox to Slack, Jan presses Acknowledge, picks a reason in the modal, and the DM
 * is updated in place; Pieter (not the owner) is refused and nothing changes.
 */
describe("alert DM in Slack: acknowledge in place, refusal for others", () => {
  let t: SlackTestBot;

  beforeAll(async () => {
    // Jan and Pieter have used the bot in Slack before: their Slack ids are linked.
    t = await startSlackAlertBot();
  });
  afterAll(async () => {
    await t?.close();
  });

  it("alert opened → DM → acknowledge → message updated → audit", async () => {
    const ctx = t.bot.ctx;
    (ctx.clock as ManualClock).set(`${AS_OF}T09:30:00Z`); // 10:30 in Amsterdam
    await evaluateAlerts({ ctx, asOf: AS_OF });
    expect((await pushAlertMessages({ ctx })).sent).toBeGreaterThan(0);
    await t.bot.dispatcher.drain();
    const dm = await waitFor(() =>
      t.slack.messages.find((m) => m.channel === "D0JAN" && blocksText(m.blocks).includes("Acme")),
    );
    expect(blocksText(dm.blocks)).toMatch(/Acme 72 → \d+/);

    // Pieter is not Acme's owner: a polite refusal, nothing changes.
    await t.slack.click({ userId: slackUsers.pieter.id, source: dm, button: "alert.ack" });
    const refusal = await waitFor(() =>
      [...t.slack.views.values()].find((view) =>
        JSON.stringify(view.view).includes("alleen de accountmanager"),
      ),
    );
    expect(refusal).toBeDefined();
    expect(dm.version).toBe(1);

    (ctx.clock as ManualClock).set(`${AS_OF}T09:32:00Z`);
    await t.slack.click({ userId: slackUsers.jan.id, source: dm, button: "alert.ack" });
    const form = await waitFor(() =>
      [...t.slack.views.values()].find(
        (view) => view.view.callback_id === "alert.acksubmit" && view.userId === slackUsers.jan.id,
      ),
    );
    await t.slack.submitView({ userId: slackUsers.jan.id, viewId: form.id, values: { reason: "contacted" } });
    await waitFor(() => dm.version === 2);
    expect(blocksText(dm.blocks)).toContain("✅ bevestigd door Jan de Vries om 10:32 (klant gesproken)");
    const [audit] = await ctx.db.sql.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_events WHERE action = 'alert.acknowledged' AND actor_user_id IS NOT NULL",
    );
    expect(Number(audit!.n)).toBeGreaterThan(0);
  });
});
