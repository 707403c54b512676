/**
 * Digital engagement: website visits, newsletter opens/clicks and contact moments, each compared with
 * the customer's own baseline rate (baseline × 90/365). Each channel with at least minBaselineCount (4)
 * baseline events gets a sub-score, linear on its drop: 100 at ≤ fineDropPercent (20 %), 0 at
 * ≥ zeroDropPercent (80 %). The signal is the plain mean of those channels, so a busy website does not
 * drown out a silent account manager.
 * No data: the company delivered no engagement data, or no channel has enough baseline to compare with.
 */
import { formatPercent } from "../../format.ts";
import { changeVsBaseline } from "../../kpi/purchase.ts";
import type { Locale } from "../types.ts";
import { linearScoreExact, type SignalScorer } from "./shared.ts";

const channelNames: Record<"web" | "newsletter" | "contact", Record<Locale, string>> = {
  web: { nl: "websitebezoek", en: "website visits", fr: "visites du site" },
  newsletter: { nl: "nieuwsbrief", en: "newsletter", fr: "newsletter" },
  contact: { nl: "contactmomenten", en: "contact moments", fr: "contacts" },
};

export const scoreEngagement: SignalScorer = (inputs, settings) => {
  if (!inputs.sources.engagement) {
    return {
      score: null,
      reason: {
        nl: "geen gegevens over online activiteit aangeleverd",
        en: "no online activity data delivered",
        fr: "aucune donnée d'activité en ligne fournie",
      },
    };
  }
  const e = inputs.engagement;
  const curve = settings.signals.engagement;
  // A plain loop: flatMap with a spread copy per channel was most of this signal's cost at 20k customers.
  const channels: Array<{ name: Record<Locale, string>; change: number; score: number }> = [];
  for (const [name, recent, baseline] of [
    [channelNames.web, e.recentWeb, e.baselineWeb],
    [channelNames.newsletter, e.recentNewsletter, e.baselineNewsletter],
    [channelNames.contact, e.recentContact, e.baselineContact],
  ] as const) {
    if (baseline < curve.minBaselineCount) continue;
    const change = changeVsBaseline({
      recent,
      baseline,
      recentDays: settings.recentWindowDays,
      baselineDays: settings.baselineWindowDays,
    });
    if (change === null) continue;
    channels.push({
      name,
      change,
      score: linearScoreExact(-change, curve.fineDropPercent, curve.zeroDropPercent),
    });
  }
  if (channels.length === 0) {
    return {
      score: null,
      reason: {
        nl: "te weinig online activiteit om mee te vergelijken",
        en: "too little online activity to compare with",
        fr: "trop peu d'activité en ligne pour comparer",
      },
    };
  }
  const score = Math.round(channels.reduce((sum, channel) => sum + channel.score, 0) / channels.length);
  const dropped = channels
    .filter((channel) => -channel.change >= curve.fineDropPercent)
    .sort((a, b) => a.change - b.change);
  if (dropped.length === 0) {
    return {
      score,
      reason: {
        nl: "online betrokkenheid zoals gewoonlijk",
        en: "online engagement as usual",
        fr: "engagement en ligne comme d'habitude",
      },
    };
  }
  const list = (locale: Locale) =>
    dropped
      .map((channel) => `${channel.name[locale]} ${formatPercent(channel.change, locale, { signed: true })}`)
      .join(", ");
  return { score, reason: { nl: list("nl"), en: list("en"), fr: list("fr") } };
};
