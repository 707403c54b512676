import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresSkipReason } from "../support/postgres.ts";
import {
  blocksText,
  type SlackTestBot,
  slackUsers,
  startSlackTestBot,
  waitFor,
} from "../support/slack-bot.ts";

const skip = await postgresSkipReason();
const { jan } = slackUsers;

/** The same Slack paths on PostgreSQL (production's database): command, click, pulse, home, event retry. */
describe.skipIf(skip !== undefined)(`Slack on PostgreSQL${skip ? ` (skipped: ${skip})` : ""}`, () => {
  let t: SlackTestBot;
  beforeAll(async () => {
    t = await startSlackTestBot({ customers: 30, database: "postgres" });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("answers /klant-health, saves a pulse from the modal and publishes the home tab once per event", async () => {
    const answer = await t.slack.slashCommand({ command: "/klant-health", text: "acme", userId: jan.id });
    expect(answer.status).toBe(200);
    const card = await waitFor(() => t.slack.messages[0]);
    expect(blocksText(card.blocks)).toMatch(/Acme/);
    await t.slack.click({ userId: jan.id, source: card, button: "pulse.add" });
    const form = await waitFor(() =>
      [...t.slack.views.values()].find((view) => view.view.callback_id === "pulse.submit"),
    );
    await t.slack.submitView({ userId: jan.id, viewId: form.id, values: { score: "4", comment: "pg" } });
    await waitFor(() => card.version === 2);
    const [row] = await t.bot.ctx.db.sql.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM owner_pulses WHERE comment = 'pg' AND score = 4",
    );
    expect(row?.n).toBe(1);

    const first = await t.slack.openHome({ userId: jan.id });
    await waitFor(() => t.slack.homeView(jan.id));
    await t.slack.openHome({ userId: jan.id, eventId: first.eventId, retryNum: 1 });
    await waitFor(() => t.logs.some((line) => line.msg === "slack: event already handled, retry skipped"));
    expect(t.slack.callsTo("views.publish")).toHaveLength(1);
    expect(t.slack.problems).toEqual([]);
  });
});
