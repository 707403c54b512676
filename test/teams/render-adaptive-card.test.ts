import { describe, expect, it } from "vitest";
import { pulseForm } from "../../src/actions/pulse-actions.ts";
import { toCardMarkdown } from "../../src/views/adaptive-card-text.ts";
import type { Message } from "../../src/views/message.ts";
import { CARD_MAX_BYTES, cardBytes, renderAdaptiveCard } from "../../src/views/render-adaptive-card.ts";
import { renderFormCard } from "../../src/views/render-form-card.ts";
import { adaptiveCardProblems, cardActions, cardText } from "../support/teams-cards.ts";

const everyBlock: Message = {
  text: "Acme: 31/100 risico",
  blocks: [
    { type: "header", text: "Acme" },
    { type: "text", text: "🔴 **31/100** · risico · trend −12\nTweede regel met `code`" },
    {
      type: "fields",
      fields: [
        { label: "Omzet (12 mnd)", value: "€ 120.000" },
        { label: "Accountmanager", value: "_Jan de Vries_" },
      ],
    },
    { type: "divider" },
    {
      type: "bullets",
      items: ["betaalgedrag: 18 dagen te laat", "1. Keuken is een klantnaam"],
      moreLabel: "+2 meer",
    },
    { type: "sparkline", label: "Score, laatste 13 weken", values: [80, 70, 55, 40, 31] },
    {
      type: "table",
      columns: ["Klant", "Score"],
      rows: [
        ["Acme", "31"],
        ["Bakker Bouw B.V.", "38"],
      ],
    },
    {
      type: "actions",
      actions: [
        { id: "pulse.add", label: "Notitie / pulse", value: { customerId: 7 } },
        { id: "card.share", label: "Deel in kanaal", value: { customerId: 7 }, style: "primary" },
        { id: "alert.snooze", label: "Snooze", value: { alertId: 3 }, style: "danger" },
      ],
    },
    { type: "context", text: "K-1001 · berekend op 25-11-2026" },
  ],
};

