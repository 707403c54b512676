import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { seedDatabase } from "../../prisma/seed/load.ts";
import type { ManualClock } from "../../src/clock.ts";
import { type Database, openDatabase } from "../../src/db/client.ts";
import { applyMigrations } from "../../src/db/migrate.ts";
import {
  dailyPeriodKey,
  isoWeekPeriodKey,
  latestWeeklySlot,
  slotPeriodKey,
} from "../../src/domain/period-keys.ts";
import { claimJobRun, listJobRuns, runClaimed } from "../../src/scheduler/job-runs.ts";
import { scoreDailyJob } from "../../src/scheduler/jobs/index.ts";
import { createScheduler } from "../../src/scheduler/scheduler.ts";
import type { JobDefinition } from "../../src/scheduler/types.ts";
import type { ServiceContext } from "../../src/services/context.ts";
import { enqueueDelivery } from "../../src/services/deliveries/enqueue-delivery.ts";
import { describeEachDatabase } from "../support/each-database.ts";
import { createThrowawayPostgres, postgresSkipReason } from "../support/postgres.ts";
import { testServiceContext } from "../support/service-context.ts";

/** A daily 06:00 job that counts its runs. */
function countingJob(id = "test.daily", runs: string[] = []): JobDefinition & { runs: string[] } {
  return {
    id,
    cron: "0 6 * * *",
    periodKey: dailyPeriodKey,
    runs,
    async run(_ctx, { periodKey }) {
      runs.push(periodKey);
    },
  };
}

