import { expect, it } from "vitest";
import {
  auditChannelSubscription,
  deactivateChannelSubscription,
  findChannelSubscription,
  listActiveChannelSubscriptions,
  upsertChannelSubscription,
} from "../../src/db/queries/digest-subscriptions.ts";
import { describeEachDatabase } from "../support/each-database.ts";

describeEachDatabase(
  "digest subscriptions repository (src/db/queries/digest-subscriptions.ts)",
  (database) => {
    it("one per channel, keeps its start while active, restarts when re-activated, audited as given", async () => {
      const { sql } = database();
      const [anna] = await sql.query<{ id: number }>(
        "SELECT id FROM users WHERE email = 'anna@example.test'",
      );
      const userId = Number(anna!.id);
      const schedule = {
        platform: "SLACK" as const,
        channelId: "C1",
        segment: null,
        dayOfWeek: 1,
        timeOfDay: "08:30",
        timezone: "Europe/Amsterdam",
        locale: "nl" as const,
        createdById: userId,
      };
      const first = await upsertChannelSubscription(sql, { ...schedule, at: "2026-11-23T07:00:00.000Z" });
      expect(first).toEqual({
        id: expect.any(Number),
        platform: "SLACK",
        channelId: "C1",
        segment: null,
        dayOfWeek: 1,
        timeOfDay: "08:30",
        timezone: "Europe/Amsterdam",
        locale: "nl",
        active: true,
        createdById: userId,
        createdAt: "2026-11-23T07:00:00Z",
      });
      // A new schedule for an active subscription: same row, same start.
      const changed = await upsertChannelSubscription(sql, {
        ...schedule,
        segment: "Retail",
        dayOfWeek: 5,
        locale: "en",
        at: "2026-11-24T07:00:00.000Z",
      });
      expect(changed).toMatchObject({
        id: first.id,
        segment: "Retail",
        dayOfWeek: 5,
        locale: "en",
        createdAt: "2026-11-23T07:00:00Z",
      });
      // The same channel id on the other platform is another subscription.
      const teams = await upsertChannelSubscription(sql, {
        ...schedule,
        platform: "TEAMS",
        at: "2026-11-24T08:00:00.000Z",
      });
      expect(teams.id).not.toBe(first.id);

      const off = await deactivateChannelSubscription(sql, { platform: "SLACK", channelId: "C1" });
      expect(off).toMatchObject({ id: first.id, active: false, segment: "Retail" });
      expect(await deactivateChannelSubscription(sql, { platform: "SLACK", channelId: "C1" })).toBeNull();
      expect(await findChannelSubscription(sql, { platform: "SLACK", channelId: "C1" })).toEqual(off);
      expect(await findChannelSubscription(sql, { platform: "SLACK", channelId: "C2" })).toBeNull();
      expect((await listActiveChannelSubscriptions(sql)).map((s) => s.id)).toEqual([teams.id]);

      // Re-activated: it starts again from now (a slot missed while off is not owed).
      const again = await upsertChannelSubscription(sql, { ...schedule, at: "2026-11-30T07:00:00.000Z" });
      expect(again).toMatchObject({ id: first.id, active: true, createdAt: "2026-11-30T07:00:00Z" });
      expect((await listActiveChannelSubscriptions(sql)).map((s) => s.id)).toEqual([first.id, teams.id]);

      await auditChannelSubscription(sql, {
        at: "2026-11-30T07:00:00.000Z",
        userId,
        action: "digest.subscribed",
        subscription: again,
      });
      const [event] = await sql.query<{
        at: string;
        action: string;
        entity: string;
        entity_id: string;
        detail: unknown;
      }>("SELECT at::text AS at, action, entity, entity_id, detail FROM audit_events");
      expect(event).toMatchObject({
        at: "2026-11-30 07:00:00",
        action: "digest.subscribed",
        entity: "channel_subscription",
        entity_id: String(first.id),
      });
      const detail = typeof event?.detail === "string" ? JSON.parse(event.detail) : event?.detail;
      expect(detail).toEqual(again);
    });
  },
  {
    setup: async (db) => {
      await db.sql.exec(
        "INSERT INTO users (email, name, locale, timezone) VALUES ('anna@example.test', 'Anna', 'nl', 'Europe/Amsterdam');",
      );
    },
  },
);
