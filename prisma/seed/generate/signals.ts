/**
 * Everything besides orders that the latent state shows through, each with noise of its own: web
 * visits, newsletter opens and clicks, meetings, calls and e-mails (more when the state is high),
 * complaints (more, and more severe, when it is low; most bad events bring one), NPS answers to a
 * survey that reaches each customer every three months, and the owner's monthly pulse.
 */
import { type Context, weekOf } from "./calendar.ts";
import { type LatentPath, segmentTraits } from "./latent.ts";
import { pad, stateOn } from "./orders.ts";
import type { Profile } from "./plan.ts";
import { clamp, Stream, streamFor } from "./rng.ts";
import { complaintSummaries, npsComment, pulseComments } from "./text.ts";
import type { DemoBatch, DemoEngagementKind } from "./types.ts";

/** Planted customers get no random complaints and survey answers this close to asOf: theirs are placed. */
const plantedQuietDays = 150;

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

export function generateSignals(p: Profile, path: LatentPath, ctx: Context, out: DemoBatch): void {
  const rng = streamFor(ctx.seed, Stream.signals, p.index);
  const { traits } = p;
  const { days, asOfDay } = ctx;
  const ext = p.customer.externalId;
  const number = ext.slice(2);
  const segment = segmentTraits[traits.segment];
  const lastDay = Math.min(asOfDay, path.leftDay - 1);
  const inRange = (d: number) => d >= traits.firstDay && d <= lastDay;

  let complaintSeq = 0;
  const addComplaint = (openedDay: number, severity: 1 | 2 | 3, summary: string, forceOpen: boolean) => {
    complaintSeq++;
    const resolveDays = severity === 1 ? rng.int(1, 10) : severity === 2 ? rng.int(3, 20) : rng.int(5, 40);
    const resolvedDay = openedDay + resolveDays;
    out.complaints.push({
      externalId: `C-${number}-${pad(complaintSeq, 3)}`,
      customerExternalId: ext,
      openedOn: days.get(openedDay),
      resolvedOn: forceOpen || resolvedDay > asOfDay ? null : days.get(resolvedDay),
      severity,
      summary,
    });
  };

  const push = (d: number, kind: DemoEngagementKind, count: number) => {
    if (inRange(d))
      out.engagementEvents.push({ customerExternalId: ext, occurredOn: days.get(d), kind, count });
  };
  // Weekly engagement (at most one row per kind per week, so customer/day/kind stays unique) and complaints.
  for (let w = Math.max(0, weekOf(ctx, traits.firstDay)); w < ctx.weeks; w++) {
    const monday = ctx.firstMonday + 7 * w;
    if (monday > lastDay) break;
    const z = path.state[w]!;
    const visits = rng.poisson(traits.webPerWeek * Math.exp(0.7 * z));
    if (visits > 0) push(monday + rng.int(0, 4), "WEB_VISIT", visits);
    // The newsletter goes out every other Tuesday.
    if (traits.newsletter && w % 2 === 0 && rng.chance(sigmoid(traits.newsletterBias + 0.9 * z))) {
      const openDay = monday + 1 + rng.int(0, 2);
      push(openDay, "NEWSLETTER_OPEN", rng.int(1, 2));
      if (rng.chance(0.35)) push(openDay, "NEWSLETTER_CLICK", rng.int(1, 3));
    }
    if (rng.chance(segment.meetingPerWeek * Math.exp(0.3 * z))) push(monday + rng.int(0, 4), "MEETING", 1);
    if (rng.chance(segment.callPerWeek * Math.exp(0.2 * z)))
      push(monday + rng.int(0, 4), "CALL", rng.int(1, 2));
    if (rng.chance(segment.emailPerWeek * Math.exp(0.4 * z))) {
      push(monday + rng.int(0, 4), "EMAIL", rng.int(1, 4));
    }

    const quiet = p.planted !== undefined && monday > asOfDay - plantedQuietDays;
    const chance = path.shock[w] ? 0.6 : (traits.complaintsPerYear / 52) * Math.exp(-0.9 * z);
    if (!quiet && rng.chance(chance)) {
      const openedDay = monday + rng.int(0, 4);
      if (inRange(openedDay)) {
        const roll = rng.next();
        const severity: 1 | 2 | 3 =
          z < -1 || path.shock[w]
            ? roll < 0.2
              ? 1
              : roll < 0.65
                ? 2
                : 3
            : roll < 0.45
              ? 1
              : roll < 0.85
                ? 2
                : 3;
        addComplaint(openedDay, severity, rng.pick(complaintSummaries), false);
      }
    }
  }
  for (const c of p.planted?.events.complaints ?? [])
    addComplaint(asOfDay - c.daysAgo, c.severity, c.summary, c.open);

  generateNps(p, path, ctx, out);
  generatePulses(p, path, ctx, out);
}

