/**
 * The owner pulse question: "How likely is Acme to recommend us? (your estimate)" with 0–10 buttons.
 * A click answers it (`pulse.answer`), after which a comment can be added.
 */
import { formatDate } from "../domain/format.ts";
import { type Locale, translator } from "../i18n/index.ts";
import type { Message, MessageAction } from "./message.ts";

export interface PulseQuestion {
  pulseId: number;
  customerId: number;
  customerName: string;
  /** ISO date the pulse expires. */
  expiresOn: string;
  reminder: boolean;
}

export function pulseMessage(question: PulseQuestion, locale: Locale): Message {
  const t = translator(locale);
  const ask = t("pulses.question", { customer: question.customerName });
  const buttons: MessageAction[] = Array.from({ length: 11 }, (_, score) => ({
    id: "pulse.answer" as const,
    label: String(score),
    value: { customerId: question.customerId, pulseId: question.pulseId, score },
  }));
  const lead = question.reminder ? t("pulses.reminder") : t("pulses.intro");
  return {
    text: `${lead} ${ask}`,
    blocks: [
      { type: "text", text: lead },
      { type: "text", text: `**${ask}**` },
      { type: "actions", actions: buttons },
      {
        type: "context",
        text: t("pulses.footer", { date: formatDate(question.expiresOn, locale, { style: "short" }) }),
      },
    ],
  };
}
