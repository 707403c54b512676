import type { ReasonOf } from "../reasons.ts";
import type { Locale, SignalKey } from "../types.ts";
import { complaintsText, scoreComplaints } from "./complaints.ts";
import { engagementText, scoreEngagement } from "./engagement.ts";
import { frequencyText, scoreFrequency } from "./frequency.ts";
import { npsText, scoreNps } from "./nps.ts";
import { paymentText, scorePayment } from "./payment.ts";
import { pulseText, scorePulse } from "./pulse.ts";
import { recencyText, scoreRecency } from "./recency.ts";
import type { SignalScorer } from "./shared.ts";
import { scoreVolume, volumeText } from "./volume.ts";

export type { SignalScore, SignalScorer } from "./shared.ts";

export const signalScorers: { [K in SignalKey]: SignalScorer<ReasonOf<K>> } = {
  payment: scorePayment,
  frequency: scoreFrequency,
  volume: scoreVolume,
  recency: scoreRecency,
  engagement: scoreEngagement,
  nps: scoreNps,
  complaints: scoreComplaints,
  pulse: scorePulse,
};

/** Each signal writes its own reasons as a sentence. */
export const signalTexts: { [K in SignalKey]: (reason: ReasonOf<K>, locale: Locale) => string } = {
  payment: paymentText,
  frequency: frequencyText,
  volume: volumeText,
  recency: recencyText,
  engagement: engagementText,
  nps: npsText,
  complaints: complaintsText,
  pulse: pulseText,
};
