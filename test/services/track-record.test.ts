import { expect, it } from "vitest";
import { runChatCommand } from "../../commands/index.ts";
import { seedDatabase } from "../../prisma/seed/load.ts";
import { formatPercent } from "../../src/domain/format.ts";
import { buildDigest } from "../../src/services/digests/build-digest.ts";
import { getMyOverview } from "../../src/services/get-my-overview.ts";
import { runBacktest } from "../../src/services/health-model/run-backtest.ts";
import { latestTrackRecord, refreshTrackRecord } from "../../src/services/health-model/track-record.ts";
import { homeMessage } from "../../src/slack/home.ts";
import { digestMessage } from "../../src/views/digest-message.ts";
import { renderText } from "../../src/views/render-text.ts";
import { describeEachDatabase } from "../support/each-database.ts";
import { testServiceContext } from "../support/service-context.ts";

const NOW = "2026-11-25T09:00:00Z";

async function storedTrackRecords(ctx: ReturnType<typeof testServiceContext>): Promise<string[]> {
  const rows = await ctx.db.sql.query<{ as_of: string }>(
    "SELECT as_of::text AS as_of FROM health_models WHERE kind = 'track-record' ORDER BY as_of",
  );
  return rows.map((row) => row.as_of);
}

describeEachDatabase(
  "the score's track record in App Home, /klant-kpi and the digest",
  (database) => {
    it("has none before the first backtest, and the views say so instead of inventing figures", async () => {
      const ctx = testServiceContext(database(), NOW);
      expect(await latestTrackRecord(ctx)).toBeNull();
      const kpi = await runChatCommand("klant-kpi", "", {
        services: ctx,
        user: { id: 1, name: "Jan", email: "jan@example.com", role: "ADMIN", locale: "nl" },
        locale: "nl",
      });
      expect(renderText(kpi).text).toContain("Trefzekerheid: nog niet teruggerekend");
    });

    it("replays the book once, keeps it until the refit interval has passed, then replays again", async () => {
      const ctx = testServiceContext(database(), NOW);
      const record = await refreshTrackRecord(ctx);
      expect(record).not.toBeNull();
      if (!record) return;
      // The latest replayed date is a horizon before today: its outcome is known.
      expect(record.lastDate).toBe("2026-08-27");
      expect(record.horizonDays).toBe(90);
      expect(record.dates).toBeGreaterThan(1);
      const { AT_RISK, HEALTHY } = record.bands;
      expect(AT_RISK.customers).toBeGreaterThan(0);
      expect(AT_RISK.churnRate).toBeGreaterThan(HEALTHY.churnRate ?? 1);
      expect(await storedTrackRecords(ctx)).toEqual(["2026-11-25"]);

      // Ten days later the stored one is still fresh: no second replay.
      ctx.clock.set(new Date("2026-12-05T09:00:00Z"));
      expect(await refreshTrackRecord(ctx)).toEqual(record);
      expect(await storedTrackRecords(ctx)).toEqual(["2026-11-25"]);
      // After the refit interval (30 days) it is replayed and stored under the new day. No orders came
      // in since the seed (last order 25 Nov), so the latest date with a known outcome is the same.
      ctx.clock.set(new Date("2026-12-26T09:00:00Z"));
      const later = await refreshTrackRecord(ctx);
      expect(later?.lastDate).toBe("2026-08-27");
      expect(await storedTrackRecords(ctx)).toEqual(["2026-11-25", "2026-12-26"]);
    });

    it("shows the same figures in App Home, /klant-kpi and a digest without live history", async () => {
      // Weeks after the last snapshot: no live "then vs now" figures, so the digest falls back too.
      const ctx = testServiceContext(database(), "2027-01-10T09:00:00Z");
      const record = await latestTrackRecord(ctx);
      if (!record) throw new Error("no track record stored");
      // The shared formatter: the same percentage as everywhere else in the chat.
      const percent = (rate: number | null) => formatPercent((rate ?? 0) * 100, "nl");
      const line =
        `Trefzekerheid: van de klanten die de score op risico zette, vertrok ${percent(record.bands.AT_RISK.churnRate)} ` +
        `binnen 90 dagen; van de gezonde ${percent(record.bands.HEALTHY.churnRate)}`;

      const user = {
        id: 1,
        name: "Jan",
        email: "jan@example.com",
        role: "ADMIN" as const,
        locale: "nl" as const,
      };
      const kpi = await runChatCommand("klant-kpi", "", { services: ctx, user, locale: "nl" });
      expect(renderText(kpi).text).toContain(line);

      const overview = await getMyOverview({ ctx, userId: 1, customerLimit: 5, alertLimit: 5 });
      expect(renderText(homeMessage(user, overview, "nl")).text).toContain(line);

      const english = renderText(homeMessage(user, overview, "en")).text;
      expect(english).toContain("Track record: of the customers the score put at risk,");

      const content = await buildDigest({ ctx, asOf: "2027-01-10", segment: null });
      expect(content.calibration?.atRiskLeftPercent ?? null).toBeNull();
      const digest = digestMessage(content, "nl", { periodKey: "2027-W01" });
      expect(renderText(digest).text).toContain(line);
    });
  },
  {
    async setup(db) {
      await seedDatabase(db, { customers: 150, asOf: "2026-11-25" });
    },
  },
);

describeEachDatabase(
  "a book too short to backtest",
  (database) => {
    it("gets a message saying which dates would fit and what to import, and keeps no track record", async () => {
      const ctx = testServiceContext(database(), "2026-11-30T09:00:00Z");
      // First order 5 January, last 10 June: no date has both 180 days of orders before it and its
      // 90-day outcome known (that needs 270 days from the first order to the last).
      await expect(runBacktest({ ctx })).rejects.toThrow(
        "Too little history to backtest at 2026-03-12: an as-of date needs 180 days of orders before it " +
          "(2026-07-04 or later) and the 90 days after it known (2026-03-12 or earlier, the last order being " +
          "2026-06-10); import a longer order history (at least 270 days from the first order to the last).",
      );
      expect(await refreshTrackRecord(ctx)).toBeNull();
      expect(await storedTrackRecords(ctx)).toEqual([]);
    });
  },
  {
    async setup(db) {
      await db.sql.exec(`
        INSERT INTO customers (external_id, name, search_name, customer_since)
        VALUES ('C1', 'Alpha', 'alpha', '2026-01-05'), ('C2', 'Beta', 'beta', '2026-03-01'),
               ('C3', 'Gamma', 'gamma', '2026-06-10');
        INSERT INTO orders (external_id, customer_id, ordered_on, amount_cents)
        SELECT 'O-' || external_id, id, customer_since, 10000 FROM customers;`);
    },
  },
);
