import type { CustomerSummary } from "../src/db/queries/customers.ts";
import type { PeriodError } from "../src/domain/periods.ts";
import { type Locale, type Translate, translator } from "../src/i18n/index.ts";
import type { ServiceContext } from "../src/services/context.ts";
import { listSegments } from "../src/services/risk-list.ts";
import type { Message } from "../src/views/message.ts";
import { textMessage } from "../src/views/message.ts";

/** "help" as a user types it in any of our languages (help, hulp, aide, ?), in any case. */
export function isHelpWord(word: string): boolean {
  return /^(help|hulp|aide|\?)$/i.test(word.trim());
}

/** A short ephemeral answer that explains how to use a command. */
export function usageMessage(text: string): Message {
  return textMessage(text);
}

const MAX_CHOICES = 8;

/**
 * "Which one do you mean?" with one button per candidate; a click opens that customer's card. One
 * candidate is asked as "Did you mean …?"; a list cut short says how many more match and to type more.
 */
export function customerChoices(
  query: string,
  candidates: CustomerSummary[],
  locale: Locale,
  total = candidates.length,
): Message {
  const t = translator(locale);
  const shown = candidates.slice(0, MAX_CHOICES);
  const hidden = Math.max(0, total - shown.length);
  const question =
    shown.length === 1 && shown[0]
      ? t("health.didYouMean", { name: shown[0].name })
      : t("health.ambiguous", { query });
  return {
    text: `${question} ${shown.map((customer) => customer.name).join(", ")}`,
    ephemeral: true,
    blocks: [
      { type: "text", text: question },
      {
        type: "bullets",
        items: shown.map(
          (customer) =>
            `**${customer.name}** (${customer.externalId}${customer.segment ? ` · ${customer.segment}` : ""}${customer.owner ? ` · ${customer.owner.name}` : ""})`,
        ),
        ...(hidden > 0 ? { moreLabel: t("health.moreMatches", { count: hidden }) } : {}),
      },
      {
        type: "actions",
        actions: shown.map((customer) => ({
          id: "customer.open" as const,
          label: customer.name,
          value: { customerId: customer.id },
        })),
      },
    ],
  };
}

export type SegmentMatch = { ok: true; segment: string | undefined } | { ok: false; problem: string };

/**
 * The segment a person typed (any case), as it is spelled in the data; no words means all segments.
 * An unknown one comes back as a sentence that lists the known segments.
 */
export async function matchSegment(
  words: string[],
  services: ServiceContext,
  locale: Locale,
): Promise<SegmentMatch> {
  if (words.length === 0) return { ok: true, segment: undefined };
  const wanted = words.join(" ");
  const known = await listSegments(services);
  const segment = known.find((candidate) => candidate.toLowerCase() === wanted.toLowerCase());
  if (segment) return { ok: true, segment };
  const t = translator(locale);
  return {
    ok: false,
    problem: t("risk.unknownSegment", { segment: wanted, known: known.join(", ") || "—" }),
  };
}

/** A period that could not be read, in words (the accepted forms are in `periods.forms`). */
export function periodProblem(error: PeriodError, t: Translate): string {
  switch (error.code) {
    case "unknown":
      return t("periods.unknown", { input: error.input });
    case "future":
      return t("periods.future", { input: error.input });
    case "badDate":
      return t("periods.badDate", { input: error.input });
    case "reversed":
      return t("periods.reversed", { from: error.from, to: error.to });
  }
}
