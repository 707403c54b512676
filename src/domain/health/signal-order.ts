import type { SignalResult } from "./types.ts";

/**
 * The signals with data, worst first, as the card lists its reasons: the signal that costs the most
 * points leads; the sub-score breaks ties and orders signals stored without points. The risk list's
 * "top reason" (also in the digest and `klantpuls risk`) is the first of them, so the list and the
 * card name the same signal.
 */
export function signalsWorstFirst<S extends Pick<SignalResult, "score" | "points">>(
  signals: readonly S[],
): S[] {
  return signals
    .filter((signal) => signal.score !== null)
    .sort((a, b) => (a.points ?? 0) - (b.points ?? 0) || (a.score ?? 0) - (b.score ?? 0));
}
