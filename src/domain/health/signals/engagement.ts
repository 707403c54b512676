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
import type { EngagementChannel, EngagementReason } from "../reasons.ts";
import type { Locale } from "../types.ts";
import { linearScoreExact, type SignalScorer, say, wholePercent } from "./shared.ts";

const channelNames: Record<EngagementChannel, Record<Locale, string>> = {
  web: { nl: "websitebezoek", en: "website visits", fr: "visites du site" },
  newsletter: { nl: "nieuwsbrief", en: "newsletter", fr: "newsletter" },
  contact: { nl: "contactmomenten", en: "contact moments", fr: "contacts" },
};

export const scoreEngagement: SignalScorer<EngagementReason> = (inputs, settings) => {
  if (!inputs.sources.engagement) return { score: null, reason: { id: "engagement.noData" } };
  const e = inputs.engagement;
  const curve = settings.signals.engagement;
  // A plain loop: flatMap with a spread copy per channel was most of this signal's cost at 20k customers.
  const channels: Array<{ channel: EngagementChannel; change: number; score: number }> = [];
  for (const [channel, recent, baseline] of [
    ["web", e.recentWeb, e.baselineWeb],
    ["newsletter", e.recentNewsletter, e.baselineNewsletter],
    ["contact", e.recentContact, e.baselineContact],
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
      channel,
      change,
      score: linearScoreExact(-change, curve.fineDropPercent, curve.zeroDropPercent),
    });
  }
  if (channels.length === 0) return { score: null, reason: { id: "engagement.tooLittle" } };
  const score = Math.round(channels.reduce((sum, channel) => sum + channel.score, 0) / channels.length);
  const dropped = channels
    .filter((channel) => -channel.change >= curve.fineDropPercent)
    .sort((a, b) => a.change - b.change)
    .map(({ channel, change }) => ({ channel, percent: wholePercent(change) }));
  if (dropped.length === 0) return { score, reason: { id: "engagement.asUsual" } };
  return { score, reason: { id: "engagement.dropped", channels: dropped } };
};

/** "websitebezoek −60 %, nieuwsbrief −35 %". */
export function engagementText(reason: EngagementReason, locale: Locale): string {
  switch (reason.id) {
    case "engagement.noData":
      return say(locale, {
        nl: "geen gegevens over online activiteit aangeleverd",
        en: "no online activity data delivered",
        fr: "aucune donnée d'activité en ligne fournie",
      });
    case "engagement.tooLittle":
      return say(locale, {
        nl: "te weinig online activiteit om mee te vergelijken",
        en: "too little online activity to compare with",
        fr: "trop peu d'activité en ligne pour comparer",
      });
    case "engagement.asUsual":
      return say(locale, {
        nl: "online betrokkenheid zoals gewoonlijk",
        en: "online engagement as usual",
        fr: "engagement en ligne comme d'habitude",
      });
    case "engagement.dropped":
      return reason.channels
        .map(
          ({ channel, percent }) =>
            `${channelNames[channel][locale]} ${formatPercent(percent, locale, { signed: true })}`,
        )
        .join(", ");
  }
}
