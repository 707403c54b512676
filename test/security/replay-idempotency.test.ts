import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SqlSession } from "../../src/db/sql-session.ts";
import { httpTransport } from "../../src/dev/local-slack-transport.ts";
import { signedHeaders } from "../../src/dev/slack-signature.ts";
import {
  blocksText,
  SIGNING_SECRET,
  type SlackTestBot,
  slackUsers,
  startSlackAlertBot,
  waitFor,
} from "../support/slack-bot.ts";
import {
  actionExecute,
  actionSubmit,
  personalMessage,
  postActivity,
  type TeamsUser,
} from "../support/teams-activities.ts";
import { startTeamsTestBot, type TeamsTestBot } from "../support/teams-bot.ts";
import { cardActions, cardsOf } from "../support/teams-cards.ts";

/**
 * Issue 10 item 2: a replayed state-changing interaction has one effect. The replays are the exact
 * signed requests (same body, same signature and timestamp, well inside Slack's 5-minute window),
 * POSTed again to the real /slack/events; for Teams, the same activity (same id) to /api/messages.
 */

/** Audit events of the pulse with this comment (the demo data has pulses of its own). */
const AUDITED_PULSE = (comment: string) =>
  `SELECT count(*)::int AS n FROM audit_events a JOIN owner_pulses p ON p.id = (a.detail->>'pulseId')::int
   WHERE a.action = 'pulse.answered' AND p.comment = '${comment}'`;

type Sent = { rawBody: string; contentType: string };

async function count(t: { bot: { ctx: { db: { sql: SqlSession } } } }, sql: string): Promise<number> {
  const [row] = await t.bot.ctx.db.sql.query<{ n: number }>(sql);
  return Number(row!.n);
}

