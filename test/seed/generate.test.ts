import { describe, expect, it } from "vitest";
import {
  countDemoRows,
  type DemoBatch,
  type DemoCustomer,
  type DemoData,
  demoPlantedCustomers,
  generateDemoBatches,
  generateDemoCustomers,
  generateDemoData,
} from "../../prisma/seed/generate.ts";
import { toEpochDay } from "../../src/domain/dates.ts";
import { normalizeSearchName } from "../../src/domain/search-name.ts";

const asOf = "2026-06-30";
const asOfDay = toEpochDay(asOf);
// One full default-sized data set shared by the shape tests.
const data = generateDemoData({ customers: 500, asOf });

function daysAgo(iso: string): number {
  return asOfDay - toEpochDay(iso);
}

function groupBy<T extends { customerExternalId: string }>(rows: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.customerExternalId);
    if (group) group.push(row);
    else groups.set(row.customerExternalId, [row]);
  }
  return groups;
}

const ordersOf = groupBy(data.orders.filter((o) => o.amountCents > 0));
const invoicesOf = groupBy(data.invoices);
const engagementOf = groupBy(data.engagementEvents);

function mean(values: number[]): number {
  const finite = values.filter(Number.isFinite);
  return finite.reduce((sum, n) => sum + n, 0) / finite.length;
}

/** Orders per day in the days [end − from, end − to). */
function orderRate(externalId: string, end: number, from: number, to: number): number {
  const count = (ordersOf.get(externalId) ?? []).filter((o) => {
    const day = toEpochDay(o.orderedOn);
    return day >= end - from && day < end - to;
  }).length;
  return count / (from - to);
}

/** Mean days late of invoices due in [end − from, end − to), unpaid ones counted up to `end`. */
function lateness(externalId: string, end: number, from: number, to: number): number {
  const lates = (invoicesOf.get(externalId) ?? [])
    .filter((i) => toEpochDay(i.dueOn) >= end - from && toEpochDay(i.dueOn) < end - to)
    .map((i) => Math.max(0, Math.min(i.paidOn ? toEpochDay(i.paidOn) : end, end) - toEpochDay(i.dueOn)));
  return mean(lates);
}

