import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  blocksText,
  type SlackTestBot,
  slackUsers,
  startSlackTestBot,
  waitFor,
} from "../support/slack-bot.ts";

/**
 * Issue 10 item 10: an answer is not lost on a reset connection. LocalSlack (a local server) resets
 * the connection of the first response_url POST, as a dead keep-alive socket does after a restart;
 * the bot retries once on a fresh connection and the user gets the card. When the response_url keeps
 * failing, the answer comes by DM instead of nowhere.
 */
let t: SlackTestBot;
beforeAll(async () => {
  t = await startSlackTestBot({ customers: 10 });
});
afterAll(async () => {
  await t?.close();
});

describe("answers through response_url survive a connection reset", () => {
  it("/klant-health: the first POST is reset, the retry on a new connection delivers the card", async () => {
    const jan = slackUsers.jan.id;
    t.slack.failNext("response_url", { kind: "reset" });
    await t.slack.slashCommand({ command: "/klant-health", text: "acme", userId: jan });
    const card = await waitFor(() =>
      t.slack.messages.find((m) => m.visibleTo === jan && blocksText(m.blocks).includes("Acme")),
    );
    expect(card.ephemeral).toBe(true);
    const calls = t.slack.callsTo("response_url");
    expect(calls.map((call) => call.outcome)).toEqual(["reset", "ok"]);
    expect(calls[1]!.remotePort).not.toBe(calls[0]!.remotePort);
    expect(t.logs.filter((line) => line.msg === "slack: delivering an answer failed")).toEqual([]);
  });

  it("when the response_url fails twice, the answer comes by DM", async () => {
    const jan = slackUsers.jan.id;
    t.slack.failNext("response_url", { kind: "reset" }, { kind: "reset" });
    await t.slack.slashCommand({ command: "/klant-health", text: "acme", userId: jan });
    const dm = await waitFor(() =>
      t.slack.callsTo("chat.postMessage").find((call) => call.body.channel === jan && call.outcome === "ok"),
    );
    const blocks = typeof dm.body.blocks === "string" ? JSON.parse(dm.body.blocks) : dm.body.blocks;
    expect(blocksText(blocks)).toContain("Acme");
  });
});
