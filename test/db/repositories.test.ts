import { expect, it } from "vitest";
import {
  claimJobRunRow,
  finishJobRunRow,
  isPeriodDone,
  listJobRunRows,
} from "../../src/db/queries/job-runs.ts";
import { saveOwnerPulse, scheduledPulseState } from "../../src/db/queries/owner-pulses.ts";
import {
  chooseLocale,
  findUserByEmail,
  findUserByPlatformId,
  findUserSlackId,
  findUserTimeSettings,
  followPlatformLocale,
  linkUserByEmail,
  listUsersByName,
} from "../../src/db/queries/users.ts";
import { describeEachDatabase } from "../support/each-database.ts";

describeEachDatabase(
  "repositories in src/db: users, owner pulses, job runs",
  (database) => {
    it("users: found by platform id or e-mail, linked once, language followed or chosen", async () => {
      const db = database();
      const { sql } = db;
      expect(await findUserByPlatformId(sql, "SLACK", "U1")).toBeNull();
      const linked = await linkUserByEmail(sql, "SLACK", "U1", "ANNA@example.test");
      expect(linked).toMatchObject({ name: "Anna", role: "MEMBER", locale: "nl", localeChosen: false });
      expect(typeof linked?.id).toBe("number");
      // Already linked to U1: another Slack id does not take the user over.
      expect(await linkUserByEmail(sql, "SLACK", "U2", "anna@example.test")).toBeNull();
      expect(await findUserByPlatformId(sql, "SLACK", "U1")).toEqual(linked);
      expect(await findUserByPlatformId(sql, "TEAMS", "U1")).toBeNull();
      expect(await findUserByEmail(sql, " Anna@Example.test ")).toEqual(linked);
      // The address is compared whole: "_" and "%" are no wildcards.
      expect(await findUserByEmail(sql, "ann_@example.test")).toBeNull();
      expect(await findUserByEmail(sql, "%@example.test")).toBeNull();

      await followPlatformLocale(sql, linked!.id, "en");
      expect(await findUserByEmail(sql, "anna@example.test")).toMatchObject({
        locale: "en",
        localeChosen: false,
      });
      expect(await chooseLocale(sql, linked!.id, "fr")).toMatchObject({ locale: "fr", localeChosen: true });
      expect(await chooseLocale(sql, linked!.id, null)).toMatchObject({ locale: "fr", localeChosen: false });
      expect(await chooseLocale(sql, 999_999, "fr")).toBeNull();

      expect(await listUsersByName(sql, 10)).toEqual([
        { id: linked!.id, name: "Anna" },
        { id: expect.any(Number), name: "Bram" },
      ]);
      expect(await listUsersByName(sql, 1)).toHaveLength(1);
      expect(await findUserSlackId(sql, linked!.id)).toEqual({ name: "Anna", slackUserId: "U1" });
      const bram = await findUserByEmail(sql, "bram@example.test");
      expect(await findUserSlackId(sql, bram!.id)).toEqual({ name: "Bram", slackUserId: null });
      expect(await findUserSlackId(sql, 999_999)).toBeNull();
      expect(await findUserTimeSettings(sql, bram!.id)).toEqual({
        timezone: "America/New_York",
        locale: "en",
      });
      expect(await findUserTimeSettings(sql, 999_999)).toBeNull();
    });

    it("owner pulses: an ad-hoc one is inserted, a scheduled one answered in place, each audited", async () => {
      const { sql } = database();
      const anna = await findUserByEmail(sql, "anna@example.test");
      const [customer] = await sql.query<{ id: number }>(
        "INSERT INTO customers (external_id, name, search_name, customer_since) VALUES ('C1', 'Acme', 'acme', '2024-01-01') RETURNING id",
      );
      const customerId = Number(customer!.id);
      const at = new Date("2026-11-25T09:00:00Z");
      const adHoc = await saveOwnerPulse(sql, { customerId, userId: anna!.id, score: 7, comment: "ok", at });
      expect(adHoc?.pulseId).toEqual(expect.any(Number));

      const [asked] = await sql.query<{ id: number }>(
        `INSERT INTO owner_pulses (customer_id, user_id, asked_at, expires_at)
         VALUES ($1, $2, '2026-11-20 09:00', '2026-11-27 09:00') RETURNING id`,
        [customerId, anna!.id],
      );
      const pulseId = Number(asked!.id);
      expect(await scheduledPulseState(sql, { pulseId, customerId, now: at })).toEqual({
        score: null,
        answered: false,
        expired: false,
      });
      expect(
        await scheduledPulseState(sql, { pulseId, customerId, now: new Date("2026-11-28T00:00:00Z") }),
      ).toMatchObject({ expired: true });
      expect(await scheduledPulseState(sql, { pulseId, customerId: customerId + 1, now: at })).toBeNull();

      expect(
        await saveOwnerPulse(sql, { customerId, userId: anna!.id, score: 3, comment: "", at, pulseId }),
      ).toEqual({ pulseId });
      expect(await scheduledPulseState(sql, { pulseId, customerId, now: at })).toMatchObject({
        score: 3,
        answered: true,
      });
      expect(
        await saveOwnerPulse(sql, {
          customerId: customerId + 1,
          userId: anna!.id,
          score: 3,
          comment: "",
          at,
          pulseId,
        }),
      ).toBeNull();
      const audits = await sql.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM audit_events WHERE action = 'pulse.answered'",
      );
      expect(audits[0]?.n).toBe(2);
    });

    it("job runs: one claim per period, taken over only when dead or failed", async () => {
      const { sql } = database();
      const t = (iso: string) => new Date(iso);
      const claim = (instanceId: string, now: string, staleBefore: string, retryBefore: string) =>
        claimJobRunRow(sql, {
          jobId: "score",
          periodKey: "2026-11-25",
          instanceId,
          now: t(now),
          staleBefore: t(staleBefore),
          retryBefore: t(retryBefore),
        });
      const first = await claim("a", "2026-11-25T06:00:00Z", "2026-11-25T05:30:00Z", "2026-11-25T05:45:00Z");
      expect(first).toEqual({ runId: expect.any(Number), retry: false });
      // Running and not stale: another instance skips.
      expect(
        await claim("b", "2026-11-25T06:01:00Z", "2026-11-25T05:31:00Z", "2026-11-25T05:46:00Z"),
      ).toBeNull();
      expect(await isPeriodDone(sql, "score", "2026-11-25")).toBe(false);
      // Failed: taken over once the pause is over.
      await finishJobRunRow(sql, first!.runId, t("2026-11-25T06:02:00Z"), "boom");
      expect(
        await claim("b", "2026-11-25T06:03:00Z", "2026-11-25T05:33:00Z", "2026-11-25T05:48:00Z"),
      ).toBeNull();
      const retried = await claim(
        "b",
        "2026-11-25T06:30:00Z",
        "2026-11-25T06:00:00Z",
        "2026-11-25T06:15:00Z",
      );
      expect(retried).toEqual({ runId: first!.runId, retry: true });
      await finishJobRunRow(sql, retried!.runId, t("2026-11-25T06:31:00Z"), null);
      expect(await isPeriodDone(sql, "score", "2026-11-25")).toBe(true);
      expect(await isPeriodDone(sql, "score", "2026-11-26")).toBe(false);
      expect(await listJobRunRows(sql, { jobId: "score" })).toEqual([
        {
          jobId: "score",
          periodKey: "2026-11-25",
          claimedBy: "b",
          startedAt: t("2026-11-25T06:30:00Z"),
          finishedAt: t("2026-11-25T06:31:00Z"),
          error: null,
        },
      ]);
      expect(await listJobRunRows(sql, { jobId: "other" })).toEqual([]);
    });
  },
  {
    setup: async (db) => {
      await db.sql.exec(`
        INSERT INTO users (email, name, locale, timezone) VALUES
          ('anna@example.test', 'Anna', 'nl', 'Europe/Amsterdam'),
          ('bram@example.test', 'Bram', 'en', 'America/New_York');
      `);
    },
  },
);
