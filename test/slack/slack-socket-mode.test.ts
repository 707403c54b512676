import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  blocksText,
  type SlackTestBot,
  slackUsers,
  startSlackTestBot,
  waitFor,
} from "../support/slack-bot.ts";

/** With SLACK_APP_TOKEN the same bot talks Socket Mode: no HTTP endpoint, acks over the WebSocket. */
let t: SlackTestBot;
const { jan } = slackUsers;

beforeAll(async () => {
  t = await startSlackTestBot({ customers: 20, appToken: "xapp-1-A0KLANTPULS-1-local" });
});
afterAll(async () => {
  await t?.close();
});

describe("Socket Mode", () => {
  it("answers a slash command, a click and the home tab over the socket; /slack/events is not mounted", async () => {
    expect(t.slack.callsTo("apps.connections.open")).toHaveLength(1);
    const answer = await t.slack.slashCommand({ command: "/klant-health", text: "acme", userId: jan.id });
    expect(answer.status).toBe(200);
    const card = await waitFor(() => t.slack.messages[0]);
    expect(blocksText(card.blocks)).toMatch(/Acme/);

    await t.slack.click({ userId: jan.id, source: card, button: "pulse.add" });
    const form = await waitFor(() =>
      [...t.slack.views.values()].find((view) => view.view.callback_id === "pulse.submit"),
    );
    const rejected = await t.slack.submitView({ userId: jan.id, viewId: form.id, values: {} });
    expect(rejected.body).toMatchObject({ response_action: "errors", errors: { score: expect.any(String) } });
    const saved = await t.slack.submitView({ userId: jan.id, viewId: form.id, values: { score: "9" } });
    expect(saved.body).toBeUndefined();
    await waitFor(() => card.version === 2);
    expect(blocksText(card.blocks)).toMatch(/9\/10 voor Acme/);

    await t.slack.openHome({ userId: jan.id });
    await waitFor(() => t.slack.homeView(jan.id));

    const http = await fetch(t.eventsUrl, { method: "POST", body: "x" });
    expect(http.status).toBe(404);
    expect(t.slack.problems).toEqual([]);
  });
});
