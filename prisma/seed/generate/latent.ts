/**
 * The hidden process behind every customer: traits drawn once, and a latent state (satisfaction and
 * financial health in one number) that drifts week by week. The weekly churn hazard is a smooth
 * function of that state, the customer's tenure and segment; everything the ERP records (orders,
 * payments, engagement, NPS, complaints) is drawn from the same state with noise of its own, in
 * history.ts and signals.ts. Nothing here knows how Klantpuls scores.
 */
import { type Context, weekOf } from "./calendar.ts";
import { clamp, type Rng } from "./rng.ts";
import type { DemoCustomerKind, DemoHiddenTruth, DemoSegment } from "./types.ts";

export interface SegmentTraits {
  /** Mean orders per year of a customer in an average state; rates follow a gamma mixture around it. */
  ordersPerYear: number;
  rateShape: number;
  orderValueEuros: [number, number];
  unitPriceEuros: [number, number];
  webPerWeek: [number, number];
  meetingPerWeek: number;
  callPerWeek: number;
  emailPerWeek: number;
  /** Contacts who get the NPS survey. */
  respondents: number;
  /** Multiplies the churn hazard. */
  hazard: number;
  /** Share of new customers who only try (1–3 orders, then gone). */
  trialShare: number;
  /** Share of leavers the ERP ever marks CHURNED; the others stay ACTIVE and go silent. */
  erpMarksChurn: number;
}

export const segmentTraits: Record<DemoSegment, SegmentTraits> = {
  Enterprise: {
    ordersPerYear: 60,
    rateShape: 2,
    orderValueEuros: [2_500, 12_000],
    unitPriceEuros: [50, 500],
    webPerWeek: [3, 10],
    meetingPerWeek: 0.2,
    callPerWeek: 0.25,
    emailPerWeek: 0.5,
    respondents: 3,
    hazard: 0.6,
    trialShare: 0.12,
    erpMarksChurn: 0.75,
  },
  MKB: {
    ordersPerYear: 24,
    rateShape: 1.2,
    orderValueEuros: [400, 3_000],
    unitPriceEuros: [20, 250],
    webPerWeek: [0.8, 4],
    meetingPerWeek: 0.05,
    callPerWeek: 0.12,
    emailPerWeek: 0.25,
    respondents: 1,
    hazard: 1,
    trialShare: 0.3,
    erpMarksChurn: 0.5,
  },
  Retail: {
    ordersPerYear: 28,
    rateShape: 0.9,
    orderValueEuros: [80, 600],
    unitPriceEuros: [5, 60],
    webPerWeek: [0.5, 2.5],
    meetingPerWeek: 0.02,
    callPerWeek: 0.06,
    emailPerWeek: 0.12,
    respondents: 1,
    hazard: 1.4,
    trialShare: 0.4,
    erpMarksChurn: 0.35,
  },
};

/** The process's constants, named so the documentation and the code say the same. */
export const latentModel = {
  /** Weekly AR(1): z ← m + φ (z − m) + σ ε, m = the customer's own mean plus any slow drift. */
  phi: 0.96,
  sigma: 0.2,
  /** Spread of customers' own means μ ~ N(0, 0.4²). */
  meanSpread: 0.4,
  /** A bad event (late delivery, quality problem, a new buyer): chance per week, size −(0.8 … 2.2). */
  badShockPerWeek: 1 / 110,
  goodShockPerWeek: 1 / 260,
  /** A slow decline starts with this chance per week and lowers m by 0.03–0.07 a week for 12–40 weeks. */
  declinePerWeek: 1 / 350,
  /** Weekly hazard = segment × tenure × (a · e^(−b z) + abrupt); tenure = 1 + 1.5 e^(−weeks/40). */
  hazardA: 0.0007,
  hazardB: 1.5,
  abrupt: 0.0006,
  /** Order rate × e^(0.55 z), order size × e^(0.2 z). */
  rateEffect: 0.55,
  sizeEffect: 0.2,
} as const;