describe("Adaptive Card renderer", () => {
  it("renders every block type as a valid schema 1.5 card", () => {
    const card = renderAdaptiveCard(everyBlock, { locale: "nl" });
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(card).toMatchObject({ type: "AdaptiveCard", version: "1.5", fallbackText: "Acme: 31/100 risico" });
    expect(card.msteams).toEqual({ width: "Full" });
    const types = card.body.map((element) => element.type);
    expect(types).toEqual([
      "TextBlock", // header
      "TextBlock", // text, line 1
      "TextBlock", // text, line 2
      "FactSet",
      "TextBlock", // bullet
      "TextBlock", // bullet
      "TextBlock", // +2 meer
      "TextBlock", // sparkline label
      "TextBlock", // sparkline
      "Table",
      "ActionSet",
      "TextBlock", // context
    ]);
    expect(card.body[0]).toMatchObject({ text: "Acme", style: "heading", weight: "Bolder" });
    expect(card.body[2]?.text).toBe("Tweede regel met code");
    expect(card.body[4]).toMatchObject({ separator: true }); // the divider
    expect(card.body[5]?.text).toBe("• 1. Keuken is een klantnaam");
    expect(card.body[6]?.text).toBe("+2 meer");
    expect(card.body[8]).toMatchObject({ text: "▇▆▅▄▃  (80 → 31)", fontType: "Monospace" });
    expect(card.body.at(-1)).toMatchObject({ size: "Small", isSubtle: true });
  });

  it("makes buttons Universal Actions with the neutral id as verb and the value as data", () => {
    const card = renderAdaptiveCard(everyBlock, { locale: "nl" });
    expect(cardActions(card)).toEqual([
      { title: "Notitie / pulse", verb: "pulse.add", data: { customerId: 7 } },
      { title: "Deel in kanaal", verb: "card.share", data: { customerId: 7 } },
      { title: "Snooze", verb: "alert.snooze", data: { alertId: 3 } },
    ]);
    const set = card.body.find((element) => element.type === "ActionSet") as unknown as {
      actions: Array<{ style?: string }>;
    };
    expect(set.actions.map((action) => action.style)).toEqual([undefined, "positive", "destructive"]);
  });

  it("keeps at most five buttons per row, as Teams shows no more", () => {
    const message: Message = {
      text: "Welke?",
      blocks: [
        {
          type: "actions",
          actions: Array.from({ length: 8 }, (_, index) => ({
            id: "customer.open" as const,
            label: `Klant ${index}`,
            value: { customerId: index + 1 },
          })),
        },
      ],
    };
    const card = renderAdaptiveCard(message, { locale: "nl" });
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(card.body.map((set) => (set.actions as unknown[]).length)).toEqual([5, 3]);
  });

  it("keeps the neutral bold and italic markup and escapes what would become a list", () => {
    expect(toCardMarkdown("**31/100** _risico_ `x`")).toBe("**31/100** _risico_ x");
    expect(toCardMarkdown("1. Keuken")).toBe("1\\. Keuken");
    expect(toCardMarkdown("- streep")).toBe("\\- streep");
  });

  it("cuts long tables and lists with '+N more' and stays under the size budget", () => {
    const rows = Array.from({ length: 400 }, (_, index) => [
      `Klant met een behoorlijk lange naam nummer ${index}`,
      String(index % 100),
      "€ 1.234.567",
      "Jan de Vries",
      "betaalt gemiddeld 18 dagen te laat (was 3) en bestelt 45 % minder vaak dan vorig jaar",
    ]);
    const message: Message = {
      text: "Risico",
      blocks: [
        { type: "header", text: "Klanten met risico" },
        {
          type: "table",
          columns: ["Klant", "Score", "Omzet", "Eigenaar", "Reden"],
          rows,
          moreLabel: "+10 meer",
        },
        { type: "bullets", items: rows.map((row) => row[4]!) },
      ],
    };
    const card = renderAdaptiveCard(message, { locale: "en" });
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(cardBytes(card)).toBeLessThanOrEqual(CARD_MAX_BYTES);
    const table = card.body.find((element) => element.type === "Table") as unknown as { rows: unknown[] };
    const shownRows = table.rows.length - 1;
    expect(shownRows).toBeGreaterThan(0);
    // The message had already left out 10; the renderer adds the rows it cut.
    expect(cardText(card)).toContain(`+${400 - shownRows + 10} more`);
    expect(cardText(card)).toMatch(/\+\d+ more/);
  });

  it("shortens a card with very many blocks instead of letting Teams reject it", () => {
    const message: Message = {
      text: "Veel",
      blocks: Array.from({ length: 600 }, (_, index) => ({
        type: "text" as const,
        text: `Regel ${index} ${"x".repeat(80)}`,
      })),
    };
    const card = renderAdaptiveCard(message, { locale: "nl" });
    expect(cardBytes(card)).toBeLessThanOrEqual(CARD_MAX_BYTES);
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(card.body.at(-1)?.text).toMatch(/Kaart ingekort/);
  });

  it("renders a form (the pulse) with inputs and a Universal Action submit", () => {
    const form = pulseForm(
      {
        id: "pulse.add",
        value: { customerId: 7 },
        user: { id: 1, name: "Jan", email: "j@x", role: "MANAGER", locale: "nl" },
        locale: "nl",
      },
      "Acme",
      { customerId: 7 },
    );
    const card = renderFormCard(form, { locale: "nl" });
    expect(adaptiveCardProblems(card)).toEqual([]);
    const [title, score, comment] = card.body;
    expect(title?.text).toBe("Klantpulse");
    expect(score).toMatchObject({
      type: "Input.ChoiceSet",
      id: "form.score",
      isRequired: true,
      style: "compact",
    });
    expect(score?.choices).toHaveLength(11);
    expect(comment).toMatchObject({
      type: "Input.Text",
      id: "form.comment",
      isMultiline: true,
      maxLength: 1000,
    });
    expect(card.actions).toEqual([
      {
        type: "Action.Execute",
        title: "Opslaan",
        verb: "pulse.submit",
        data: { customerId: 7 },
        style: "positive",
        associatedInputs: "auto",
      },
    ]);
    const withErrors = renderFormCard(form, {
      locale: "nl",
      errors: { score: "Kies een score van 0 t/m 10." },
      values: { score: "7", comment: "ok" },
    });
    expect(adaptiveCardProblems(withErrors)).toEqual([]);
    expect(withErrors.body[1]).toMatchObject({ text: "Kies een score van 0 t/m 10.", color: "Attention" });
    expect(withErrors.body[2]).toMatchObject({ value: "7", errorMessage: "Kies een score van 0 t/m 10." });
  });

  it("flags cards that break the rules (the checker itself)", () => {
    expect(adaptiveCardProblems({ type: "AdaptiveCard", version: "1.6", body: [{ type: "Bogus" }] })).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Unknown element type "Bogus"/),
        "version 1.6 is not 1.5",
      ]),
    );
    const badVerb = renderAdaptiveCard(everyBlock, { locale: "nl" });
    (cardActionsOf(badVerb)[0] as { verb: string }).verb = "drop.table";
    expect(adaptiveCardProblems(badVerb)).toContain(
      'Action.Execute verb "drop.table" is not a neutral action id',
    );
  });
});

