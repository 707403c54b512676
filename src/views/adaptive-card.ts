/** The Adaptive Card data model the Teams renderers produce: plain JSON, schema 1.5. */

/** A JSON object of the Adaptive Card schema; kept loose on purpose (cards are data, not classes). */
export type CardElement = Record<string, unknown> & { type: string };

export interface AdaptiveCard {
  type: "AdaptiveCard";
  $schema: string;
  version: "1.5";
  body: CardElement[];
  actions?: CardElement[];
  fallbackText?: string;
  msteams?: { width?: "Full"; entities?: MentionEntity[] };
}

/** Teams' mention entity: `text` must equal the `<at>…</at>` in the card's text exactly. */
export interface MentionEntity {
  type: "mention";
  text: string;
  mentioned: { id: string; name: string };
}

export const ADAPTIVE_CARD_SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json";