export interface Traits {
  segment: DemoSegment;
  kind: DemoCustomerKind;
  /** customer_since */
  sinceDay: number;
  /** First day with data: customer_since, or the start of the history for older customers. */
  firstDay: number;
  ratePerWeek: number;
  seasonAmplitude: number;
  seasonPeakDay: number;
  orderValueCents: number;
  unitPriceCents: number;
  stateMean: number;
  /** The customer's habit: mean days late of the invoices it pays late, and its share paid on time. */
  lateHabitDays: number;
  punctualShare: number;
  /** How much a low state shows in payments (cash trouble). */
  financeSensitivity: number;
  webPerWeek: number;
  newsletter: boolean;
  newsletterBias: number;
  complaintsPerYear: number;
  /** The NPS survey reaches this customer every three months, from this month (0–2). */
  surveyPhase: number;
  /** Trials: the days of their one to three orders. */
  trialOrderDays: number[];
}

/** A planted walk-through customer: its state is a script of days before asOf, not a random walk. */
export interface LatentScript {
  state: (daysAgo: number) => number;
  /** Days before asOf it stopped buying, or null. */
  leftDaysAgo: number | null;
  /** Days before asOf of a bad event (a complaint comes with it). */
  shockDaysAgo?: number;
}

export interface LatentPath {
  /** State per week of the history (weeks before the first day hold the first value). */
  state: Float64Array;
  /** 1 in the weeks a bad event hit. */
  shock: Uint8Array;
  /** Day the customer stopped buying, Infinity while it is still a customer. */
  leftDay: number;
  leftBecause: DemoHiddenTruth["leftBecause"];
}

export function drawTraits(rng: Rng, ctx: Context, segment: DemoSegment, sinceDay: number): Traits {
  const t = segmentTraits[segment];
  const firstDay = Math.max(sinceDay, ctx.startDay);
  const isNew = sinceDay > ctx.startDay;
  const roll = rng.next();
  const kind: DemoCustomerKind =
    isNew && roll < t.trialShare ? "trial" : rng.chance(0.15) ? "seasonal" : "regular";
  const trialOrderDays: number[] = [];
  if (kind === "trial") {
    const orders = rng.chance(0.5) ? 1 : rng.chance(0.6) ? 2 : 3;
    let day = firstDay;
    for (let i = 0; i < orders && day <= ctx.asOfDay; i++) {
      trialOrderDays.push(day);
      day += rng.int(7, 60);
    }
  }
  const lateRoll = rng.next();
  return {
    segment,
    kind,
    sinceDay,
    firstDay,
    ratePerWeek: rng.gamma(t.rateShape, t.ordersPerYear / t.rateShape) / 52,
    seasonAmplitude: kind === "seasonal" ? rng.range(0.6, 0.95) : rng.range(0, 0.15),
    seasonPeakDay: rng.int(0, 364),
    orderValueCents: Math.round(rng.range(t.orderValueEuros[0], t.orderValueEuros[1]) * 100),
    unitPriceCents: Math.round(rng.range(t.unitPriceEuros[0], t.unitPriceEuros[1]) * 100),
    stateMean: latentModel.meanSpread * rng.normal(),
    // Most pay about on time, some are a little late as a rule, a few are chronic (and loyal) late payers.
    lateHabitDays: lateRoll < 0.6 ? rng.range(1, 4) : lateRoll < 0.87 ? rng.range(5, 12) : rng.range(15, 35),
    punctualShare: lateRoll < 0.6 ? rng.range(0.55, 0.85) : lateRoll < 0.87 ? rng.range(0.25, 0.5) : 0.05,
    financeSensitivity: rng.range(0.5, 1.5),
    webPerWeek: rng.range(t.webPerWeek[0], t.webPerWeek[1]),
    newsletter: rng.chance(0.7),
    newsletterBias: rng.range(-1.2, 0.4),
    complaintsPerYear: rng.range(0.2, 1),
    surveyPhase: rng.int(0, 2),
    trialOrderDays,
  };
}

