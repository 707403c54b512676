import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ManualClock } from "../../src/clock.ts";
import { actOnAlerts } from "../../src/services/alerts/act-on-alerts.ts";
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
 * An alert handled somewhere other than its own DM still updates that DM in Slack (chat.update on the
 * stored channel and ts): acknowledged from the `/klant-health` card, and snoozed through the service
 * by a manager. The Teams counterpart is in alert-teams-e2e.test.ts.
 */
describe("alert DM in Slack: updated when the alert is handled elsewhere", () => {
  let t: SlackTestBot;

  beforeAll(async () => {
    t = await startSlackAlertBot();
    (t.bot.ctx.clock as ManualClock).set(`${AS_OF}T09:30:00Z`); // 10:30 in Amsterdam
    await evaluateAlerts({ ctx: t.bot.ctx, asOf: AS_OF });
    await pushAlertMessages({ ctx: t.bot.ctx });
    await t.bot.dispatcher.drain();
  });
  afterAll(async () => {
    await t?.close();
  });

  function dmAbout(channel: string, customer: string) {
    return waitFor(() =>
      t.slack.messages.find(
        (m) =>
          m.channel === channel &&
          !m.ephemeral &&
          blocksText(m.blocks).includes(`${customer} vraagt aandacht`),
      ),
    );
  }

  it("acknowledged from the /klant-health card: the card and the DM both show it", async () => {
    const dm = await dmAbout("D0JAN", "Acme");
    expect(dm.version).toBe(1);
    (t.bot.ctx.clock as ManualClock).set(`${AS_OF}T09:40:00Z`);

    const before = t.slack.messages.length;
    await t.slack.slashCommand({ command: "/klant-health", text: "acme", userId: slackUsers.jan.id });
    const card = await waitFor(() => t.slack.messages[before]);
    expect(card.ephemeral).toBe(true);
    await t.slack.click({ userId: slackUsers.jan.id, source: card, button: "alert.ack" });
    const form = await waitFor(() =>
      [...t.slack.views.values()].find(
        (view) => view.view.callback_id === "alert.acksubmit" && view.userId === slackUsers.jan.id,
      ),
    );
    await t.slack.submitView({ userId: slackUsers.jan.id, viewId: form.id, values: { reason: "contacted" } });

    const status = "✅ bevestigd door Jan de Vries om 10:40 (klant gesproken)";
    await waitFor(() => dm.version === 2);
    expect(blocksText(dm.blocks)).toContain(status);
    expect(blocksText(dm.blocks)).toContain("Acme vraagt aandacht");
    expect(t.slack.buttons(dm).map((button) => button.actionId.split(":")[0])).not.toContain("alert.ack");
    // The card the button was on shows the outcome too (through its response_url).
    await waitFor(() => card.version > 1);
    expect(blocksText(card.blocks)).toContain(status);
    const updates = t.slack.callsTo("chat.update").filter((call) => call.body.ts === dm.ts);
    expect(updates).toHaveLength(1);
  });

  it("snoozed by a manager through the service: Pieter's DM is updated, nothing new is posted", async () => {
    const dm = await dmAbout("D0PIETER", "Bakker Bouwmaterialen BV");
    const ids = await t.bot.ctx.db.sql.query<{ id: number }>(
      `SELECT a.id FROM alerts a JOIN customers c ON c.id = a.customer_id
       WHERE c.name = 'Bakker Bouwmaterialen BV' AND a.status <> 'RESOLVED' ORDER BY a.id`,
    );
    const [jan] = await t.bot.ctx.db.sql.query<{ id: number }>(
      "SELECT id FROM users WHERE email = 'jan@klantpuls.demo'",
    );
    (t.bot.ctx.clock as ManualClock).set(`${AS_OF}T09:45:00Z`);
    const posted = t.slack.callsTo("chat.postMessage").length;
    const result = await actOnAlerts({
      ctx: t.bot.ctx,
      actor: { id: Number(jan!.id), name: "Jan de Vries", role: "MANAGER" },
      alertIds: ids.map((row) => Number(row.id)),
      action: { kind: "snooze", days: 7, reason: "expected" },
    });
    expect(result.status).toBe("done");
    expect(dm.version).toBe(2);
    expect(blocksText(dm.blocks)).toContain("💤 uitgesteld door Jan de Vries om 10:45, tot");
    expect(t.slack.callsTo("chat.postMessage")).toHaveLength(posted);
  });

  it("a pulse rescores Acme at once: its alert DM takes the card's new score, the same day", async () => {
    const dm = await dmAbout("D0JAN", "Acme");
    const version = dm.version;
    (t.bot.ctx.clock as ManualClock).set(`${AS_OF}T09:50:00Z`);
    const scoreOf = (text: string) => Number(/(\d+)\/100/.exec(text)?.[1]);
    const cardNow = async () => {
      const at = t.slack.messages.length;
      await t.slack.slashCommand({ command: "/klant-health", text: "acme", userId: slackUsers.jan.id });
      return waitFor(() => t.slack.messages[at]);
    };
    const card = await cardNow();
    const before = scoreOf(blocksText(card.blocks));
    expect(scoreOf(blocksText(dm.blocks))).toBe(before);

    await t.slack.click({ userId: slackUsers.jan.id, source: card, button: "pulse.add" });
    const form = await waitFor(() =>
      [...t.slack.views.values()].find(
        (view) =>
          view.view.callback_id === "pulse.submit" && view.userId === slackUsers.jan.id && !view.closed,
      ),
    );
    await t.slack.submitView({
      userId: slackUsers.jan.id,
      viewId: form.id,
      values: { score: "10", comment: "net gesproken, gaat weer goed" },
    });
    await waitFor(() => dm.version > version);
    const after = scoreOf(blocksText((await cardNow()).blocks));
    expect(after).not.toBe(before);
    // The DM, the card and the card's own alert block show one score, dated today.
    expect(scoreOf(blocksText(dm.blocks))).toBe(after);
    expect(blocksText(dm.blocks)).toContain("cijfers van 25 november 2026");
  });
});
