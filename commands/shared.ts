import type { CustomerSummary } from "../src/db/queries/customers.ts";
import { type Locale, translator } from "../src/i18n/index.ts";
import type { ServiceContext } from "../src/services/context.ts";
import { listSegments } from "../src/services/list-at-risk.ts";
import { limitList, type Message } from "../src/views/message.ts";

/** A short ephemeral answer that explains how to use a command. */
export function usageMessage(text: string): Message {
  return { text, blocks: [{ type: "text", text }], ephemeral: true };
}

const MAX_CHOICES = 8;

/** "Which one do you mean?" with one button per candidate; a click opens that customer's card. */
export function customerChoices(question: string, candidates: CustomerSummary[], locale: Locale): Message {
  const t = translator(locale);
  const { shown, hidden } = limitList(candidates, MAX_CHOICES);
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
        ...(hidden > 0 ? { moreLabel: t("common.more", { count: hidden }) } : {}),
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
