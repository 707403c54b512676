/**
 * The plan of a run: every customer's traits, hidden path summary, ERP status and owner, and which
 * months the pulse job asked its owner about it. Cheap (no rows): the per-customer history is generated
 * later, batch by batch, from the same per-customer streams.
 */
import { isIsoDate } from "../../../src/domain/dates.ts";
import { normalizeSearchName } from "../../../src/domain/search-name.ts";
import { buildContext, type Context, weekOf } from "./calendar.ts";
import {
  drawTraits,
  latentModel,
  segmentTraits,
  simulateLatent,
  type Traits,
  weeklyOrderRate,
} from "./latent.ts";
import { cities, coreName, drawCompanyName, legalFormPattern } from "./names.ts";
import { type PlantedCustomer, plantedCustomers } from "./planted.ts";
import { Stream, streamFor } from "./rng.ts";
import type { DemoCustomer, DemoOptions, DemoSegment, DemoUser } from "./types.ts";
import { demoUsers } from "./users.ts";

export interface Profile {
  index: number;
  customer: DemoCustomer;
  traits: Traits;
  planted: PlantedCustomer | undefined;
  /** Indices into ctx.pulseAsks of the months the pulse job asked the owner about this customer. */
  pulseAsks: number[];
}

export interface Plan {
  users: DemoUser[];
  profiles: Profile[];
  context: Context;
}

/** Share of customers already buying before the history starts; the rest arrive during it. */
const existingShare = 0.45;
/** The pulse job asks each owner about this many accounts per month (its default). */
const pulseTopAccounts = 5;

