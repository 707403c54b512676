import { expect, it } from "vitest";
import {
  countAlertsOpenedInWeek,
  countBandOutcomes,
  listUnacknowledgedAlerts,
  pulseResponseByOwner,
} from "../../src/db/queries/digest-figures.ts";
import type { SqlSession } from "../../src/db/sql-session.ts";
import { describeEachDatabase } from "../support/each-database.ts";

async function seed(sql: SqlSession) {
  const ids: Record<string, number> = {};
  for (const [email, name, slack, teams] of [
    ["anna@example.test", "Anna", "U1", null],
    ["bram@example.test", "Bram", null, "aad-bram"],
  ] as const) {
    const [row] = await sql.query<{ id: number }>(
      "INSERT INTO users (email, name, slack_user_id, teams_user_id) VALUES ($1, $2, $3, $4) RETURNING id",
      [email, name, slack, teams],
    );
    ids[name] = Number(row!.id);
  }
  for (const [externalId, segment, owner, churnedAt] of [
    ["R1", "Retail", "Anna", "2026-11-15"],
    ["R2", "Retail", "Anna", null],
    ["R3", "Retail", "Anna", null],
    ["X2", "Retail", "Anna", null],
    ["H1", "Horeca", null, null],
  ] as const) {
    const [row] = await sql.query<{ id: number }>(
      `INSERT INTO customers (external_id, name, search_name, segment, owner_id, customer_since, churned_at)
       VALUES ($1, $1, lower($1), $2, $3, '2024-01-01', $4::date) RETURNING id`,
      [externalId, segment, owner === null ? null : ids[owner], churnedAt],
    );
    ids[externalId] = Number(row!.id);
  }
  return ids;
}

