import { reasonText } from "../../src/domain/health/reason-text.ts";
import type { SignalReason } from "../../src/domain/health/reasons.ts";
import type { SignalScorer } from "../../src/domain/health/signals/index.ts";
import type { StoredReason } from "../../src/domain/health/types.ts";

/** A stored reason as the sentences a reader sees, in every language. */
export function sentences(reason: StoredReason | null | undefined) {
  return { nl: reasonText(reason, "nl"), en: reasonText(reason, "en"), fr: reasonText(reason, "fr") };
}

/** A signal scorer whose reason comes back as the sentences shown to readers. */
export function inWords<R extends SignalReason>(scorer: SignalScorer<R>) {
  return (...args: Parameters<SignalScorer<R>>) => {
    const { score, reason } = scorer(...args);
    return { score, reason: sentences(reason) };
  };
}