function cardActionsOf(card: ReturnType<typeof renderAdaptiveCard>): unknown[] {
  return card.body.flatMap((element) => (element.type === "ActionSet" ? (element.actions as unknown[]) : []));
}

describe("Adaptive Card mentions", () => {
  const mentions: Message["mentions"] = {
    "user:2": {
      name: "Jan de Vries",
      slackUserId: "U0JAN2",
      teamsUserId: "00000000-0000-0000-0000-0000000000a2",
    },
    "user:3": { name: "Pieter Bakker", slackUserId: "U0PIET", teamsUserId: null },
    "user:4": { name: "Jan de Vries", teamsUserId: "00000000-0000-0000-0000-0000000000a4" },
  };
  const message: Message = {
    text: "Niet opgepakt: @[user:2]",
    mentions,
    blocks: [
      { type: "text", text: "Eigenaar: @[user:2], @[user:3]" },
      { type: "bullets", items: ["Acme · @[user:2] · 5 dagen", "Bakker · @[user:3] · 4 dagen"] },
      { type: "fields", fields: [{ label: "Eigenaar", value: "@[user:2]" }] },
      { type: "table", columns: ["Klant", "Eigenaar"], rows: [["Acme", "@[user:2]"]] },
      {
        type: "actions",
        actions: [{ id: "customer.open", label: "Bel @[user:2]", value: { customerId: 1 } }],
      },
      { type: "context", text: "naamgenoot: @[user:4]" },
    ],
  };

  it("puts <at>Name</at> in the TextBlocks and one mention entity per person with a Teams id", () => {
    const card = renderAdaptiveCard(message, { locale: "nl" });
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(card.body[0]?.text).toBe("Eigenaar: <at>Jan de Vries</at>, **Pieter Bakker**");
    expect(card.body[1]?.text).toBe("• Acme · <at>Jan de Vries</at> · 5 dagen");
    expect(card.body[2]?.text).toBe("• Bakker · **Pieter Bakker** · 4 dagen");
    expect(card.msteams).toEqual({
      width: "Full",
      entities: [
        {
          type: "mention",
          text: "<at>Jan de Vries</at>",
          mentioned: { id: "00000000-0000-0000-0000-0000000000a2", name: "Jan de Vries" },
        },
      ],
    });
    // Facts, buttons and the fallback text get the name, not a tag Teams would show literally.
    expect(card.body[3]).toMatchObject({ type: "FactSet", facts: [{ value: "**Jan de Vries**" }] });
    expect(cardActions(card)[0]?.title).toBe("Bel @Jan de Vries");
    expect(card.fallbackText).toBe("Niet opgepakt: @Jan de Vries");
    expect(cardText(card)).toContain("<at>Jan de Vries</at>"); // the table cell
    // A namesake with another Teams id cannot share the same <at> text: shown in bold instead.
    expect(card.body.at(-1)?.text).toBe("naamgenoot: **Jan de Vries**");
    expect(JSON.stringify(card)).not.toContain("@[user:");
  });

  it("a card without mentions has no entities, and no msteams at all without a table", () => {
    const card = renderAdaptiveCard(
      { text: "x", mentions, blocks: [{ type: "text", text: "@[user:3] alleen" }] },
      { locale: "nl" },
    );
    expect(card.body[0]?.text).toBe("**Pieter Bakker** alleen");
    expect(card.msteams).toBeUndefined();
    expect(adaptiveCardProblems(card)).toEqual([]);
  });

  it("keeps entities in step with what a shortened card still shows", () => {
    const long: Message = {
      text: "veel",
      mentions,
      blocks: [
        ...Array.from({ length: 600 }, (_, index) => ({
          type: "text" as const,
          text: `Regel ${index} ${"x".repeat(80)}`,
        })),
        { type: "text", text: "Laatste regel voor @[user:2]" },
      ],
    };
    const card = renderAdaptiveCard(long, { locale: "nl" });
    expect(cardBytes(card)).toBeLessThanOrEqual(CARD_MAX_BYTES);
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(JSON.stringify(card.body)).not.toContain("<at>");
    expect(card.msteams).toBeUndefined();
    // Cut in the middle of a token: the half token goes, nothing unresolved is shown.
    const cutCard = renderAdaptiveCard(
      { text: "x", mentions, blocks: [{ type: "context", text: `${"y".repeat(1996)}@[user:2]` }] },
      { locale: "nl" },
    );
    expect(cutCard.body[0]?.text).toBe(`${"y".repeat(1996)}…`);
    expect(cutCard.msteams).toBeUndefined();
  });
});
