/**
 * Orders, invoices and credit notes of one customer, drawn from its latent path: a Poisson number of
 * orders per week at the customer's own rate (scaled by its state, its season and the calendar), order
 * sizes that shrink with the state, and invoices paid relative to the customer's own habit, later when
 * its state (cash) is low.
 */
import { type Context, weekOf } from "./calendar.ts";
import { type LatentPath, latentModel, type Traits, weeklyOrderRate } from "./latent.ts";
import type { Profile } from "./plan.ts";
import { clamp, type Rng, Stream, streamFor } from "./rng.ts";
import type { DemoBatch } from "./types.ts";

/** Chance that an order gets a credit note (a return, a price correction) some days later. */
const creditNoteChance = 0.012;

export function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

/** State in the week of `day`, clamped to the history. */
export function stateOn(ctx: Context, path: LatentPath, day: number): number {
  return path.state[clamp(weekOf(ctx, day), 0, ctx.weeks - 1)]!;
}

/** The days this customer ordered on, oldest first. */
function orderDays(traits: Traits, path: LatentPath, ctx: Context, rng: Rng): number[] {
  const lastDay = Math.min(ctx.asOfDay, path.leftDay - 1);
  if (traits.kind === "trial") return traits.trialOrderDays.filter((d) => d <= lastDay);
  const days: number[] = [];
  // A customer is created in the ERP with its first order.
  if (traits.sinceDay >= ctx.startDay && traits.firstDay <= lastDay) days.push(traits.firstDay);
  const week: number[] = [];
  for (let w = Math.max(0, weekOf(ctx, traits.firstDay)); w < ctx.weeks; w++) {
    const monday = ctx.firstMonday + 7 * w;
    if (monday > lastDay) break;
    const count = rng.poisson(weeklyOrderRate(traits, ctx, w, path.state[w]!));
    week.length = 0;
    for (let i = 0; i < count; i++) {
      // Orders land on working days.
      const day = monday + rng.int(0, 4);
      if (day >= traits.firstDay && day <= lastDay) week.push(day);
    }
    week.sort((a, b) => a - b);
    for (const day of week) days.push(day);
  }
  return days;
}

function softplus(x: number): number {
  return Math.log1p(Math.exp(x));
}

/** Days after the due date an invoice is paid (negative: early), or null when it is never paid. */
function daysLate(traits: Traits, path: LatentPath, z: number, orderDay: number, rng: Rng): number | null {
  if (path.leftBecause === "decline" && orderDay > path.leftDay - 90 && z < -1.2 && rng.chance(0.3)) {
    return null; // bad debt of a customer that left in trouble
  }
  const onTime = traits.punctualShare * (z >= -0.2 ? 1 : Math.exp(z + 0.2));
  const habit = rng.chance(onTime)
    ? -rng.int(0, 5)
    : Math.round(-traits.lateHabitDays * Math.log(1 - rng.next()));
  // Smooth in the state and 0 at an average state: a happy customer pays a little sooner, a slightly
  // unhappy one a little later, one in trouble much later (z = −1: +7 days, z = −2: +17).
  const trouble =
    14 * (softplus(-z - 0.5) - softplus(-0.5)) * traits.financeSensitivity * rng.range(0.6, 1.4);
  return habit + Math.round(trouble);
}

export function generateOrders(p: Profile, path: LatentPath, ctx: Context, out: DemoBatch): void {
  const rng = streamFor(ctx.seed, Stream.orders, p.index);
  const { traits } = p;
  const { days, asOfDay } = ctx;
  const ext = p.customer.externalId;
  const number = ext.slice(2);
  let seq = 0;
  let creditSeq = 0;
  for (const orderDay of orderDays(traits, path, ctx, rng)) {
    const z = stateOn(ctx, path, orderDay);
    const size = Math.exp(latentModel.sizeEffect * z + 0.35 * rng.normal() - 0.06);
    const amountCents = Math.max(500, Math.round(traits.orderValueCents * size));
    const quantity = Math.max(1, Math.round(amountCents / traits.unitPriceCents));
    seq++;
    out.orders.push({
      externalId: `O-${number}-${pad(seq, 5)}`,
      customerExternalId: ext,
      orderedOn: days.get(orderDay),
      amountCents,
      quantity,
    });
    const dueDay = orderDay + 30;
    const late = daysLate(traits, path, stateOn(ctx, path, Math.min(dueDay, path.leftDay)), orderDay, rng);
    const holdDaysAgo = p.planted?.events.paymentsOnHoldDaysAgo;
    const onHold = holdDaysAgo === undefined ? Number.POSITIVE_INFINITY : asOfDay - holdDaysAgo;
    let paidDay = late === null ? null : Math.max(orderDay + 1, dueDay + late);
    if (paidDay !== null && paidDay > onHold) paidDay = null;
    out.invoices.push({
      externalId: `F-${number}-${pad(seq, 5)}`,
      customerExternalId: ext,
      issuedOn: days.get(orderDay),
      dueOn: days.get(dueDay),
      paidOn: paidDay !== null && paidDay <= asOfDay ? days.get(paidDay) : null,
      amountCents,
    });
    if (rng.chance(creditNoteChance)) {
      const creditDay = orderDay + rng.int(3, 40);
      if (creditDay > asOfDay) continue;
      const share = rng.chance(0.4) ? 1 : rng.range(0.1, 0.6);
      creditSeq++;
      out.orders.push({
        externalId: `CN-${number}-${pad(creditSeq, 3)}`,
        customerExternalId: ext,
        orderedOn: days.get(creditDay),
        amountCents: -Math.max(100, Math.round(amountCents * share)),
        quantity: -Math.max(1, Math.round(quantity * share)),
      });
    }
  }
}
