/**
 * Digest benchmark: the time to produce every weekly digest for 200 channel subscriptions on the
 * benchmark data set (default 20,000 customers) on PostgreSQL, i.e. one `sendDueDigests` run from
 * "all due" to "all 200 in the outbox". Subscriptions mix four segment choices (all, Enterprise, MKB,
 * Retail), two languages and three time zones; content is built once per segment and local date and
 * rendered per language, so the figure also shows what one cold build costs.
 *
 *   npm run bench -- --customers 20000 --subscriptions 200     (KLANTPULS_BENCH_ONLY=digest)
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { seedDatabase } from "../prisma/seed/load.ts";
import { ManualClock } from "../src/clock.ts";
import { openDatabase } from "../src/db/client.ts";
import { applyMigrations } from "../src/db/migrate.ts";
import { addDays } from "../src/domain/dates.ts";
import { silentLogger } from "../src/logger.ts";
import { evaluateAlerts } from "../src/services/alerts/evaluate-alerts.ts";
import type { ServiceContext } from "../src/services/context.ts";
import { createServiceContext } from "../src/services/create-service-context.ts";
import { buildDigest } from "../src/services/digests/build-digest.ts";
import { sendDueDigests } from "../src/services/digests/send-due-digests.ts";
import { scoreCustomers } from "../src/services/score-customers.ts";

const asOf = "2026-11-25";
const adminUrl = process.env.KLANTPULS_BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? (process.argv[index + 1] as string) : fallback;
}

const customers = Number(argument("customers", "20000"));
const subscriptionCount = Number(argument("subscriptions", "200"));

async function main(): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const name = `klantpuls_digest_bench_${randomBytes(4).toString("hex")}`;
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ kind: "postgres", url: url.toString(), poolSize: 4 });
  try {
    await applyMigrations(db.sql);
    const t0 = performance.now();
    await seedDatabase(db, { customers, asOf, transactions: "per-batch" });
    await db.sql.exec("ANALYZE");
    const loadMs = performance.now() - t0;
    const clock = new ManualClock(`${asOf}T05:00:00Z`);
    const ctx: ServiceContext = createServiceContext({
      db,
      settingsJson: undefined,
      clock,
      log: silentLogger,
      timezone: "Europe/Amsterdam",
    });
    const t1 = performance.now();
    // History the digest reads: 90 days ago (calibration), a month and a week ago (deltas), and today.
    for (const date of [addDays(asOf, -90), addDays(asOf, -30), addDays(asOf, -7), asOf]) {
      await scoreCustomers({ ctx, asOf: date });
    }
    const evaluated = await evaluateAlerts({ ctx, asOf });
    await db.sql.exec("ANALYZE");
    const prepareMs = performance.now() - t1;

    const segments = [null, "Enterprise", "MKB", "Retail"];
    const zones = ["Europe/Amsterdam", "Europe/London", "Europe/Brussels"];
    await db.sql.query(
      `INSERT INTO channel_subscriptions (platform, channel_id, segment, day_of_week, time_of_day, timezone, locale, created_at)
       SELECT CASE WHEN i % 2 = 0 THEN 'SLACK' ELSE 'TEAMS' END::"Platform", 'C' || i, seg[1 + i % 4], 1, '08:30',
              tz[1 + i % 3], CASE WHEN i % 5 = 0 THEN 'en' ELSE 'nl' END, '2026-11-01'
       FROM generate_series(1, $1::int) AS i, (SELECT $2::text[] AS seg, $3::text[] AS tz) p`,
      [subscriptionCount, segments, zones],
    );

    // Monday 30 November, 10:00 in Amsterdam: every subscription's slot has come.
    clock.set("2026-11-30T09:00:00Z");
    const run = await sendDueDigests({ ctx });
    const again = await sendDueDigests({ ctx });

    const today = "2026-11-30";
    const cold: Record<string, number> = {};
    for (const segment of segments) {
      const started = performance.now();
      await buildDigest({ ctx, asOf: today, segment });
      cold[segment ?? "all"] = Math.round(performance.now() - started);
    }

    console.table({
      customers: { value: customers },
      "load (s)": { value: (loadMs / 1000).toFixed(1) },
      "4× scoring + alert evaluation (s)": { value: (prepareMs / 1000).toFixed(1) },
      "alerts opened": { value: evaluated.opened },
      subscriptions: { value: subscriptionCount },
      "digests enqueued": { value: run.enqueued },
      "distinct contents built": { value: run.built },
      "ALL DIGESTS (ms)": { value: run.ms },
      "second run (ms, nothing due)": { value: again.ms },
      ...Object.fromEntries(
        Object.entries(cold).map(([segment, ms]) => [`one build, ${segment} (ms)`, { value: ms }]),
      ),
    });
    if (run.enqueued !== subscriptionCount || again.enqueued !== 0) {
      throw new Error(
        `expected ${subscriptionCount} digests once, got ${run.enqueued} then ${again.enqueued}`,
      );
    }
  } finally {
    await db.close();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

await main();