describeEachDatabase("scheduler: one run per job and period", (database) => {
  let ctx: ServiceContext & { clock: ManualClock };
  beforeEach(async () => {
    ctx = testServiceContext(database(), "2026-11-25T05:01:00Z");
    await ctx.db.sql.query("DELETE FROM job_runs");
  });

  it("runs a due job once; later ticks in the same period skip it", async () => {
    const job = countingJob();
    const scheduler = createScheduler({ ctx, jobs: [job], instanceId: "a" });
    expect((await scheduler.runDueJobs())[0]).toMatchObject({ outcome: "ran", periodKey: "2026-11-25" });
    ctx.clock.advance(3 * 3_600_000);
    expect((await scheduler.runDueJobs())[0]).toMatchObject({ outcome: "skipped", periodKey: "2026-11-25" });
    ctx.clock.set("2026-11-26T05:00:00Z");
    expect((await scheduler.runDueJobs())[0]).toMatchObject({ outcome: "ran", periodKey: "2026-11-26" });
    expect(job.runs).toEqual(["2026-11-25", "2026-11-26"]);
    const rows = await listJobRuns(ctx, { jobId: job.id });
    expect(rows.map((row) => [row.periodKey, row.claimedBy, row.error])).toEqual([
      ["2026-11-26", "a", null],
      ["2026-11-25", "a", null],
    ]);
    expect(rows[0]?.finishedAt?.toISOString()).toBe("2026-11-26T05:00:00.000Z");
  });

  it("catch-up at start: a run missed while the bot was down runs once, for the latest slot only", async () => {
    const job = countingJob();
    await createScheduler({ ctx, jobs: [job], instanceId: "before" }).runDueJobs();
    // Down from the 25th at 06:01 until the 28th at 10:00: three slots missed.
    ctx.clock.set("2026-11-28T09:00:00Z");
    const restarted = createScheduler({ ctx, jobs: [job], instanceId: "after" });
    restarted.start();
    await restarted.caughtUp;
    expect(job.runs).toEqual(["2026-11-25", "2026-11-28"]);
    // The next tick and another restart find it done.
    expect((await restarted.runDueJobs())[0]?.outcome).toBe("skipped");
    await restarted.stop();
    const again = createScheduler({ ctx, jobs: [job], instanceId: "again" });
    again.start();
    await again.caughtUp;
    await again.stop();
    expect(job.runs).toEqual(["2026-11-25", "2026-11-28"]);
  });

  it("starting before today's slot does not run today's period early", async () => {
    const job = countingJob();
    ctx.clock.set("2026-11-25T04:00:00Z"); // 05:00 in Amsterdam
    await createScheduler({ ctx, jobs: [job], instanceId: "a" }).runDueJobs();
    expect(job.runs).toEqual(["2026-11-24"]); // yesterday's slot, which had not run
    expect((await createScheduler({ ctx, jobs: [job] }).runDueJobs())[0]?.outcome).toBe("skipped");
  });

  it("catchUp: false leaves a missed slot alone but runs on time", async () => {
    const job = { ...countingJob(), catchUp: false };
    ctx.clock.set("2026-11-25T09:00:00Z");
    expect((await createScheduler({ ctx, jobs: [job] }).runDueJobs())[0]?.outcome).toBe("not-due");
    ctx.clock.set("2026-11-26T05:00:30Z");
    expect((await createScheduler({ ctx, jobs: [job] }).runDueJobs())[0]?.outcome).toBe("ran");
    expect(job.runs).toEqual(["2026-11-26"]);
  });

  it("a failed run is recorded and retried in the same period after a pause", async () => {
    let fail = true;
    const attempts: string[] = [];
    const job: JobDefinition = {
      ...countingJob(),
      async run(_ctx, { periodKey }) {
        attempts.push(periodKey);
        if (fail) throw new Error("ERP export not there yet");
      },
    };
    const scheduler = createScheduler({ ctx, jobs: [job], instanceId: "a" });
    expect((await scheduler.runDueJobs())[0]).toMatchObject({ outcome: "failed" });
    expect((await listJobRuns(ctx, { jobId: job.id }))[0]?.error).toBe("ERP export not there yet");
    ctx.clock.advance(60_000);
    expect((await scheduler.runDueJobs())[0]?.outcome).toBe("skipped");
    fail = false;
    ctx.clock.advance(15 * 60_000);
    expect((await scheduler.runDueJobs())[0]?.outcome).toBe("ran");
    expect(attempts).toEqual(["2026-11-25", "2026-11-25"]);
    expect((await listJobRuns(ctx, { jobId: job.id }))[0]?.error).toBeNull();
  });

  it("a run whose instance died is taken over after its lease, not before", async () => {
    const job = countingJob();
    // Another instance claimed the period and crashed before finishing.
    expect(await claimJobRun(ctx, job.id, "2026-11-25", "crashed")).toMatchObject({ retry: false });
    const scheduler = createScheduler({ ctx, jobs: [job], instanceId: "survivor" });
    expect((await scheduler.runDueJobs())[0]?.outcome).toBe("skipped");
    ctx.clock.advance(31 * 60_000);
    expect((await scheduler.runDueJobs())[0]?.outcome).toBe("ran");
    expect((await listJobRuns(ctx, { jobId: job.id }))[0]?.claimedBy).toBe("survivor");
  });

  it("job <id> runs a job now even when its period already ran", async () => {
    const job = countingJob();
    const scheduler = createScheduler({ ctx, jobs: [job] });
    await scheduler.runDueJobs();
    expect(await scheduler.runJobNow(job.id)).toMatchObject({ outcome: "ran", periodKey: "2026-11-25" });
    expect(job.runs).toHaveLength(2);
    await expect(scheduler.runJobNow("nope")).rejects.toThrow(/no job "nope"/);
  });

  it("refuses two jobs with one id and an unusable cron expression", () => {
    expect(() => createScheduler({ ctx, jobs: [countingJob(), countingJob()] })).toThrow(
      /two scheduled jobs/,
    );
    expect(() => createScheduler({ ctx, jobs: [{ ...countingJob(), cron: "0 6 L * *" }] })).toThrow(
      /not supported/,
    );
  });
});

describe("score.daily on demo data", () => {
  let db: Database | undefined;
  afterAll(async () => db?.close());

  it("scores every customer as of the slot's date, then runs the after-scoring hooks in order", async () => {
    db = await openDatabase({ kind: "pglite" });
    await applyMigrations(db.sql);
    await seedDatabase(db, { customers: 20, asOf: "2026-11-25" });
    const ctx = testServiceContext(db, "2026-11-25T07:00:00Z");
    const calls: string[] = [];
    const job = scoreDailyJob({
      afterScoring: [
        async (_ctx, { asOf, result }) => void calls.push(`alerts ${asOf} ${result.scored}`),
        async () => {
          calls.push("second");
        },
      ],
    });
    const [outcome] = await createScheduler({ ctx, jobs: [job] }).runDueJobs();
    expect(outcome).toMatchObject({ jobId: "score.daily", outcome: "ran", periodKey: "2026-11-25" });
    const [row] = await db.sql.query<{ count: number }>(
      "SELECT count(*)::int AS count FROM health_snapshots WHERE as_of = '2026-11-25'",
    );
    expect(row?.count).toBeGreaterThan(0);
    expect(calls).toEqual([`alerts 2026-11-25 ${row?.count}`, "second"]);
  });
});