describe("Slack: replays of signed interactions", () => {
  let t: SlackTestBot;
  const sent: Sent[] = [];
  beforeAll(async () => {
    t = await startSlackAlertBot();
    // Record every request LocalSlack sends, as an eavesdropper (or Slack's own retry) would have it.
    const forward = httpTransport({ eventsUrl: t.eventsUrl, signingSecret: SIGNING_SECRET });
    t.slack.connect(async (request) => {
      sent.push({ rawBody: request.rawBody, contentType: request.contentType });
      return forward(request);
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  /** The last request sent, POSTed twice more with one and the same signature. */
  async function replayLast(): Promise<number[]> {
    const last = sent.at(-1)!;
    const headers = signedHeaders(SIGNING_SECRET, last.rawBody, last.contentType);
    const statuses: number[] = [];
    for (let i = 0; i < 2; i += 1) {
      const response = await fetch(t.eventsUrl, { method: "POST", headers, body: last.rawBody });
      await response.text();
      statuses.push(response.status);
    }
    return statuses;
  }

  it("a pulse submission sent 3 times writes 1 owner_pulses row and 1 audit event", async () => {
    const jan = slackUsers.jan.id;
    await t.slack.slashCommand({ command: "/klant-health", text: "acme", userId: jan });
    const card = await waitFor(() =>
      t.slack.messages.find((m) => m.visibleTo === jan && blocksText(m.blocks).includes("Acme")),
    );
    await t.slack.click({ userId: jan, source: card, button: "pulse.add" });
    const form = await waitFor(() =>
      [...t.slack.views.values()].find((view) => view.view.callback_id === "pulse.submit"),
    );
    const before = t.slack.calls.length;
    const answer = await t.slack.submitView({
      userId: jan,
      viewId: form.id,
      values: { score: "7", comment: "replay-slack" },
    });
    expect(answer.status).toBe(200);
    // The thank-you replaces the card the button was on.
    await waitFor(() => t.slack.calls.slice(before).some((call) => call.method === "response_url"));
    const answeredCalls = t.slack.calls.length;

    expect(await replayLast()).toEqual([200, 200]);
    // Each replay is acknowledged (Slack would retry otherwise); wait for the bot to have logged both.
    await waitFor(() => t.logs.filter((line) => line.msg === "interaction already handled").length === 2);
    expect(await count(t, "SELECT count(*)::int AS n FROM owner_pulses WHERE comment = 'replay-slack'")).toBe(
      1,
    );
    expect(await count(t, AUDITED_PULSE("replay-slack"))).toBe(1);
    // And no second "thank you" went out.
    expect(t.slack.calls.length).toBe(answeredCalls);
  });

  it("a replayed button click (block_actions) is handled once", async () => {
    const jan = slackUsers.jan.id;
    await t.slack.slashCommand({ command: "/klant-health", text: "acme", userId: jan });
    const card = await waitFor(() =>
      t.slack.messages.filter((m) => m.visibleTo === jan && blocksText(m.blocks).includes("Acme")).at(-1),
    );
    const logged = () => t.logs.filter((line) => line.msg === "interaction already handled").length;
    const seen = logged();
    await t.slack.click({ userId: jan, source: card, button: "pulse.add" });
    expect(await replayLast()).toEqual([200, 200]);
    await waitFor(() => logged() === seen + 2);
  });

  it("/klant-digest aan replayed subscribes once, with one audit event", async () => {
    const jan = slackUsers.jan.id;
    await t.slack.slashCommand({ command: "/klant-digest", text: "aan", userId: jan, channelId: "C0DIGEST" });
    await waitFor(() =>
      count(t, "SELECT count(*)::int AS n FROM channel_subscriptions WHERE channel_id = 'C0DIGEST'").then(
        (n) => n === 1,
      ),
    );
    expect(await replayLast()).toEqual([200, 200]);
    await waitFor(
      () =>
        t.slack.messages.filter(
          (m) => m.channel === "C0DIGEST" && blocksText(m.blocks).includes("al verwerkt"),
        ).length === 2,
    );
    expect(
      await count(t, "SELECT count(*)::int AS n FROM audit_events WHERE entity = 'channel_subscription'"),
    ).toBe(1);
  });
});

describe("Teams: the same activity sent 3 times", () => {
  const jan: TeamsUser = {
    id: "29:jan",
    aadObjectId: "0a1b2c3d-0000-4000-8000-00000000c001",
    name: "Jan de Vries",
  };
  let t: TeamsTestBot;
  beforeAll(async () => {
    t = await startTeamsTestBot(() => ({ auth: { kind: "local" } }));
    t.connector.setMember({
      id: jan.id,
      name: jan.name,
      aadObjectId: jan.aadObjectId,
      email: "jan@klantpuls.demo",
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("a pulse submitted by Action.Execute 3 times is recorded once", async () => {
    await postActivity(t.bot.url, personalMessage(t.connector.url, jan, "klant-health acme"));
    const card = cardsOf(t.connector.sent()[0]!.body)[0];
    const add = cardActions(card).find((action) => action.verb === "pulse.add")!;
    const submit = actionExecute(t.connector.url, jan, {
      verb: "pulse.submit",
      data: { ...add.data, "form.score": "6", "form.comment": "replay-execute" },
      replyToId: "sent-acme",
    });
    const answers = [];
    for (let i = 0; i < 3; i += 1) answers.push(await postActivity(t.bot.url, submit));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect(JSON.stringify(answers[2]!.body)).toContain("al verwerkt");
    expect(
      await count(t, "SELECT count(*)::int AS n FROM owner_pulses WHERE comment = 'replay-execute'"),
    ).toBe(1);
    expect(await count(t, AUDITED_PULSE("replay-execute"))).toBe(1);
  });

  it("an Action.Submit click (a message activity) sent 3 times is recorded once", async () => {
    await postActivity(t.bot.url, personalMessage(t.connector.url, jan, "klant-health acme"));
    const card = cardsOf(t.connector.sent().at(-1)!.body)[0];
    const add = cardActions(card).find((action) => action.verb === "pulse.add")!;
    const click = actionSubmit(
      t.connector.url,
      jan,
      { action: "pulse.submit", ...add.data, "form.score": "3", "form.comment": "replay-submit" },
      "sent-acme-2",
    );
    for (let i = 0; i < 3; i += 1) expect((await postActivity(t.bot.url, click)).status).toBe(200);
    expect(
      await count(t, "SELECT count(*)::int AS n FROM owner_pulses WHERE comment = 'replay-submit'"),
    ).toBe(1);
    expect(await count(t, AUDITED_PULSE("replay-submit"))).toBe(1);
  });
});