export function normalizeOptions(options: DemoOptions): Required<DemoOptions> {
  const customers = options.customers ?? 500;
  const seed = options.seed ?? 42;
  const years = options.years ?? 3;
  if (!Number.isInteger(customers) || customers < 1 || customers > 1_000_000) {
    throw new RangeError(`customers must be a whole number from 1 to 1,000,000, got ${customers}`);
  }
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be a whole number, got ${seed}`);
  if (!Number.isInteger(years) || years < 1 || years > 10) {
    throw new RangeError(`years must be a whole number from 1 to 10, got ${years}`);
  }
  if (!isIsoDate(options.asOf)) throw new RangeError(`asOf must be a date YYYY-MM-DD, got "${options.asOf}"`);
  return { customers, seed, years, asOf: options.asOf };
}

/** `pulses: false` skips choosing the pulse job's accounts (all `generateDemoCustomers` needs is customers). */
export function planDemo(options: Required<DemoOptions>, { pulses = true } = {}): Plan {
  const ctx = buildContext(options.seed, options.asOf, options.years);
  const windowDays = options.years * 365;
  const rng = streamFor(options.seed, Stream.plan, 0);
  const ownerEmails = demoUsers.filter((u) => u.role === "MEMBER").map((u) => u.email);
  const takenCores = new Set<string>(plantedCustomers.map((p) => coreName(p.name)));
  const profiles: Profile[] = [];
  const revenues: Float64Array[] = [];

  for (let index = 0; index < options.customers; index++) {
    const planted = plantedCustomers[index];
    const prng = streamFor(options.seed, Stream.profile, index);
    let name: string;
    if (planted) name = planted.name;
    else {
      name = drawCompanyName(rng);
      for (let attempt = 0; takenCores.has(coreName(name)); attempt++) {
        name = drawCompanyName(rng);
        // Hardly reachable: tens of thousands of cores exist. A city keeps the name readable.
        if (attempt > 50) name = `${name.replace(legalFormPattern, "")} ${rng.pick(cities)} ${attempt}`;
      }
      takenCores.add(coreName(name));
    }

    const segmentRoll = prng.next();
    const segment: DemoSegment =
      planted?.segment ?? (segmentRoll < 0.12 ? "Enterprise" : segmentRoll < 0.7 ? "MKB" : "Retail");
    const sinceDay = planted
      ? ctx.asOfDay - (windowDays + 400 + index * 37)
      : prng.chance(existingShare)
        ? ctx.startDay - prng.int(1, 6 * 365)
        : ctx.startDay + prng.int(1, windowDays);
    const traits = drawTraits(prng, ctx, segment, sinceDay);
    if (planted) plant(traits, planted);
    const path = simulateLatent(traits, ctx, streamFor(options.seed, Stream.latent, index), planted?.script);

    // The ERP marks only part of the leavers CHURNED, some weeks after they stopped buying.
    let churnedDay = Number.POSITIVE_INFINITY;
    if (planted) {
      if (planted.erpChurnedDaysAgo !== null) churnedDay = ctx.asOfDay - planted.erpChurnedDaysAgo;
    } else if (Number.isFinite(path.leftDay)) {
      const marks = prng.chance(traits.kind === "trial" ? 0.15 : segmentTraits[segment].erpMarksChurn);
      const day = path.leftDay + prng.int(14, 70);
      if (marks && day <= ctx.asOfDay) churnedDay = day;
    }
    const ownerEmail = planted
      ? planted.ownerEmail
      : prng.chance(0.02)
        ? null
        : prng.chance(0.06)
          ? "jan@klantpuls.demo"
          : prng.pick(ownerEmails);

    const lastWeek = Math.min(ctx.weeks - 1, weekOf(ctx, Math.min(ctx.asOfDay, path.leftDay)));
    const customer: DemoCustomer = {
      externalId: `K-${1001 + index}`,
      name,
      searchName: normalizeSearchName(name),
      segment,
      ownerEmail,
      status: Number.isFinite(churnedDay) ? "CHURNED" : "ACTIVE",
      customerSince: ctx.days.get(sinceDay),
      churnedAt: Number.isFinite(churnedDay) ? ctx.days.get(churnedDay) : null,
      hidden: {
        kind: traits.kind,
        leftOn: Number.isFinite(path.leftDay) ? ctx.days.get(path.leftDay) : null,
        leftBecause: path.leftBecause,
        finalState: Math.round(path.state[lastWeek]! * 100) / 100,
        planted: planted?.role ?? null,
      },
    };
    profiles.push({ index, customer, traits, planted, pulseAsks: [] });
    if (pulses)
      revenues.push(expectedRevenueAtAsks(traits, ctx, path.state, path.leftDay, churnedDay, ownerEmail));
  }
  if (pulses) assignPulses(profiles, revenues, ctx);
  return { users: demoUsers.map((u) => ({ ...u })), profiles, context: ctx };
}

function plant(traits: Traits, planted: PlantedCustomer): void {
  traits.kind = "regular";
  traits.ratePerWeek = planted.ordersPerYear / 52;
  traits.orderValueCents = planted.orderValueEuros * 100;
  traits.seasonAmplitude = 0;
  traits.stateMean = 0;
  traits.lateHabitDays = planted.lateHabitDays;
  traits.punctualShare = planted.punctualShare;
  traits.financeSensitivity = planted.financeSensitivity;
  traits.newsletter = true;
  traits.trialOrderDays = [];
}

/**
 * Trailing-12-month revenue the customer is expected to have at each pulse ask, as the pulse job ranks
 * accounts (0 when the job would not ask: not yet a customer, marked churned, or no owner). Expected
 * rather than realised revenue keeps the plan free of rows; the order of the top accounts is the same
 * up to noise.
 */
function expectedRevenueAtAsks(
  traits: Traits,
  ctx: Context,
  state: Float64Array,
  leftDay: number,
  churnedDay: number,
  ownerEmail: string | null,
): Float64Array {
  const result = new Float64Array(ctx.pulseAsks.length);
  if (ownerEmail === null) return result;
  const prefix = new Float64Array(ctx.weeks + 1);
  // Only the weeks the asks look back on: a year before the first ask up to asOf.
  const firstWeek = Math.max(weekOf(ctx, traits.firstDay), weekOf(ctx, ctx.pulseAsks[0]!.day - 366));
  const leftWeek = Number.isFinite(leftDay) ? weekOf(ctx, leftDay) : ctx.weeks;
  for (let w = 0; w < ctx.weeks; w++) {
    let cents = 0;
    if (w >= firstWeek && w <= leftWeek) {
      const z = state[w]!;
      const orders =
        traits.kind === "trial"
          ? traits.trialOrderDays.filter((d) => weekOf(ctx, d) === w).length
          : weeklyOrderRate(traits, ctx, w, z);
      cents = orders * traits.orderValueCents * Math.exp(latentModel.sizeEffect * z);
    }
    prefix[w + 1] = prefix[w]! + cents;
  }
  ctx.pulseAsks.forEach((ask, a) => {
    if (traits.sinceDay > ask.day || churnedDay <= ask.day) return;
    const to = weekOf(ctx, ask.day);
    const from = Math.max(0, weekOf(ctx, ask.day - 365));
    result[a] = prefix[to + 1]! - prefix[from]!;
  });
  return result;
}

/** As the monthly pulse job: per owner and month, the top accounts by trailing-12-month revenue. */
function assignPulses(profiles: Profile[], revenues: Float64Array[], ctx: Context): void {
  for (let a = 0; a < ctx.pulseAsks.length; a++) {
    const byOwner = new Map<string, number[]>();
    for (const profile of profiles) {
      const owner = profile.customer.ownerEmail;
      if (owner === null || revenues[profile.index]![a]! <= 0) continue;
      const list = byOwner.get(owner) ?? [];
      list.push(profile.index);
      byOwner.set(owner, list);
    }
    for (const list of byOwner.values()) {
      list.sort((x, y) => revenues[y]![a]! - revenues[x]![a]! || x - y);
      for (const index of list.slice(0, pulseTopAccounts)) profiles[index]!.pulseAsks.push(a);
    }
  }
}
