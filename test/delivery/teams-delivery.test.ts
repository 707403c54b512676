import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueDelivery, enqueueForUser } from "../../src/services/deliveries/enqueue-delivery.ts";
import {
  CHANNEL_ID,
  personalConversation,
  personalInstall,
  postActivity,
  type TeamsUser,
  teamInstall,
} from "../support/teams-activities.ts";
import { startTeamsTestBot, type TeamsTestBot } from "../support/teams-bot.ts";
import { adaptiveCardProblems, cardsOf, cardText } from "../support/teams-cards.ts";

/**
 * The outbox through the real bot (startBot wires the Teams sender and the dispatcher) to the
 * stand-in Bot Connector: a DM to a user's personal chat and a post in a team channel, each with the
 * conversation and activity id recorded for later updates; a conversation the app is not installed in
 * fails with a reason instead of being retried forever.
 */

const jan: TeamsUser = {
  id: "29:jan",
  aadObjectId: "0a1b2c3d-0000-4000-8000-00000000b001",
  name: "Jan de Vries",
};

let t: TeamsTestBot;
beforeAll(async () => {
  t = await startTeamsTestBot(() => ({ auth: { kind: "local" } }), { seed: false });
  t.connector.setMember({
    id: jan.id,
    name: jan.name,
    aadObjectId: jan.aadObjectId,
    email: "jan@example.test",
  });
});
afterAll(async () => t?.close());

const sql = <T>(text: string, params: unknown[] = []) => t.bot.ctx.db.sql.query<T>(text, params);

describe("Teams delivery through the outbox", () => {
  it("sends an alert DM to the user's personal chat and records the activity id", async () => {
    const [user] = await sql<{ id: number }>(
      "INSERT INTO users (email, name, teams_user_id) VALUES ('jan@example.test', 'Jan de Vries', $1) RETURNING id",
      [jan.aadObjectId],
    );
    for (const activity of personalInstall(t.connector.url, jan)) {
      expect((await postActivity(t.bot.url, activity)).status).toBe(200);
    }
    t.connector.clear();
    const queued = await enqueueForUser({
      ctx: t.bot.ctx,
      key: "alert:7:dm",
      userId: user!.id,
      kind: "alert",
      message: { text: "Acme 72 → 58", blocks: [{ type: "header", text: "Signaal: Acme 72 → 58" }] },
    });
    expect(queued).toMatchObject({ created: true, platform: "TEAMS" });
    expect(await t.bot.dispatcher.drain()).toMatchObject({ sent: 1 });
    const [post] = t.connector.sent();
    expect(post).toMatchObject({ kind: "post", conversationId: personalConversation(jan).id });
    const [card] = cardsOf(post!.body);
    expect(cardText(card)).toContain("Signaal: Acme 72 → 58");
    expect(adaptiveCardProblems(card)).toEqual([]);
    const [row] = await sql<{ status: string; platform_ref: unknown }>(
      "SELECT status::text AS status, platform_ref FROM deliveries WHERE key = 'alert:7:dm'",
    );
    expect(row).toEqual({
      status: "SENT",
      platform_ref: {
        platform: "TEAMS",
        conversationId: personalConversation(jan).id,
        activityId: expect.stringMatching(/^sent-\d+$/),
      },
    });
  });

  it("posts a digest in a team channel; a channel without the app fails with the reason", async () => {
    await postActivity(t.bot.url, teamInstall(t.connector.url, jan));
    t.connector.clear();
    for (const [key, channelId] of [
      ["digest:1:2026-W48", CHANNEL_ID],
      ["digest:2:2026-W48", "19:unknown@thread.tacv2"],
    ] as const) {
      await enqueueDelivery({
        ctx: t.bot.ctx,
        key,
        platform: "TEAMS",
        target: { kind: "channel", channelId },
        kind: "digest",
        message: { text: "Weekoverzicht", blocks: [{ type: "header", text: "Weekoverzicht" }] },
      });
    }
    expect(await t.bot.dispatcher.drain()).toMatchObject({ sent: 1, failed: 1 });
    expect(t.connector.sent()).toHaveLength(1);
    expect(t.connector.sent()[0]).toMatchObject({ kind: "post", conversationId: CHANNEL_ID });
    const rows = await sql<{ key: string; status: string; last_error: string | null }>(
      "SELECT key, status::text AS status, last_error FROM deliveries WHERE kind = 'digest' ORDER BY key",
    );
    expect(rows[0]).toMatchObject({ status: "SENT", last_error: null });
    expect(rows[1]?.status).toBe("FAILED");
    expect(rows[1]?.last_error).toMatch(/no stored Teams conversation .* not installed there/);
  });
});
