/**
 * A signal's reason as a sentence in the reader's language: the one place every view (card, risk list,
 * alert, digest, CLI) turns a stored reason into words, so they all say the same.
 */
import { localized } from "../format.ts";
import { counterweightClause } from "./counterweight.ts";
import type { SignalReason } from "./reasons.ts";
import { signalTexts } from "./signals/index.ts";
import type { Locale, SignalKey, StoredReason } from "./types.ts";

export function reasonText(reason: StoredReason | null | undefined, locale: Locale): string {
  if (!reason) return "";
  // Snapshots and alerts stored before reasons became data hold the sentences themselves.
  if (!("id" in reason)) return localized(reason, locale);
  const key = reason.id.slice(0, reason.id.indexOf(".")) as SignalKey;
  const text = signalTexts[key] as ((reason: SignalReason, locale: Locale) => string | undefined) | undefined;
  // A reason written by a newer version than this one: say nothing rather than something wrong.
  const sentence = text?.(reason, locale);
  if (typeof sentence !== "string") return "";
  return "but" in reason && reason.but ? sentence + counterweightClause(key, reason.but, locale) : sentence;
}