/** The relationship survey reaches a customer every three months, on its own day; contacts answer or not. */
function generateNps(p: Profile, path: LatentPath, ctx: Context, out: DemoBatch): void {
  const rng = streamFor(ctx.seed, Stream.surveys, p.index);
  const { traits } = p;
  const ext = p.customer.externalId;
  const lastDay = Math.min(ctx.asOfDay, path.leftDay - 1);
  const quietFrom = ctx.asOfDay - (p.planted?.events.quietSurveyDays ?? 0);
  const contacts = segmentTraits[traits.segment].respondents;
  ctx.monthStarts.forEach((monthStart, m) => {
    if ((m + traits.surveyPhase) % 3 !== 0) return;
    const invited = monthStart + rng.int(0, 24);
    for (let r = 1; r <= rng.int(1, contacts); r++) {
      const answerDay = invited + rng.int(0, 10);
      const z = stateOn(ctx, path, answerDay);
      if (!rng.chance(clamp(0.4 + 0.1 * z, 0.1, 0.6))) continue;
      if (answerDay < traits.firstDay || answerDay > lastDay || (p.planted && answerDay > quietFrom))
        continue;
      const score = clamp(Math.round(8.1 + 1.6 * z + 1.2 * rng.normal()), 0, 10);
      const answeredOn = ctx.days.get(answerDay);
      out.npsResponses.push({
        sourceKey: `nps:${ext}:${answeredOn}:${r}`,
        customerExternalId: ext,
        answeredOn,
        score,
        comment: npsComment(rng, score),
      });
    }
  });
  for (const answer of p.planted?.events.nps ?? []) {
    const answeredOn = ctx.days.get(ctx.asOfDay - answer.daysAgo);
    out.npsResponses.push({
      sourceKey: `nps:${ext}:${answeredOn}:s`,
      customerExternalId: ext,
      answeredOn,
      score: answer.score,
      comment: answer.comment,
    });
  }
}

/** The owner's answer to the monthly pulse (asked 07:00 UTC, reminded after 3 days, expires after 7). */
function generatePulses(p: Profile, path: LatentPath, ctx: Context, out: DemoBatch): void {
  const owner = p.customer.ownerEmail;
  if (owner === null) return;
  const rng = streamFor(ctx.seed, Stream.pulses, p.index);
  const { days, asOfDay } = ctx;
  for (const a of p.pulseAsks) {
    const ask = ctx.pulseAsks[a]!;
    const z = stateOn(ctx, path, ask.day);
    const noise = p.planted ? 0 : 1.1 * rng.normal();
    const score = clamp(Math.round(7.2 + 1.6 * z + noise), 0, 10);
    const answerDay = ask.day + (p.planted ? 1 : rng.int(0, 5));
    const answered = (p.planted !== undefined || rng.chance(0.7)) && answerDay <= asOfDay;
    const reminded = (!answered || answerDay - ask.day >= 3) && ask.day + 3 <= asOfDay;
    out.ownerPulses.push({
      customerExternalId: p.customer.externalId,
      userEmail: owner,
      period: ask.period,
      score: answered ? score : null,
      comment: answered ? rng.pick(pulseComments) : "",
      askedAt: `${days.get(ask.day)}T07:00:00.000Z`,
      answeredAt: answered
        ? `${days.get(answerDay)}T${pad(8 + rng.int(0, 8), 2)}:${pad(rng.int(0, 59), 2)}:00.000Z`
        : null,
      remindedAt: reminded ? `${days.get(ask.day + 3)}T07:00:00.000Z` : null,
      expiresAt: `${days.get(ask.day + 7)}T07:00:00.000Z`,
    });
  }
}
