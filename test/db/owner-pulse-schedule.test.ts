import { expect, it } from "vitest";
import {
  countPulsesExpiredInLastDay,
  createPeriodPulses,
  listCustomerOwners,
  listUnsentPulseQuestions,
  markPulsesReminded,
} from "../../src/db/queries/owner-pulses.ts";
import { describeEachDatabase } from "../support/each-database.ts";

describeEachDatabase(
  "scheduled owner pulses (src/db/queries/owner-pulses.ts)",
  (database) => {
    it("asks each owner once a period about their top accounts, sends each question once, reminds once, counts expiry", async () => {
      const { sql } = database();
      const userId = async (email: string) =>
        Number((await sql.query<{ id: number }>("SELECT id FROM users WHERE email = $1", [email]))[0]!.id);
      const anna = await userId("anna@example.test");
      const bram = await userId("bram@example.test");
      const customerIds: Record<string, number> = {};
      for (const [externalId, owner, status] of [
        ["A1", anna, "ACTIVE"],
        ["A2", anna, "ACTIVE"],
        ["A3", anna, "ACTIVE"],
        ["A4", anna, "ACTIVE"],
        ["A5", anna, "CHURNED"],
        ["A6", anna, "ACTIVE"],
        ["B1", bram, "ACTIVE"],
        ["X1", null, "ACTIVE"],
      ] as const) {
        const [row] = await sql.query<{ id: number }>(
          `INSERT INTO customers (external_id, name, search_name, customer_since, owner_id, status)
           VALUES ($1, $1, lower($1), '2024-01-01', $2, $3::"CustomerStatus") RETURNING id`,
          [externalId, owner, status],
        );
        customerIds[externalId] = Number(row!.id);
      }
      // A4 has no invoices, A6 only one older than a year: no revenue, not asked about.
      for (const [externalId, issuedOn, cents] of [
        ["A1", "2026-10-01", 500],
        ["A2", "2026-06-01", 300],
        ["A3", "2026-11-30", 100],
        ["A5", "2026-10-01", 1000],
        ["A6", "2025-11-30", 900],
        ["B1", "2026-10-01", 200],
        ["X1", "2026-10-01", 700],
      ] as const) {
        await sql.query(
          `INSERT INTO invoices (external_id, customer_id, issued_on, due_on, amount_cents)
           VALUES ($1, $2, $3::date, $3::date, $4)`,
          [`I-${externalId}`, customerIds[externalId], issuedOn, cents],
        );
      }

      expect((await listCustomerOwners(sql)).sort((a, b) => a.id - b.id)).toEqual([
        { id: anna, timezone: "Europe/Amsterdam" },
        { id: bram, timezone: "America/New_York" },
      ]);

      const now = new Date("2026-12-01T09:00:00Z");
      const plan = { today: "2026-12-01", period: "2026-12", now, topAccounts: 2, expireAfterDays: 7 };
      const annas = (await createPeriodPulses(sql, { ...plan, skipOwnerIds: [bram] })).sort((a, b) => a - b);
      expect(annas).toHaveLength(2);
      const stored = await sql.query<{
        customer_id: number;
        user_id: number;
        asked_at: string;
        expires_at: string;
      }>(
        `SELECT customer_id, user_id, asked_at::text AS asked_at, expires_at::text AS expires_at
         FROM owner_pulses WHERE id = ANY ($1::int[]) ORDER BY id`,
        [annas],
      );
      expect(stored.map((row) => Number(row.customer_id)).sort()).toEqual(
        [customerIds.A1, customerIds.A2].sort(),
      );
      expect(stored[0]).toMatchObject({ asked_at: "2026-12-01 09:00:00", expires_at: "2026-12-08 09:00:00" });
      // Anna has her pulses this period: a later run asks only Bram, whatever topAccounts says now.
      const brams = await createPeriodPulses(sql, { ...plan, topAccounts: 3, skipOwnerIds: [] });
      expect(brams).toHaveLength(1);
      expect(await createPeriodPulses(sql, { ...plan, topAccounts: 3, skipOwnerIds: [] })).toEqual([]);
      // The next period asks again, except the owners skipped (in their quiet hours).
      const nextPeriod = await createPeriodPulses(sql, { ...plan, period: "2027-01", skipOwnerIds: [anna] });
      expect(nextPeriod).toHaveLength(1);

      const questions = await listUnsentPulseQuestions(sql, {
        period: "2026-12",
        ids: null,
        occasion: "ask",
        now,
      });
      expect(questions.map((q) => q.pulseId)).toEqual([...annas, ...brams]);
      expect(questions[2]).toEqual({
        pulseId: brams[0],
        customerId: customerIds.B1,
        userId: bram,
        customerName: "B1",
        locale: "en",
        expiresAt: "2026-12-08T09:00:00Z",
      });
      expect(
        (await listUnsentPulseQuestions(sql, { period: null, ids: brams, occasion: "ask", now })).map(
          (q) => q.pulseId,
        ),
      ).toEqual(brams);
      expect(
        (await listUnsentPulseQuestions(sql, { period: "2027-01", ids: null, occasion: "ask", now })).map(
          (q) => q.pulseId,
        ),
      ).toEqual(nextPeriod);
      // A question in the outbox is not listed again for that occasion; an answered pulse never.
      await sql.query(
        `INSERT INTO deliveries (key, platform, target, kind, payload, status, attempts, next_attempt_at, created_at)
         VALUES ($1, 'SLACK', '{}', 'pulse', '{}'::jsonb, 'SENT', 1, now(), now())`,
        [`pulse:${annas[0]}:ask`],
      );
      await sql.query("UPDATE owner_pulses SET answered_at = '2026-12-01 10:00', score = 6 WHERE id = $1", [
        annas[1],
      ]);
      expect(
        (await listUnsentPulseQuestions(sql, { period: "2026-12", ids: null, occasion: "ask", now })).map(
          (q) => q.pulseId,
        ),
      ).toEqual(brams);
      expect(
        (await listUnsentPulseQuestions(sql, { period: "2026-12", ids: null, occasion: "remind", now })).map(
          (q) => q.pulseId,
        ),
      ).toEqual([annas[0], brams[0]]);
      const expiredAt = new Date("2026-12-08T09:00:00Z");
      expect(
        await listUnsentPulseQuestions(sql, {
          period: "2026-12",
          ids: null,
          occasion: "remind",
          now: expiredAt,
        }),
      ).toEqual([]);

      // Reminded once, after reminderAfterDays, unanswered ones only.
      const reminderAfterDays = 3;
      expect(
        await markPulsesReminded(sql, { now: new Date("2026-12-04T08:59:00Z"), reminderAfterDays }),
      ).toEqual([]);
      const reminded = await markPulsesReminded(sql, {
        now: new Date("2026-12-04T09:00:00Z"),
        reminderAfterDays,
      });
      expect(new Set(reminded)).toEqual(new Set([annas[0], brams[0], nextPeriod[0]]));
      expect(reminded).toHaveLength(3);
      expect(
        await markPulsesReminded(sql, { now: new Date("2026-12-05T09:00:00Z"), reminderAfterDays }),
      ).toEqual([]);

      // The three unanswered ones expire at 2026-12-08 09:00; counted during the day after.
      expect(await countPulsesExpiredInLastDay(sql, new Date("2026-12-08T08:59:00Z"))).toBe(0);
      expect(await countPulsesExpiredInLastDay(sql, expiredAt)).toBe(3);
      expect(await countPulsesExpiredInLastDay(sql, new Date("2026-12-09T08:59:00Z"))).toBe(3);
      expect(await countPulsesExpiredInLastDay(sql, new Date("2026-12-09T09:00:00Z"))).toBe(0);
    });
  },
  {
    setup: async (db) => {
      await db.sql.exec(`
        INSERT INTO users (email, name, locale, timezone) VALUES
          ('anna@example.test', 'Anna', 'nl', 'Europe/Amsterdam'),
          ('bram@example.test', 'Bram', 'en', 'America/New_York'),
          ('cees@example.test', 'Cees', 'nl', 'Europe/Brussels');
      `);
    },
  },
);
