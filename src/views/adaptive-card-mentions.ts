import type { AdaptiveCard, MentionEntity } from "./adaptive-card.ts";
import { plainText, toCardMarkdown } from "./adaptive-card-text.ts";
import { type Mentions, mentionsAsText, replaceMentions } from "./message.ts";

/**
 * How the message's inline text becomes card text. In a TextBlock someone with a Teams id becomes
 * `<at>Name</at>` (with a matching entity on the card); someone without one is shown in bold.
 */
export interface CardInline {
  /** A TextBlock's text: card markdown with `<at>` mentions. */
  markdown(text: string): string;
  /**
   * A Fact value: card markdown, mentions as bold names. Teams documents mentions for TextBlocks;
   * a fact showing a literal "<at>Jan</at>" would be worse than a name without a notification.
   */
  fact(text: string): string;
  /** Titles, button labels and the fallback text: markup stripped, mentions as `@Name`. */
  plain(text: string): string;
  /** The entity for each `<at>` text handed out, by that text. */
  entities: Map<string, MentionEntity>;
}

export function cardInline(mentions: Mentions | undefined): CardInline {
  const entities = new Map<string, MentionEntity>();
  const bold = (name: string) => `**${name}**`;
  return {
    entities,
    markdown: (text) =>
      replaceMentions(toCardMarkdown(text), mentions, (person) => {
        const teamsId = person.teamsUserId?.trim();
        // Teams matches an entity to the text by the `<at>` text alone; angle brackets would end the tag.
        const name = person.name.replace(/[<>]/g, "").trim();
        if (!teamsId || !name) return bold(person.name);
        const at = `<at>${name}</at>`;
        const taken = entities.get(at);
        // Two people with the same name cannot both be told apart by their `<at>` text: the second
        // one is shown in bold instead of being announced as the first.
        if (taken && taken.mentioned.id !== teamsId) return bold(person.name);
        entities.set(at, { type: "mention", text: at, mentioned: { id: teamsId, name: person.name } });
        return at;
      }),
    fact: (text) => replaceMentions(toCardMarkdown(text), mentions, (person) => bold(person.name)),
    plain: (text) => mentionsAsText(plainText(text), mentions),
  };
}

/**
 * The card's `msteams` object: full width for tables, and one mention entity for each `<at>` the
 * body still shows (a card that was shortened may have lost some).
 */
export function setMsteams(card: AdaptiveCard, fullWidth: boolean, inline: CardInline): void {
  const bodyJson = JSON.stringify(card.body);
  const entities = [...inline.entities.values()].filter((entity) =>
    bodyJson.includes(JSON.stringify(entity.text).slice(1, -1)),
  );
  const msteams = {
    ...(fullWidth ? { width: "Full" as const } : {}),
    ...(entities.length > 0 ? { entities } : {}),
  };
  if (Object.keys(msteams).length > 0) card.msteams = msteams;
  else delete card.msteams;
}