describeEachDatabase("digest figures (src/db/queries/digest-figures.ts)", (database) => {
  let ids: Record<string, number> = {};

  it("alerts opened in the week up to the date, per kind, by segment", async () => {
    const { sql } = database();
    ids = await seed(sql);
    const alert = async (
      customer: string,
      kind: string,
      openedAt: string,
      options: { status?: string; notify?: string; assignee?: string } = {},
    ) =>
      sql.query(
        `INSERT INTO alerts (customer_id, kind, status, opened_at, notify_state, assignee_id)
         VALUES ($1, $2, $3::"AlertStatus", $4::timestamp, $5, $6)`,
        [
          ids[customer],
          kind,
          options.status ?? "OPEN",
          openedAt,
          options.notify ?? "PENDING",
          options.assignee ? ids[options.assignee] : null,
        ],
      );
    await alert("R1", "score_drop", "2026-11-24 00:00", { notify: "DIGEST" });
    await alert("R2", "score_drop", "2026-11-30 23:59", { status: "ACKNOWLEDGED" });
    await alert("H1", "no_orders", "2026-11-27 12:00", { assignee: "Bram" });
    await alert("R1", "no_orders", "2026-11-23 23:59");
    await alert("R1", "late", "2026-12-01 00:00");
    await alert("H1", "late", "2026-11-20 08:00");
    await alert("R2", "late", "2026-11-21 08:00", { assignee: "Bram" });

    const byKind = (rows: Array<{ kind: string }>) => [...rows].sort((a, b) => a.kind.localeCompare(b.kind));
    expect(byKind(await countAlertsOpenedInWeek(sql, { asOf: "2026-11-30", segment: null }))).toEqual([
      { kind: "no_orders", count: 1, digestOnly: 0 },
      { kind: "score_drop", count: 2, digestOnly: 1 },
    ]);
    expect(await countAlertsOpenedInWeek(sql, { asOf: "2026-11-30", segment: "retail" })).toEqual([
      { kind: "score_drop", count: 2, digestOnly: 1 },
    ]);
  });

  it("alerts open longer than the setting, oldest first, with the assignee or else the owner", async () => {
    const { sql } = database();
    const now = new Date("2026-11-30T12:00:00Z");
    const unacknowledged = await listUnacknowledgedAlerts(sql, {
      now,
      olderThanDays: 3,
      segment: null,
      limit: 10,
    });
    expect(unacknowledged).toEqual([
      {
        customerName: "H1",
        kind: "late",
        owner: null,
        ownerId: null,
        ownerSlackUserId: null,
        ownerTeamsUserId: null,
        openedOn: "2026-11-20",
      },
      {
        customerName: "R2",
        kind: "late",
        owner: "Bram",
        ownerId: ids.Bram,
        ownerSlackUserId: null,
        ownerTeamsUserId: "aad-bram",
        openedOn: "2026-11-21",
      },
      expect.objectContaining({
        customerName: "R1",
        kind: "no_orders",
        owner: "Anna",
        ownerSlackUserId: "U1",
      }),
      expect.objectContaining({
        customerName: "R1",
        kind: "score_drop",
        ownerId: ids.Anna,
        openedOn: "2026-11-24",
      }),
    ]);
    expect(
      (await listUnacknowledgedAlerts(sql, { now, olderThanDays: 3, segment: "RETAIL", limit: 2 })).map(
        (row) => row.openedOn,
      ),
    ).toEqual(["2026-11-21", "2026-11-23"]);
  });

  it("pulses asked and answered per owner over the last days, scheduled ones only", async () => {
    const { sql } = database();
    for (const [customer, user, period, askedAt, answered] of [
      ["R1", "Anna", "2026-11", "2026-11-02 09:00", true],
      ["R2", "Anna", "2026-11", "2026-11-02 09:00", false],
      ["R1", "Anna", null, "2026-11-20 09:00", true],
      ["H1", "Bram", "2026-10", "2026-10-01 09:00", true],
      ["H1", "Bram", "2026-11", "2026-11-15 09:00", true],
    ] as const) {
      await sql.query(
        `INSERT INTO owner_pulses (customer_id, user_id, period, asked_at, answered_at, score)
         VALUES ($1, $2, $3, $4::timestamp, CASE WHEN $5 THEN $4::timestamp END, CASE WHEN $5 THEN 7 END)`,
        [ids[customer], ids[user], period, askedAt, answered],
      );
    }
    const now = new Date("2026-11-30T12:00:00Z");
    const byOwner = (rows: Array<{ owner: string }>) =>
      [...rows].sort((a, b) => a.owner.localeCompare(b.owner));
    expect(byOwner(await pulseResponseByOwner(sql, { now, days: 30, segment: null }))).toEqual([
      { owner: "Anna", asked: 2, answered: 1 },
      { owner: "Bram", asked: 1, answered: 1 },
    ]);
    expect(await pulseResponseByOwner(sql, { now, days: 30, segment: "horeca" })).toEqual([
      { owner: "Bram", asked: 1, answered: 1 },
    ]);
    expect(await pulseResponseByOwner(sql, { now, days: 16, segment: null })).toEqual([
      { owner: "Bram", asked: 1, answered: 1 },
    ]);
  });

  it("of the customers at risk or healthy back then, how many left since (ERP churn or gone silent)", async () => {
    const { sql } = database();
    for (const [customer, asOf, band] of [
      ["R1", "2026-10-25", "HEALTHY"],
      ["R1", "2026-10-30", "AT_RISK"],
      ["R2", "2026-10-31", "HEALTHY"],
      ["R3", "2026-10-29", "HEALTHY"],
      ["H1", "2026-10-28", "AT_RISK"],
      ["X2", "2026-10-20", "HEALTHY"],
    ] as const) {
      await sql.query(
        `INSERT INTO health_snapshots (customer_id, as_of, score, band, confidence, signals)
         VALUES ($1, $2::date, 50, $3::"HealthBand", 1, '[]'::jsonb)`,
        [ids[customer], asOf, band],
      );
    }
    for (const [customer, orderedOn] of [
      ["R2", "2026-09-20"],
      ["R3", "2026-08-01"],
      ["H1", "2026-11-10"],
      ["H1", "2026-12-05"],
    ] as const) {
      await sql.query(
        `INSERT INTO orders (external_id, customer_id, ordered_on, amount_cents)
         VALUES ($1, $2, $3::date, 100)`,
        [`O-${customer}-${orderedOn}`, ids[customer], orderedOn],
      );
    }
    // R1 churned in the ERP, R2 went silent (60 days) after 31 October; R3 was silent already; H1 orders.
    const query = { asOf: "2026-11-30", since: "2026-10-31", churnAfterDays: 60, segment: null };
    expect(await countBandOutcomes(sql, query)).toEqual({
      atRiskThen: 2,
      atRiskLeft: 1,
      healthyThen: 2,
      healthyLeft: 1,
    });
    expect(await countBandOutcomes(sql, { ...query, segment: "Horeca" })).toEqual({
      atRiskThen: 1,
      atRiskLeft: 0,
      healthyThen: 0,
      healthyLeft: 0,
    });
    // On 18 November R2 had not been silent for 60 days yet.
    expect(await countBandOutcomes(sql, { ...query, asOf: "2026-11-18" })).toMatchObject({ healthyLeft: 0 });
    expect(await countBandOutcomes(sql, { ...query, since: "2026-09-30" })).toEqual({
      atRiskThen: 0,
      atRiskLeft: 0,
      healthyThen: 0,
      healthyLeft: 0,
    });
  });
});
