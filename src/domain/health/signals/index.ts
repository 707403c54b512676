import type { SignalKey } from "../types.ts";
import { scoreComplaints } from "./complaints.ts";
import { scoreEngagement } from "./engagement.ts";
import { scoreFrequency } from "./frequency.ts";
import { scoreNps } from "./nps.ts";
import { scorePayment } from "./payment.ts";
import { scorePulse } from "./pulse.ts";
import { scoreRecency } from "./recency.ts";
import type { SignalScorer } from "./shared.ts";
import { scoreVolume } from "./volume.ts";

export type { SignalScore, SignalScorer } from "./shared.ts";

export const signalScorers: Record<SignalKey, SignalScorer> = {
  payment: scorePayment,
  frequency: scoreFrequency,
  volume: scoreVolume,
  recency: scoreRecency,
  engagement: scoreEngagement,
  nps: scoreNps,
  complaints: scoreComplaints,
  pulse: scorePulse,
};
