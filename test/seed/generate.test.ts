import { describe, expect, it } from "vitest";
import {
  countDemoRows,
  type DemoBatch,
  type DemoData,
  demoStories,
  generateDemoBatches,
  generateDemoCustomers,
  generateDemoData,
} from "../../prisma/seed/generate.ts";
import { toEpochDay } from "../../src/domain/dates.ts";
import { normalizeSearchName } from "../../src/domain/search-name.ts";

const asOf = "2026-06-30";
const asOfDay = toEpochDay(asOf);
// One full default-sized data set shared by the shape tests (~0.6 s).
const data = generateDemoData({ customers: 500, asOf });

function daysAgo(iso: string): number {
  return asOfDay - toEpochDay(iso);
}

/** Mean days late like the health model: invoices due in [from, to] days ago, unpaid counted up to asOf. */
function avgDaysLate(d: DemoData, externalId: string, fromDaysAgo: number, toDaysAgo: number): number {
  const lates = d.invoices
    .filter((i) => i.customerExternalId === externalId)
    .filter((i) => daysAgo(i.dueOn) >= toDaysAgo && daysAgo(i.dueOn) <= fromDaysAgo)
    .map((i) => Math.max(0, (i.paidOn ? toEpochDay(i.paidOn) : asOfDay) - toEpochDay(i.dueOn)));
  return lates.reduce((sum, n) => sum + n, 0) / lates.length;
}

function ordersPerDay(d: DemoData, externalId: string, fromDaysAgo: number, toDaysAgo: number): number {
  const count = d.orders.filter(
    (o) =>
      o.customerExternalId === externalId &&
      daysAgo(o.orderedOn) <= fromDaysAgo &&
      daysAgo(o.orderedOn) >= toDaysAgo,
  ).length;
  return count / (fromDaysAgo - toDaysAgo + 1);
}

function rowsOf(d: DemoData, externalId: string) {
  const mine = <T extends { customerExternalId: string }>(rows: T[]) =>
    rows.filter((r) => r.customerExternalId === externalId);
  return {
    customer: d.customers.find((c) => c.externalId === externalId)!,
    orders: mine(d.orders),
    invoices: mine(d.invoices),
    complaints: mine(d.complaints),
    engagement: mine(d.engagementEvents),
    nps: mine(d.npsResponses),
    pulses: mine(d.ownerPulses),
  };
}

describe("normalizeSearchName", () => {
  it("lower-cases, strips accents and collapses whitespace", () => {
    expect(normalizeSearchName("Café Hôtel Léon BV")).toBe("cafe hotel leon bv");
    expect(normalizeSearchName("  Bakker   Bouw\tB.V. ")).toBe("bakker bouw b.v.");
    expect(normalizeSearchName("Lefèvre & Zonen Liège NV")).toBe("lefevre & zonen liege nv");
  });
});

describe("generateDemoData: determinism", () => {
  it("gives byte-identical output for the same options", () => {
    const a = JSON.stringify(generateDemoData({ customers: 80, seed: 7, asOf }));
    const b = JSON.stringify(generateDemoData({ customers: 80, seed: 7, asOf }));
    expect(a).toBe(b);
  });

  it("differs with another seed, but keeps the planted customers", () => {
    const a = generateDemoData({ customers: 80, seed: 1, asOf });
    const b = generateDemoData({ customers: 80, seed: 2, asOf });
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(b));
    expect(a.customers.slice(0, demoStories.length).map((c) => c.name)).toEqual(
      b.customers.slice(0, demoStories.length).map((c) => c.name),
    );
  });

  it("does not depend on the batch size", () => {
    const whole = generateDemoData({ customers: 45, asOf });
    const merged: DemoBatch = {
      users: [],
      customers: [],
      invoices: [],
      orders: [],
      complaints: [],
      engagementEvents: [],
      npsResponses: [],
      ownerPulses: [],
    };
    let batches = 0;
    for (const batch of generateDemoBatches({ customers: 45, asOf, batchCustomers: 7 })) {
      batches++;
      expect(batch.customers.length).toBeLessThanOrEqual(7);
      for (const key of Object.keys(merged) as (keyof DemoBatch)[]) {
        (merged[key] as unknown[]).push(...batch[key]);
      }
    }
    expect(batches).toBe(7);
    expect(JSON.stringify(merged)).toBe(JSON.stringify(whole));
  });

  it("rejects bad options", () => {
    expect(() => generateDemoData({ asOf: "2026-02-30" })).toThrow(/asOf/);
    expect(() => generateDemoData({ customers: 0, asOf })).toThrow(/customers/);
  });
});

