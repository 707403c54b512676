import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../src/db/client.ts";
import { applyMigrations } from "../../src/db/migrate.ts";
import { createDeliveryDispatcher } from "../../src/services/deliveries/dispatcher.ts";
import { enqueueDelivery } from "../../src/services/deliveries/enqueue-delivery.ts";
import type { PlatformSender } from "../../src/services/deliveries/sender.ts";
import { createThrowawayPostgres, postgresSkipReason, type ThrowawayPostgres } from "../support/postgres.ts";
import { testServiceContext } from "../support/service-context.ts";

/**
 * Issue 10 item 11: two bot instances share PostgreSQL, and their clocks differ by ten minutes. The
 * outbox lease is timed by the database's clock, so the fast instance does not judge the slow one's
 * lease expired and send its messages a second time.
 */
const skip = await postgresSkipReason();

describe.skipIf(skip !== undefined)(
  `outbox leases across instances with different clocks${skip ? ` (skipped: ${skip})` : ""}`,
  () => {
    let throwaway: ThrowawayPostgres;
    let dbA: Database;
    let dbB: Database;
    beforeAll(async () => {
      throwaway = await createThrowawayPostgres("kp_outbox");
      dbA = await openDatabase({ kind: "postgres", url: throwaway.url, poolSize: 2 });
      dbB = await openDatabase({ kind: "postgres", url: throwaway.url, poolSize: 2 });
      await applyMigrations(dbA.sql);
    });
    afterAll(async () => {
      await dbA?.close();
      await dbB?.close();
      await throwaway?.drop();
    });

    it("two dispatchers whose clocks differ by 10 minutes send each DM once", async () => {
      const ctxA = testServiceContext(dbA, "2026-11-25T09:00:00Z");
      const ctxB = testServiceContext(dbB, "2026-11-25T09:10:00Z");
      for (let i = 1; i <= 5; i += 1) {
        await enqueueDelivery({
          ctx: ctxA,
          key: `pulse:${i}:ask`,
          platform: "SLACK",
          target: { kind: "channel", channelId: `D0OWNER${i}` },
          kind: "pulse",
          message: { text: `pulse ${i}`, blocks: [{ type: "text", text: `pulse ${i}` }] },
        });
      }
      const sent: string[] = [];
      // Instance A's Slack is slow: its sends hang until released.
      let release: () => void = () => undefined;
      const slow = new Promise<void>((resolve) => {
        release = resolve;
      });
      let started = 0;
      const slowSender: PlatformSender = {
        platform: "SLACK",
        async send(target, message) {
          started += 1;
          await slow;
          sent.push(`A:${message.text}`);
          return {
            platform: "SLACK",
            channel: target.kind === "channel" ? target.channelId : "D",
            ts: "1.0",
          };
        },
      };
      const fastSender: PlatformSender = {
        platform: "SLACK",
        async send(target, message) {
          sent.push(`B:${message.text}`);
          return {
            platform: "SLACK",
            channel: target.kind === "channel" ? target.channelId : "D",
            ts: "2.0",
          };
        },
      };
      const a = createDeliveryDispatcher({ ctx: ctxA, senders: { SLACK: slowSender }, concurrency: 5 });
      const b = createDeliveryDispatcher({ ctx: ctxB, senders: { SLACK: fastSender }, concurrency: 5 });

      const passA = a.dispatchDue();
      // Wait (on events, not time) until A has claimed all five and is sending them.
      while (started < 5) await new Promise((resolve) => setImmediate(resolve));
      // B's clock is 10 minutes ahead: past A's 2-minute lease by B's clock, but not by the database's.
      expect(await b.dispatchDue()).toMatchObject({ claimed: 0, sent: 0 });
      release();
      expect(await passA).toMatchObject({ claimed: 5, sent: 5 });
      expect(await b.drain()).toMatchObject({ claimed: 0 });
      expect(sent.sort()).toEqual(["A:pulse 1", "A:pulse 2", "A:pulse 3", "A:pulse 4", "A:pulse 5"]);
      const rows = await dbA.sql.query<{ status: string; attempts: number; lease_owner: string | null }>(
        "SELECT status::text AS status, attempts, lease_owner FROM deliveries ORDER BY key",
      );
      expect(
        rows.every((row) => row.status === "SENT" && row.attempts === 1 && row.lease_owner === null),
      ).toBe(true);
    });

    it("a dispatcher whose lease was taken over does not send", async () => {
      const ctxA = testServiceContext(dbA, "2026-11-25T09:00:00Z");
      const ctxB = testServiceContext(dbB, "2026-11-25T09:00:00Z");
      await enqueueDelivery({
        ctx: ctxA,
        key: "digest:lost-lease",
        platform: "SLACK",
        target: { kind: "channel", channelId: "C0DIGEST" },
        kind: "digest",
        message: { text: "digest", blocks: [{ type: "text", text: "digest" }] },
      });
      const sent: string[] = [];
      let release: () => void = () => undefined;
      const paced = new Promise<void>((resolve) => {
        release = resolve;
      });
      const sender = (who: string): PlatformSender => ({
        platform: "SLACK",
        async send(target, message) {
          sent.push(`${who}:${message.text}`);
          return {
            platform: "SLACK",
            channel: target.kind === "channel" ? target.channelId : "D",
            ts: "3.0",
          };
        },
      });
      let waiting = false;
      // A waits for the channel's pace before sending; meanwhile its lease runs out and B takes over.
      const a = createDeliveryDispatcher({
        ctx: ctxA,
        senders: { SLACK: sender("A") },
        sleep: async () => {
          waiting = true;
          await paced;
        },
      });
      // Make A believe the channel was just used, so it waits before its send.
      const warmUp = await enqueueDelivery({
        ctx: ctxA,
        key: "digest:warm-up",
        platform: "SLACK",
        target: { kind: "channel", channelId: "C0DIGEST" },
        kind: "digest",
        message: { text: "warm-up", blocks: [{ type: "text", text: "warm-up" }] },
      });
      expect(warmUp).toBeDefined();
      const passA = a.dispatchDue();
      while (!waiting) await new Promise((resolve) => setImmediate(resolve));
      await dbA.sql.query(
        "UPDATE deliveries SET lease_until = now() - interval '1 second' WHERE status = 'PENDING'",
      );
      const b = createDeliveryDispatcher({ ctx: ctxB, senders: { SLACK: sender("B") } });
      await b.dispatchDue();
      release();
      await passA;
      expect(sent.filter((text) => text.endsWith(":digest"))).toHaveLength(1);
    });
  },
);