/** Web visits per day in [end − from, end − to). */
function webRate(externalId: string, end: number, from: number, to: number): number {
  const visits = (engagementOf.get(externalId) ?? [])
    .filter((e) => e.kind === "WEB_VISIT")
    .filter((e) => toEpochDay(e.occurredOn) >= end - from && toEpochDay(e.occurredOn) < end - to)
    .reduce((sum, e) => sum + e.count, 0);
  return visits / (from - to);
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

/** Days of the history a customer could be seen in: from customer_since (or the start) to asOf. */
function observedDays(c: DemoCustomer): number {
  return asOfDay - Math.max(toEpochDay(c.customerSince), asOfDay - 3 * 365);
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
    expect(a.customers.slice(0, demoPlantedCustomers.length).map((c) => c.name)).toEqual(
      b.customers.slice(0, demoPlantedCustomers.length).map((c) => c.name),
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
    expect(counts.invoices).toBeGreaterThanOrEqual(12_000);
    expect(counts.invoices).toBeLessThanOrEqual(60_000);
    expect(counts.engagementEvents).toBeGreaterThan(25_000);
    expect(counts.complaints).toBeGreaterThan(300);
    expect(counts.npsResponses).toBeGreaterThan(800);
    // Nine owners (eight members and Jan), five accounts, twelve months at most.
    expect(counts.ownerPulses).toBeGreaterThan(300);
    expect(counts.ownerPulses).toBeLessThanOrEqual(9 * 5 * 12);
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

  it("generateDemoCustomers gives the same customers as the full data set", () => {
    expect(generateDemoCustomers({ customers: 500, asOf }).customers).toEqual(data.customers);
  });

  it("acquires customers throughout the history, not all at the start", () => {
    const since = data.customers.map((c) => daysAgo(c.customerSince));
    expect(since.filter((d) => d > 3 * 365).length).toBeGreaterThan(150);
    for (const year of [0, 1, 2]) {
      const arrived = since.filter((d) => d > year * 365 && d <= (year + 1) * 365).length;
      expect(arrived, `customers arriving ${year} to ${year + 1} years before asOf`).toBeGreaterThan(60);
    }
    expect(Math.min(...since)).toBeGreaterThanOrEqual(0);
    expect(new Set(data.customers.map((c) => c.segment))).toEqual(new Set(["Enterprise", "MKB", "Retail"]));
    // A new customer's first order is on its customer_since.
    for (const c of data.customers.filter((x) => daysAgo(x.customerSince) < 3 * 365)) {
      const first = (ordersOf.get(c.externalId) ?? [])[0];
      if (first) expect(first.orderedOn).toBe(c.customerSince);
    }
  });

  it("keeps rows consistent: dates, amounts, uniqueness", () => {
    // Collect offenders instead of one expect per row: 100k expects take seconds.
    const badInvoices = data.invoices.filter(
      (i) =>
        toEpochDay(i.dueOn) - toEpochDay(i.issuedOn) !== 30 ||
        (i.paidOn !== null && (i.paidOn <= i.issuedOn || i.paidOn > asOf)) ||
        !Number.isInteger(i.amountCents) ||
        i.amountCents <= 0,
    );
    expect(badInvoices).toEqual([]);
    const badOrders = data.orders.filter(
      (o) =>
        o.orderedOn > asOf ||
        !Number.isInteger(o.quantity) ||
        !Number.isInteger(o.amountCents) ||
        (o.amountCents > 0 ? o.quantity < 1 : o.quantity > -1 || !o.externalId.startsWith("CN-")),
    );
    expect(badOrders).toEqual([]);
    // Every order has its invoice; credit notes are not orders and have none.
    expect(data.orders.filter((o) => o.amountCents > 0)).toHaveLength(data.invoices.length);
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
  });

  it("has a few credit notes: negative order lines, about 1 in 100", () => {
    const credits = data.orders.filter((o) => o.amountCents < 0);
    expect(credits.length).toBeGreaterThan(0.003 * data.orders.length);
    expect(credits.length).toBeLessThan(0.03 * data.orders.length);
  });
});

describe("generateDemoData: the hidden process", () => {
  const leavers = data.customers.filter((c) => c.hidden.leftOn !== null);

  it("churns a plausible share within 90-day horizons, at 12 monthly as-of dates", () => {
    const labelled: number[] = [];
    const left: number[] = [];
    for (let k = 0; k < 12; k++) {
      const at = asOfDay - 90 - 30 * k;
      // Customers a backtest would score then: an order in the year before, not marked churned yet.
      const scored = data.customers.filter(
        (c) =>
          (ordersOf.get(c.externalId) ?? []).some(
            (o) => daysAgo(o.orderedOn) >= asOfDay - at && daysAgo(o.orderedOn) < asOfDay - at + 365,
          ) && !(c.churnedAt !== null && toEpochDay(c.churnedAt) <= at),
      );
      const inHorizon = (iso: string | null) =>
        iso !== null && toEpochDay(iso) > at && toEpochDay(iso) <= at + 90;
      const noOrder = (c: DemoCustomer) =>
        !(ordersOf.get(c.externalId) ?? []).some(
          (o) => toEpochDay(o.orderedOn) > at && toEpochDay(o.orderedOn) <= at + 90,
        );
      labelled.push(scored.filter((c) => noOrder(c) || inHorizon(c.churnedAt)).length / scored.length);
      left.push(scored.filter((c) => inHorizon(c.hidden.leftOn)).length / scored.length);
    }
    // "No order in 90 days or marked churned": the label a backtest uses, with irregular buyers in it.
    expect(mean(labelled)).toBeGreaterThan(0.15);
    expect(mean(labelled)).toBeLessThan(0.45);
    // Customers that really left within the horizon: a B2B book loses roughly 10–30 % a year.
    expect(mean(left)).toBeGreaterThan(0.02);
    expect(mean(left)).toBeLessThan(0.1);
  });

  it("shows in the data before customers leave: less ordering, later payment, fewer web visits", () => {
    const decliners = leavers.filter(
      (c) => c.hidden.leftBecause === "decline" && observedDays(c) - daysAgo(c.hidden.leftOn!) > 365,
    );
    expect(decliners.length).toBeGreaterThan(40);
    const at = (c: DemoCustomer) => toEpochDay(c.hidden.leftOn!);
    const before = {
      orders: mean(decliners.map((c) => orderRate(c.externalId, at(c), 365, 90))),
      late: mean(decliners.map((c) => lateness(c.externalId, at(c), 365, 150))),
      web: mean(decliners.map((c) => webRate(c.externalId, at(c), 365, 90))),
    };
    const last = {
      orders: mean(decliners.map((c) => orderRate(c.externalId, at(c), 90, 0))),
      // Invoices due in the last month are mostly still open on the day the customer leaves.
      late: mean(decliners.map((c) => lateness(c.externalId, at(c), 150, 30))),
      web: mean(decliners.map((c) => webRate(c.externalId, at(c), 90, 0))),
    };
    expect(last.orders).toBeLessThan(before.orders * 0.85);
    expect(last.late).toBeGreaterThan(before.late + 2);
    expect(last.web).toBeLessThan(before.web * 0.8);

    // Customers that stay show no such change over the same kind of windows.
    const stayers = data.customers.filter((c) => c.hidden.leftOn === null && observedDays(c) > 500);
    const end = asOfDay - 100;
    const stayOrders =
      mean(stayers.map((c) => orderRate(c.externalId, end, 90, 0))) /
      mean(stayers.map((c) => orderRate(c.externalId, end, 365, 90)));
    expect(stayOrders).toBeGreaterThan(0.85);
    expect(stayOrders).toBeLessThan(1.2);
  });

  it("lets some leave abruptly, and the ERP marks only part of the leavers CHURNED, weeks after the last order", () => {
    expect(leavers.filter((c) => c.hidden.leftBecause === "abrupt").length).toBeGreaterThan(5);
    const marked = data.customers.filter((c) => c.status === "CHURNED");
    expect(marked.length).toBeGreaterThan(0.2 * leavers.length);
    expect(marked.length).toBeLessThan(0.7 * leavers.length);
    for (const c of marked) {
      expect(c.churnedAt).not.toBeNull();
      const rows = rowsOf(data, c.externalId);
      const lastOrder = rows.orders
        .filter((o) => o.amountCents > 0)
        .map((o) => o.orderedOn)
        .sort()
        .at(-1);
      // (An older customer can leave early in the history before ordering in it.)
      if (lastOrder) expect(toEpochDay(c.churnedAt!) - toEpochDay(lastOrder)).toBeGreaterThanOrEqual(14);
      expect(rows.engagement.every((e) => e.occurredOn <= c.churnedAt!)).toBe(true);
      expect(rows.nps.every((n) => n.answeredOn <= c.churnedAt!)).toBe(true);
    }
    // The others went silent while ACTIVE: nothing ordered after they left.
    const silent = leavers.filter((c) => c.status === "ACTIVE");
    expect(silent.length).toBeGreaterThan(0.3 * leavers.length);
    for (const c of silent) {
      expect((ordersOf.get(c.externalId) ?? []).every((o) => o.orderedOn < c.hidden.leftOn!)).toBe(true);
    }
  });

  it("has trials: one-time buyers and customers who buy two or three times and stop", () => {
    const buyers = data.customers.filter((c) => ordersOf.has(c.externalId));
    const orderDays = (c: DemoCustomer) => new Set(ordersOf.get(c.externalId)!.map((o) => o.orderedOn)).size;
    const oneTime = buyers.filter((c) => orderDays(c) === 1);
    expect(oneTime.length / buyers.length).toBeGreaterThan(0.05);
    expect(oneTime.length / buyers.length).toBeLessThan(0.3);
    const trials = data.customers.filter((c) => c.hidden.kind === "trial");
    expect(trials.length).toBeGreaterThan(30);
    expect(trials.every((c) => orderDays(c) <= 3)).toBe(true);
    expect(trials.filter((c) => orderDays(c) > 1).length).toBeGreaterThan(5);
  });

  it("spreads NPS answers over the months, with a mix of promoters, passives and detractors that follows the state", () => {
    const perMonth = new Map<string, number>();
    for (const n of data.npsResponses) {
      if (daysAgo(n.answeredOn) < 2 * 365 && daysAgo(n.answeredOn) >= 30) {
        perMonth.set(n.answeredOn.slice(0, 7), (perMonth.get(n.answeredOn.slice(0, 7)) ?? 0) + 1);
      }
    }
    const counts = [...perMonth.values()];
    expect(counts.length).toBeGreaterThanOrEqual(23);
    const average = mean(counts);
    expect(Math.min(...counts)).toBeGreaterThan(0.5 * average);
    expect(Math.max(...counts)).toBeLessThan(1.7 * average);

    const scores = data.npsResponses.map((n) => n.score);
    const share = (f: (s: number) => boolean) => scores.filter(f).length / scores.length;
    expect(share((s) => s >= 9)).toBeGreaterThan(0.3);
    expect(share((s) => s >= 9)).toBeLessThan(0.7);
    expect(share((s) => s >= 7 && s <= 8)).toBeGreaterThan(0.15);
    expect(share((s) => s <= 6)).toBeGreaterThan(0.05);
    expect(share((s) => s <= 6)).toBeLessThan(0.35);

    // Answers given within half a year before a customer left (in decline) are lower than the rest.
    const leftOn = new Map(
      leavers
        .filter((c) => c.hidden.leftBecause === "decline")
        .map((c) => [c.externalId, toEpochDay(c.hidden.leftOn!)]),
    );
    const beforeLeaving = data.npsResponses.filter((n) => {
      const left = leftOn.get(n.customerExternalId);
      return left !== undefined && left - toEpochDay(n.answeredOn) <= 180;
    });
    const stayers = new Set(data.customers.filter((c) => c.hidden.leftOn === null).map((c) => c.externalId));
    const ofStayers = data.npsResponses.filter((n) => stayers.has(n.customerExternalId));
    expect(beforeLeaving.length).toBeGreaterThan(20);
    expect(mean(beforeLeaving.map((n) => n.score))).toBeLessThan(mean(ofStayers.map((n) => n.score)) - 0.5);
  });

  it("plants owner pulses as the monthly job asks: each owner's top 5 accounts, answered or not", () => {
    const periods = new Set(data.ownerPulses.map((p) => p.period));
    expect(periods.size).toBe(12);
    const perOwnerAndPeriod = new Map<string, number>();
    for (const p of data.ownerPulses) {
      const key = `${p.userEmail}|${p.period}`;
      perOwnerAndPeriod.set(key, (perOwnerAndPeriod.get(key) ?? 0) + 1);
    }
    expect(Math.max(...perOwnerAndPeriod.values())).toBe(5);
    const byId = new Map(data.customers.map((c) => [c.externalId, c]));
    for (const p of data.ownerPulses) {
      const customer = byId.get(p.customerExternalId)!;
      expect(customer.ownerEmail).toBe(p.userEmail);
      expect(customer.customerSince <= p.askedAt.slice(0, 10)).toBe(true);
      expect(customer.churnedAt === null || customer.churnedAt > p.askedAt.slice(0, 10)).toBe(true);
      expect(p.score === null).toBe(p.answeredAt === null);
    }
    expect(data.ownerPulses.some((p) => p.answeredAt === null)).toBe(true);
    expect(data.ownerPulses.some((p) => p.answeredAt !== null)).toBe(true);
  });
});

describe("generateDemoData: planted walk-through customers", () => {
  it("exports the planted customers with the names, segments and owners they get", () => {
    for (const planted of demoPlantedCustomers) {
      const customer = data.customers.find((c) => c.externalId === planted.externalId)!;
      expect(customer).toMatchObject({
        name: planted.name,
        segment: planted.segment,
        ownerEmail: planted.ownerEmail,
      });
      expect(customer.hidden.planted).toBe(planted.role);
    }
  });

  it("Acme (K-1001), Jan's key account, declines visibly: ordering all but stopping, paying later, a complaint, NPS 4 after 8", () => {
    const acme = rowsOf(data, "K-1001");
    expect(acme.customer).toMatchObject({
      ownerEmail: "jan@klantpuls.demo",
      segment: "Enterprise",
      status: "ACTIVE",
    });
    expect(orderRate("K-1001", asOfDay, 90, 0)).toBeLessThan(0.6 * orderRate("K-1001", asOfDay, 455, 90));
    const baseline = lateness("K-1001", asOfDay, 455, 90);
    const recent = lateness("K-1001", asOfDay, 90, 0);
    expect(baseline).toBeLessThan(6);
    expect(recent).toBeGreaterThan(baseline + 15);
    // Its ordering all but stopped, so there are few invoices left, but some are overdue and unpaid.
    expect(acme.invoices.filter((i) => i.dueOn < asOf && i.paidOn === null).length).toBeGreaterThan(0);
    const nps = [...acme.nps].sort((a, b) => a.answeredOn.localeCompare(b.answeredOn));
    expect(nps.at(-1)!.score).toBe(4);
    expect(nps.at(-2)!.score).toBe(8);
    expect(
      acme.complaints.some((c) => c.resolvedOn === null && c.severity === 3 && daysAgo(c.openedOn) < 60),
    ).toBe(true);
    // Acme is one of Jan's top accounts, so the pulse job asks about it every month; Jan sees the decline.
    const pulses = [...acme.pulses].sort((a, b) => a.period.localeCompare(b.period));
    expect(pulses).toHaveLength(12);
    expect(pulses.at(-1)!.score).toBeLessThanOrEqual(5);
    expect(pulses[0]!.score).toBeGreaterThanOrEqual(7);
  });

  it("sudden drop (K-1005): no orders in the last 75 days, regular orders before", () => {
    const orders = rowsOf(data, "K-1005").orders;
    expect(orders.filter((o) => daysAgo(o.orderedOn) <= 75)).toHaveLength(0);
    expect(
      orders.filter((o) => daysAgo(o.orderedOn) > 90 && daysAgo(o.orderedOn) <= 455).length,
    ).toBeGreaterThan(10);
  });

  it("churned (K-1006): CHURNED with churned_at, nothing ordered for weeks before it", () => {
    const { customer, orders } = rowsOf(data, "K-1006");
    expect(customer).toMatchObject({ status: "CHURNED", churnedAt: expect.any(String) });
    expect(orders.every((o) => daysAgo(o.orderedOn) > daysAgo(customer.churnedAt!) + 14)).toBe(true);
  });

  it("silent churn (K-1007): still ACTIVE, but no orders for more than 180 days", () => {
    const { customer, orders } = rowsOf(data, "K-1007");
    expect(customer.status).toBe("ACTIVE");
    expect(orders.length).toBeGreaterThan(0);
    expect(Math.min(...orders.map((o) => daysAgo(o.orderedOn)))).toBeGreaterThan(180);
  });

  it("slow decline (K-1003): recent ordering well below the baseline", () => {
    expect(orderRate("K-1003", asOfDay, 90, 0)).toBeLessThan(orderRate("K-1003", asOfDay, 455, 90) * 0.7);
  });

  it("recovery (K-1004): bad a year ago, good now", () => {
    expect(orderRate("K-1004", asOfDay, 480, 210)).toBeLessThan(orderRate("K-1004", asOfDay, 120, 0) * 0.75);
    expect(lateness("K-1004", asOfDay, 450, 240)).toBeGreaterThan(lateness("K-1004", asOfDay, 90, 0) + 5);
  });

  it("healthy (K-1002): orders as usual and pays about on time", () => {
    expect(orderRate("K-1002", asOfDay, 90, 0)).toBeGreaterThan(orderRate("K-1002", asOfDay, 455, 90) * 0.8);
    expect(lateness("K-1002", asOfDay, 90, 0)).toBeLessThan(6);
  });
});