/** Expected orders in week w at state z (before Poisson noise). */
export function weeklyOrderRate(traits: Traits, ctx: Context, w: number, z: number): number {
  const season =
    1 + traits.seasonAmplitude * ctx.yearCosine[(ctx.weekDayOfYear[w]! - traits.seasonPeakDay + 365) % 365]!;
  return traits.ratePerWeek * Math.exp(latentModel.rateEffect * z) * ctx.weekFactor[w]! * season;
}

/** Chance of leaving this week, and the part of it that does not depend on the state. */
export function weeklyHazard(
  traits: Traits,
  tenureWeeks: number,
  z: number,
): [total: number, abrupt: number] {
  const scale = segmentTraits[traits.segment].hazard * (1 + 1.5 * Math.exp(-tenureWeeks / 40));
  const abrupt = scale * latentModel.abrupt;
  return [abrupt + scale * latentModel.hazardA * Math.exp(-latentModel.hazardB * z), abrupt];
}

export function simulateLatent(traits: Traits, ctx: Context, rng: Rng, script?: LatentScript): LatentPath {
  const m = latentModel;
  const state = new Float64Array(ctx.weeks);
  const shock = new Uint8Array(ctx.weeks);
  const w0 = Math.max(0, weekOf(ctx, traits.firstDay));
  let leftDay = Number.POSITIVE_INFINITY;
  let leftBecause: LatentPath["leftBecause"] = null;
  if (traits.kind === "trial") {
    leftDay = traits.trialOrderDays.at(-1)! + 1;
    leftBecause = "trial";
  }
  if (script) {
    for (let w = 0; w < ctx.weeks; w++) state[w] = script.state(ctx.asOfDay - (ctx.firstMonday + 7 * w + 3));
    if (script.shockDaysAgo !== undefined) shock[weekOf(ctx, ctx.asOfDay - script.shockDaysAgo)] = 1;
    if (script.leftDaysAgo !== null) {
      leftDay = ctx.asOfDay - script.leftDaysAgo;
      leftBecause = "decline";
    }
    return { state, shock, leftDay, leftBecause };
  }

  let z = traits.stateMean + (traits.sinceDay < ctx.startDay ? 0.7 : 0.5) * rng.normal();
  let drift = 0;
  let driftSlope = 0;
  let driftWeeks = 0;
  for (let w = 0; w < ctx.weeks; w++) {
    if (w < w0) {
      state[w] = z;
      continue;
    }
    if (w > w0) {
      if (driftWeeks > 0) {
        drift += driftSlope;
        driftWeeks--;
      } else {
        drift *= 0.995;
        if (rng.chance(m.declinePerWeek)) {
          driftSlope = -rng.range(0.03, 0.07);
          driftWeeks = rng.int(12, 40);
        }
      }
      const mean = traits.stateMean + drift;
      z = mean + m.phi * (z - mean) + m.sigma * rng.normal();
      if (rng.chance(m.badShockPerWeek)) {
        z -= rng.range(0.8, 2.2);
        shock[w] = 1;
      } else if (rng.chance(m.goodShockPerWeek)) z += rng.range(0.5, 1.3);
      z = clamp(z, -4, 3);
    }
    state[w] = z;
    const weekStart = ctx.firstMonday + 7 * w;
    if (leftDay !== Number.POSITIVE_INFINITY || weekStart > ctx.asOfDay) continue;
    const [hazard, abrupt] = weeklyHazard(traits, (weekStart - traits.sinceDay) / 7, z);
    const roll = rng.next();
    if (roll < hazard) {
      leftDay = Math.max(traits.firstDay + 1, weekStart + rng.int(0, 6));
      leftBecause = roll < abrupt ? "abrupt" : "decline";
    }
  }
  if (leftDay > ctx.asOfDay) {
    leftDay = Number.POSITIVE_INFINITY;
    leftBecause = null;
  }
  return { state, shock, leftDay, leftBecause };
}
