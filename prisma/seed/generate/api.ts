/** The generator's public functions: stream batches, or the whole data set, or only the customers. */

import { simulateLatent } from "./latent.ts";
import { generateOrders } from "./orders.ts";
import { normalizeOptions, type Plan, type Profile, planDemo } from "./plan.ts";
import { Stream, streamFor } from "./rng.ts";
import { generateSignals } from "./signals.ts";
import type { DemoBatch, DemoBatchOptions, DemoCustomer, DemoData, DemoOptions, DemoUser } from "./types.ts";

function emptyBatch(): DemoBatch {
  return {
    users: [],
    customers: [],
    invoices: [],
    orders: [],
    complaints: [],
    engagementEvents: [],
    npsResponses: [],
    ownerPulses: [],
  };
}

function generateHistory(profile: Profile, plan: Plan, out: DemoBatch): void {
  const ctx = plan.context;
  // The same stream as in the plan gives the same path; it is not kept between plan and history.
  const path = simulateLatent(
    profile.traits,
    ctx,
    streamFor(ctx.seed, Stream.latent, profile.index),
    profile.planted?.script,
  );
  generateOrders(profile, path, ctx, out);
  generateSignals(profile, path, ctx, out);
}

/**
 * Streams the demo data in batches of `batchCustomers` customers with all their rows. The first batch
 * also carries the users. Output is independent of the batch size.
 */
export function* generateDemoBatches(options: DemoBatchOptions): Generator<DemoBatch> {
  const normalized = normalizeOptions(options);
  const batchCustomers = options.batchCustomers ?? 100;
  if (!Number.isInteger(batchCustomers) || batchCustomers < 1) {
    throw new RangeError(`batchCustomers must be a positive whole number, got ${batchCustomers}`);
  }
  const plan = planDemo(normalized);
  for (let start = 0; start < plan.profiles.length; start += batchCustomers) {
    const batch = emptyBatch();
    if (start === 0) batch.users = plan.users;
    for (const profile of plan.profiles.slice(start, start + batchCustomers)) {
      batch.customers.push(profile.customer);
      generateHistory(profile, plan, batch);
    }
    yield batch;
  }
}

/** Only the users and customers (no history): cheap even for 20,000 customers. */
export function generateDemoCustomers(options: DemoOptions): {
  users: DemoUser[];
  customers: DemoCustomer[];
} {
  const plan = planDemo(normalizeOptions(options), { pulses: false });
  return { users: plan.users, customers: plan.profiles.map((p) => p.customer) };
}

/** The whole demo data set in memory; fine up to a few thousand customers. */
export function generateDemoData(options: DemoOptions): DemoData {
  const all = emptyBatch();
  for (const batch of generateDemoBatches({ ...options, batchCustomers: 500 })) {
    for (const key of Object.keys(all) as (keyof DemoBatch)[]) {
      const target = all[key] as unknown[];
      for (const row of batch[key]) target.push(row);
    }
  }
  return all;
}

/** Row counts of a data set or batch, per table. */
export function countDemoRows(data: DemoBatch): Record<keyof DemoBatch, number> {
  return {
    users: data.users.length,
    customers: data.customers.length,
    invoices: data.invoices.length,
    orders: data.orders.length,
    complaints: data.complaints.length,
    engagementEvents: data.engagementEvents.length,
    npsResponses: data.npsResponses.length,
    ownerPulses: data.ownerPulses.length,
  };
}