const postgresSkip = await postgresSkipReason();

describe.skipIf(postgresSkip !== undefined)("two scheduler instances on one PostgreSQL", () => {
  it("run each job once per period, and one digest per subscription and week", async () => {
    const throwaway = await createThrowawayPostgres("kp_sched");
    const first = await openDatabase({ kind: "postgres", url: throwaway.url, poolSize: 4 });
    const second = await openDatabase({ kind: "postgres", url: throwaway.url, poolSize: 4 });
    try {
      await applyMigrations(first.sql);
      const dailyRuns: string[] = [];
      const digestBuilds: string[] = [];
      // Subscriptions with their own day, time and zone, as channel_subscriptions holds them.
      const subscriptions = [
        { id: 1, dayOfWeek: 1, timeOfDay: "08:30", timezone: "Europe/Amsterdam", channelId: "C0SALES" },
        { id: 2, dayOfWeek: 3, timeOfDay: "07:00", timezone: "Europe/London", channelId: "C0MGMT" },
        { id: 3, dayOfWeek: 5, timeOfDay: "17:00", timezone: "America/New_York", channelId: "C0US" },
      ];
      // The agreed shape of the digest job: a sweep every 15 minutes, a claimed sub-run per
      // subscription and ISO week, and a delivery under the same key.
      const digestJob: JobDefinition = {
        id: "test.digest",
        cron: "*/15 * * * *",
        periodKey: slotPeriodKey,
        async run(ctx, { now, instanceId }) {
          for (const sub of subscriptions) {
            const slot = latestWeeklySlot(sub, now);
            if (!slot) continue;
            const key = `digest:${sub.id}:${isoWeekPeriodKey(slot, sub.timezone)}`;
            await runClaimed(ctx, { jobId: "digest", periodKey: key, instanceId }, async () => {
              digestBuilds.push(key);
              await enqueueDelivery({
                ctx,
                key,
                platform: "SLACK",
                target: { kind: "channel", channelId: sub.channelId },
                kind: "digest",
                message: { text: `Digest ${key}`, blocks: [] },
              });
            });
          }
        },
      };
      const instance = (db: Database, name: string) => {
        const ctx = testServiceContext(db, "2026-11-25T09:00:00Z");
        const job = countingJob("test.daily", dailyRuns);
        return { ctx, scheduler: createScheduler({ ctx, jobs: [job, digestJob], instanceId: name }) };
      };
      const a = instance(first, "host-a:1");
      const b = instance(second, "host-b:2");
      // Both start at once (catch-up), then tick together every 15 minutes for a week.
      for (let tick = 0; tick < 7 * 96; tick += 1) {
        await Promise.all([a.scheduler.runDueJobs(), b.scheduler.runDueJobs()]);
        a.ctx.clock.advance(15 * 60_000);
        b.ctx.clock.advance(15 * 60_000);
      }
      // The 25th (Wednesday) through the 2nd of December: 8 daily periods.
      expect(dailyRuns).toEqual([...new Set(dailyRuns)]);
      expect(dailyRuns).toHaveLength(8);
      const deliveries = await first.sql.query<{ key: string }>("SELECT key FROM deliveries ORDER BY key");
      expect(deliveries.map((row) => row.key)).toEqual([
        "digest:1:2026-W48",
        "digest:1:2026-W49",
        "digest:2:2026-W48",
        "digest:2:2026-W49",
        "digest:3:2026-W47",
        "digest:3:2026-W48",
      ]);
      expect(digestBuilds.sort()).toEqual(deliveries.map((row) => row.key));
      const claimedBy = await first.sql.query<{ claimed_by: string; count: number }>(
        "SELECT claimed_by, count(*)::int AS count FROM job_runs GROUP BY claimed_by ORDER BY claimed_by",
      );
      // Both instances won some claims: they really raced.
      expect(claimedBy).toHaveLength(2);
    } finally {
      await first.close();
      await second.close();
      await throwaway.drop();
    }
  }, 120_000);
});