describe("generateDemoData: volume and shape", () => {
  it("has counts in the expected ranges for 500 customers over 3 years", () => {
    const counts = countDemoRows(data);
    expect(counts.customers).toBe(500);
    expect(counts.invoices).toBeGreaterThanOrEqual(40_000);
    expect(counts.invoices).toBeLessThanOrEqual(80_000);
    expect(counts.orders).toBe(counts.invoices);
    expect(counts.engagementEvents).toBeGreaterThan(50_000);
    expect(counts.complaints).toBeGreaterThan(300);
    // "A few NPS answers per customer per year"
    expect(counts.npsResponses).toBeGreaterThan(1_500);
    expect(counts.ownerPulses).toBeGreaterThan(1_000);
  });

  it("has the users: one admin, two managers, eight owners with managers, one English speaker", () => {
    const roles = data.users.map((u) => u.role);
    expect(roles.filter((r) => r === "ADMIN")).toHaveLength(1);
    expect(roles.filter((r) => r === "MANAGER")).toHaveLength(2);
    expect(roles.filter((r) => r === "MEMBER")).toHaveLength(8);
    expect(data.users.find((u) => u.email === "jan@klantpuls.demo")).toMatchObject({
      name: "Jan de Vries",
      role: "MANAGER",
    });
    expect(data.users.every((u) => u.email.endsWith("@klantpuls.demo"))).toBe(true);
    expect(data.users.filter((u) => u.locale === "en")).toHaveLength(1);
    const emails = new Set(data.users.map((u) => u.email));
    for (const member of data.users.filter((u) => u.role === "MEMBER")) {
      expect(emails.has(member.managerEmail!)).toBe(true);
    }
    const owners = new Set(data.customers.map((c) => c.ownerEmail).filter((e) => e !== null));
    for (const owner of owners) expect(emails.has(owner)).toBe(true);
  });

  it("has Acme exactly once and no other name resembling it", () => {
    const acme = data.customers.filter((c) => c.searchName.includes("acme"));
    expect(acme).toHaveLength(1);
    expect(acme[0]).toMatchObject({ externalId: "K-1001", name: "Acme", searchName: "acme" });
  });

  it("has unique names, also for 20,000 customers, and names that test disambiguation", () => {
    const { customers } = generateDemoCustomers({ customers: 20_000, asOf });
    expect(new Set(customers.map((c) => c.name)).size).toBe(20_000);
    expect(new Set(customers.map((c) => c.searchName)).size).toBe(20_000);
    expect(new Set(customers.map((c) => c.externalId)).size).toBe(20_000);
    const names = data.customers.map((c) => c.name);
    expect(names).toContain("Bakker Bouw B.V.");
    expect(names).toContain("Bakker Bouwmaterialen BV");
    expect(names).toContain("Café Hôtel Léon BV");
    for (const c of data.customers) expect(c.searchName).toBe(normalizeSearchName(c.name));
  });

  it("spreads customer_since over years, with customers arriving during the window", () => {
    const since = data.customers.map((c) => daysAgo(c.customerSince));
    expect(since.filter((d) => d > 3 * 365).length).toBeGreaterThan(200);
    expect(since.filter((d) => d <= 365).length).toBeGreaterThan(20);
    expect(Math.min(...since)).toBeGreaterThanOrEqual(0);
    expect(new Set(data.customers.map((c) => c.segment))).toEqual(new Set(["Enterprise", "MKB", "Retail"]));
  });

  it("keeps rows consistent: dates, amounts, uniqueness", () => {
    // Collect offenders instead of one expect per row: 200k expects take seconds.
    const badInvoices = data.invoices.filter(
      (i) =>
        toEpochDay(i.dueOn) - toEpochDay(i.issuedOn) !== 30 ||
        (i.paidOn !== null && (i.paidOn <= i.issuedOn || i.paidOn > asOf)) ||
        !Number.isInteger(i.amountCents) ||
        i.amountCents <= 0,
    );
    expect(badInvoices).toEqual([]);
    expect(
      data.orders.filter((o) => o.orderedOn > asOf || !Number.isInteger(o.quantity) || o.quantity < 1),
    ).toEqual([]);
    const badComplaints = data.complaints.filter(
      (c) =>
        ![1, 2, 3].includes(c.severity) ||
        c.summary === "" ||
        c.openedOn > asOf ||
        (c.resolvedOn !== null && c.resolvedOn < c.openedOn),
    );
    expect(badComplaints).toEqual([]);
    expect(data.complaints.some((c) => c.resolvedOn === null)).toBe(true);
    expect(data.npsResponses.filter((n) => n.score < 0 || n.score > 10 || n.answeredOn > asOf)).toEqual([]);
    expect(data.engagementEvents.filter((e) => e.occurredOn > asOf || e.count < 1)).toEqual([]);
    const unique = (keys: string[]) => expect(new Set(keys).size).toBe(keys.length);
    unique(data.invoices.map((r) => r.externalId));
    unique(data.orders.map((r) => r.externalId));
    unique(data.complaints.map((r) => r.externalId));
    unique(data.npsResponses.map((r) => r.sourceKey));
    unique(data.engagementEvents.map((r) => `${r.customerExternalId}|${r.occurredOn}|${r.kind}`));
    unique(data.ownerPulses.map((r) => `${r.customerExternalId}|${r.period}`));
    expect(new Set(data.engagementEvents.map((e) => e.kind)).size).toBe(6);
    expect(data.ownerPulses.some((p) => p.answeredAt !== null && p.score !== null)).toBe(true);
    expect(data.ownerPulses.some((p) => p.answeredAt === null && p.score === null)).toBe(true);
  });

  it("mixes the stories as documented", () => {
    const count = (story: string) => data.customers.filter((c) => c.story === story).length;
    expect(count("churned")).toBeGreaterThanOrEqual(55);
    expect(count("churned")).toBeLessThanOrEqual(65);
    expect(count("healthy")).toBeGreaterThan(230);
    expect(count("late-payer") + count("sudden-drop") + count("silent-churn")).toBeGreaterThanOrEqual(50);
    expect(count("attention") + count("decline")).toBeGreaterThanOrEqual(100);
  });
});

