import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDatabase } from "../../prisma/seed/load.ts";
import type { Database } from "../../src/db/client.ts";
import { pulsesAskJob } from "../../src/scheduler/jobs/pulses.ts";
import { createDeliveryDispatcher } from "../../src/services/deliveries/dispatcher.ts";
import type { PlatformSender } from "../../src/services/deliveries/sender.ts";
import { openTestDatabase } from "../support/database.ts";
import { testServiceContext } from "../support/service-context.ts";

/**
 * Issue 10 item 12: on first start with demo data plus this month's pulses planted for every owned
 * customer, unanswered, the pulse job sends each owner at most their top 5 accounts' pulses — never every
 * unanswered pulse of the month — and nobody in their quiet hours.
 */
const AS_OF = "2026-12-03";
let db: Database;

beforeAll(async () => {
  db = await openTestDatabase("pglite");
  await seedDatabase(db, { customers: 200, asOf: AS_OF });
  await db.sql.query("UPDATE users SET slack_user_id = 'U' || id");
  // The flood as the first round met it: a pulse of this month, unanswered, for every owned customer
  // (the demo generator now plants only what the job would ask; a hand-made or imported book may not).
  await db.sql.query(
    `INSERT INTO owner_pulses (customer_id, user_id, period, asked_at, expires_at)
     SELECT c.id, c.owner_id, '2026-12', '2026-12-01T08:00:00Z', '2026-12-31T23:00:00Z'
     FROM customers c WHERE c.owner_id IS NOT NULL AND c.status = 'ACTIVE'
     ON CONFLICT (customer_id, period) DO NOTHING`,
  );
});
afterAll(async () => {
  await db?.close();
});

async function dmsPerOwner(ctx: ReturnType<typeof testServiceContext>): Promise<Map<number, number>> {
  const perOwner = new Map<number, number>();
  const sender: PlatformSender = {
    platform: "SLACK",
    async send(target) {
      if (target.kind === "user") perOwner.set(target.userId, (perOwner.get(target.userId) ?? 0) + 1);
      return { platform: "SLACK", channel: "D", ts: String(Math.random()) };
    },
  };
  await createDeliveryDispatcher({ ctx, senders: { SLACK: sender }, sleep: async () => undefined }).drain();
  return perOwner;
}

describe("the monthly pulse on first start", () => {
  it("sends each owner at most 5 pulse DMs, however many pulses of the month are unanswered", async () => {
    const [planted] = await db.sql.query<{ n: number; owners: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT user_id)::int AS owners FROM owner_pulses
       WHERE period = '2026-12' AND answered_at IS NULL`,
    );
    // The demo data is what made the flood: more unanswered pulses this month than 5 per owner.
    expect(planted!.n).toBeGreaterThan(5 * planted!.owners);

    const ctx = testServiceContext(db, `${AS_OF}T08:00:00Z`); // 09:00 in Amsterdam, a Thursday
    await pulsesAskJob.run(ctx, {
      now: ctx.clock.now(),
      slot: ctx.clock.now(),
      periodKey: AS_OF,
      timezone: ctx.timezone,
      instanceId: "test",
    });
    const perOwner = await dmsPerOwner(ctx);
    expect(Math.max(0, ...perOwner.values())).toBeLessThanOrEqual(5);
    const [deliveries] = await db.sql.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM deliveries WHERE kind = 'pulse'",
    );
    expect(deliveries!.n).toBeLessThanOrEqual(5 * planted!.owners + 5 * 10);
  });

  it("asks nobody during quiet hours (the noise budget), and asks them later that day", async () => {
    // A new month: nobody has a pulse for January yet.
    const night = testServiceContext(db, "2027-01-05T02:00:00Z"); // 03:00 in Amsterdam
    const run = (ctx: ReturnType<typeof testServiceContext>) =>
      pulsesAskJob.run(ctx, {
        now: ctx.clock.now(),
        slot: ctx.clock.now(),
        periodKey: "2027-01-05",
        timezone: ctx.timezone,
        instanceId: "test",
      });
    await run(night);
    const [atNight] = await db.sql.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM owner_pulses WHERE period = '2027-01'",
    );
    expect(atNight!.n).toBe(0);
    const morning = testServiceContext(db, "2027-01-05T08:00:00Z");
    await run(morning);
    const perOwner = await dmsPerOwner(morning);
    expect(perOwner.size).toBeGreaterThan(0);
    expect(Math.max(...perOwner.values())).toBeLessThanOrEqual(5);
  });
});