describe("generateDemoData: planted stories", () => {
  it("exports the planted customers with the names and stories they get", () => {
    for (const story of demoStories) {
      const customer = data.customers.find((c) => c.externalId === story.externalId)!;
      expect(customer).toMatchObject({ name: story.name, story: story.story, ownerEmail: story.ownerEmail });
    }
  });

  it("Acme (K-1001) pays later and later, owes overdue money and answered NPS as a detractor", () => {
    const acme = rowsOf(data, "K-1001");
    const baseline = avgDaysLate(data, "K-1001", 455, 90);
    const recent = avgDaysLate(data, "K-1001", 89, 0);
    expect(baseline).toBeLessThan(6);
    expect(recent).toBeGreaterThan(22);
    const overdue = acme.invoices.filter((i) => i.dueOn < asOf && i.paidOn === null);
    expect(overdue.length).toBeGreaterThan(3);
    const nps = [...acme.nps].sort((a, b) => a.answeredOn.localeCompare(b.answeredOn));
    expect(nps.at(-1)!.score).toBe(4);
    expect(nps.at(-2)!.score).toBe(8);
    expect(acme.complaints.some((c) => c.resolvedOn === null && daysAgo(c.openedOn) < 60)).toBe(true);
    expect(acme.customer.ownerEmail).toBe("jan@klantpuls.demo");
  });

  it("every late payer's recent lateness is far above its baseline", () => {
    for (const c of data.customers.filter((x) => x.story === "late-payer")) {
      expect(avgDaysLate(data, c.externalId, 89, 0)).toBeGreaterThan(
        avgDaysLate(data, c.externalId, 455, 90) + 12,
      );
    }
  });

  it("sudden drop: no orders in the last 75 days, regular orders before", () => {
    for (const c of data.customers.filter((x) => x.story === "sudden-drop")) {
      const orders = rowsOf(data, c.externalId).orders;
      expect(orders.filter((o) => daysAgo(o.orderedOn) <= 75)).toHaveLength(0);
      expect(
        orders.filter((o) => daysAgo(o.orderedOn) > 90 && daysAgo(o.orderedOn) <= 455).length,
      ).toBeGreaterThan(10);
    }
  });

  it("churned customers have churned_at, status CHURNED and no activity after it", () => {
    const churned = data.customers.filter((x) => x.story === "churned");
    expect(churned.length).toBeGreaterThan(0);
    for (const c of churned) {
      expect(c.status).toBe("CHURNED");
      expect(c.churnedAt).not.toBeNull();
      const rows = rowsOf(data, c.externalId);
      expect(rows.orders.every((o) => o.orderedOn < c.churnedAt!)).toBe(true);
      expect(rows.engagement.every((e) => e.occurredOn <= c.churnedAt!)).toBe(true);
      expect(rows.nps.every((n) => n.answeredOn <= c.churnedAt!)).toBe(true);
    }
    expect(data.customers.filter((c) => c.status === "CHURNED").length).toBe(churned.length);
  });

  it("silent churn: still ACTIVE, but no orders for more than 180 days", () => {
    for (const c of data.customers.filter((x) => x.story === "silent-churn")) {
      expect(c.status).toBe("ACTIVE");
      const orders = rowsOf(data, c.externalId).orders;
      expect(orders.length).toBeGreaterThan(0);
      expect(Math.min(...orders.map((o) => daysAgo(o.orderedOn)))).toBeGreaterThan(180);
    }
  });

  it("slow decline: recent ordering well below the baseline", () => {
    expect(ordersPerDay(data, "K-1003", 89, 0)).toBeLessThan(ordersPerDay(data, "K-1003", 455, 90) * 0.7);
  });

  it("recovery: bad a year ago, good now", () => {
    expect(ordersPerDay(data, "K-1004", 480, 210)).toBeLessThan(ordersPerDay(data, "K-1004", 120, 0) * 0.75);
    expect(avgDaysLate(data, "K-1004", 450, 240)).toBeGreaterThan(avgDaysLate(data, "K-1004", 89, 0) + 8);
  });

  it("healthy: the planted healthy customer orders as usual and pays about on time", () => {
    const recent = ordersPerDay(data, "K-1002", 89, 0);
    const baseline = ordersPerDay(data, "K-1002", 455, 90);
    expect(recent).toBeGreaterThan(baseline * 0.8);
    expect(avgDaysLate(data, "K-1002", 89, 0)).toBeLessThan(6);
  });
});
