import { describe, expect, it } from "vitest";
import { checkBlockKit } from "../../src/dev/check-block-kit.ts";
import { cutText, toMrkdwn } from "../../src/views/block-kit-text.ts";
import type { FormSpec } from "../../src/views/chat.ts";
import type { Message, MessageBlock } from "../../src/views/message.ts";
import { renderBlockKit } from "../../src/views/render-block-kit.ts";
import { renderFormModal, renderHomeView, renderMessageModal } from "../../src/views/render-slack-views.ts";
import { decodeActionId, encodeActionId } from "../../src/views/slack-action-ids.ts";

const card: Message = {
  text: "Acme: 31/100 at risk",
  ephemeral: true,
  blocks: [
    { type: "header", text: "Acme" },
    { type: "text", text: "🔴 **31/100** · at risk · trend −12" },
    {
      type: "fields",
      fields: [
        { label: "Revenue", value: "€ 120.000" },
        { label: "Owner", value: "Jan de Vries" },
      ],
    },
    { type: "bullets", items: ["payment: pays 18 days late (was 3)", "NPS: 4 (detractor)"] },
    { type: "sparkline", label: "Score", values: [80, 70, 50, 31] },
    {
      type: "actions",
      actions: [
        { id: "pulse.add", label: "Note / pulse", value: { customerId: 1 } },
        { id: "card.share", label: "Share in channel", value: { customerId: 1 }, style: "primary" },
      ],
    },
    { type: "context", text: "K-1001 · computed on 2026-11-25" },
  ],
};

function texts(blocks: unknown[]): string {
  return JSON.stringify(blocks);
}

describe("renderBlockKit", () => {
  it("renders a health card that passes every limit, with fallback text and Slack markup", () => {
    const out = renderBlockKit(card, { locale: "en" });
    expect(checkBlockKit(out, "message")).toEqual([]);
    expect(out.text).toBe("Acme: 31/100 at risk");
    expect(out.blocks.map((block) => block.type)).toEqual([
      "header",
      "section",
      "section",
      "section",
      "context",
      "actions",
      "context",
    ]);
    expect(texts(out.blocks)).toContain("*31/100*");
    expect(texts(out.blocks)).not.toContain("**");
    const actions = out.blocks.find((block) => block.type === "actions");
    expect(actions).toMatchObject({
      elements: [
        { type: "button", action_id: "pulse.add:0", value: '{"customerId":1}' },
        { type: "button", action_id: "card.share:1", style: "primary" },
      ],
    });
  });

  it("escapes &, < and > and converts bold", () => {
    expect(toMrkdwn("**A & B** <klant> `x`")).toBe("*A &amp; B* &lt;klant&gt; `x`");
  });

  it("cuts a long bullet list inside one section with +N more that adds up", () => {
    const items = Array.from({ length: 200 }, (_, index) => `reason ${index} ${"x".repeat(90)}`);
    const out = renderBlockKit({ text: "t", blocks: [{ type: "bullets", items }] }, { locale: "en" });
    expect(checkBlockKit(out, "message")).toEqual([]);
    expect(out.blocks).toHaveLength(1);
    const text = (out.blocks[0] as { text: { text: string } }).text.text;
    expect(text.length).toBeLessThanOrEqual(3000);
    const shown = text.split("\n").filter((line) => line.startsWith("•")).length;
    const more = Number(/\+(\d+) more/.exec(text)?.[1]);
    expect(shown + more).toBe(200);
  });

  it("keeps the command's own moreLabel", () => {
    const out = renderBlockKit(
      { text: "t", blocks: [{ type: "bullets", items: ["a"], moreLabel: "+3 more" }] },
      { locale: "en" },
    );
    expect(texts(out.blocks)).toContain("• a\\n+3 more");
  });

  it("stays under 50 blocks, says how many were left out and keeps the buttons", () => {
    const blocks: MessageBlock[] = Array.from({ length: 80 }, (_, index) => ({
      type: "context",
      text: `line ${index}`,
    }));
    blocks.push({
      type: "actions",
      actions: [{ id: "customer.open", label: "Open", value: { customerId: 9 } }],
    });
    const out = renderBlockKit({ text: "t", blocks }, { locale: "nl" });
    expect(checkBlockKit(out, "message")).toEqual([]);
    expect(out.blocks).toHaveLength(50);
    expect(out.blocks.at(-1)?.type).toBe("actions");
    expect(texts(out.blocks)).toContain("+32 meer");
  });

  it("splits over-long text, fields, tables and buttons within limits", () => {
    const message: Message = {
      text: "x".repeat(50_000),
      blocks: [
        { type: "header", text: "H".repeat(400) },
        { type: "text", text: Array.from({ length: 300 }, () => "y".repeat(60)).join("\n") },
        { type: "text", text: "z".repeat(9000) },
        {
          type: "fields",
          fields: Array.from({ length: 23 }, (_, index) => ({ label: `L${index}`, value: "v".repeat(2500) })),
        },
        {
          type: "table",
          columns: ["Customer", "Score", "Reason"],
          rows: Array.from({ length: 50 }, (_, index) => [`C${index}`, "12", "r".repeat(300)]),
          moreLabel: "+7 more",
        },
        {
          type: "actions",
          actions: Array.from({ length: 30 }, (_, index) => ({
            id: "customer.open" as const,
            label: `Open: ${"N".repeat(100)} ${index}`,
            value: { customerId: index },
          })),
        },
      ],
    };
    const out = renderBlockKit(message, { locale: "en" });
    expect(checkBlockKit(out, "message")).toEqual([]);
    expect(out.text.length).toBeLessThanOrEqual(3000);
    expect(out.blocks.filter((block) => block.type === "actions")).toHaveLength(2);
  });

  it("drops a button whose value is over 2000 chars instead of sending it", () => {
    const out = renderBlockKit(
      {
        text: "t",
        blocks: [
          {
            type: "actions",
            actions: [
              { id: "card.share", label: "Share", value: { command: "klant-kpi", args: "a".repeat(2100) } },
              { id: "customer.open", label: "Open", value: { customerId: 1 } },
            ],
          },
        ],
      },
      { locale: "en" },
    );
    expect(checkBlockKit(out, "message")).toEqual([]);
    expect(out.blocks[0]).toMatchObject({ elements: [{ action_id: "customer.open:0" }] });
  });

  it("always sets a fallback text", () => {
    const out = renderBlockKit({ text: "  ", blocks: [{ type: "header", text: "Title" }] }, { locale: "en" });
    expect(out.text).toBe("Title");
  });

  it("encodes and decodes neutral action ids", () => {
    expect(encodeActionId("customer.open", 3)).toBe("customer.open:3");
    expect(decodeActionId("customer.open:3")).toBe("customer.open");
    expect(decodeActionId("pulse.add")).toBe("pulse.add");
    expect(decodeActionId("evil.thing:1")).toBeNull();
  });
});

describe("views", () => {
  it("renders the pulse form as a modal within limits, inputs keyed by field id", () => {
    const form: FormSpec = {
      submitAction: "pulse.submit",
      title: "A title that is much longer than twenty-four characters",
      submitLabel: "Save",
      value: { customerId: 1 },
      fields: [
        {
          id: "score",
          type: "choice",
          label: "How likely…",
          required: true,
          options: Array.from({ length: 11 }, (_, score) => ({ value: String(score), label: String(score) })),
        },
        { id: "comment", type: "text", label: "Comment", multiline: true, required: false, maxLength: 1000 },
      ],
    };
    const view = renderFormModal(form, { locale: "en", privateMetadata: '{"v":1}' });
    expect(checkBlockKit(view, "modal")).toEqual([]);
    expect(view.callback_id).toBe("pulse.submit");
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.blocks.map((block) => block.block_id)).toEqual(["score", "comment"]);
    expect(view.blocks[1]).toMatchObject({
      optional: true,
      element: { type: "plain_text_input", max_length: 1000 },
    });
  });

  it("renders message modals and the home tab within the 100-block budget", () => {
    const blocks: MessageBlock[] = Array.from({ length: 150 }, (_, index) => ({
      type: "text",
      text: `${index}`,
    }));
    const home = renderHomeView({ text: "home", blocks }, "en");
    expect(checkBlockKit(home, "home")).toEqual([]);
    expect(home.blocks).toHaveLength(100);
    const modal = renderMessageModal(card, { locale: "nl", title: "Klantpuls" });
    expect(checkBlockKit(modal, "modal")).toEqual([]);
  });
});

describe("mentions", () => {
  const mentions: Message["mentions"] = {
    "user:2": { name: "Jan de Vries", slackUserId: "U0JAN2", teamsUserId: "aad-jan" },
    "user:3": { name: "Pieter <Bakker>", slackUserId: null },
    "user:4": { name: "Lotte", slackUserId: "not-a-slack-id" },
  };
  const message: Message = {
    text: "Niet opgepakt: @[user:2] en @[user:3]",
    mentions,
    blocks: [
      { type: "header", text: "Voor @[user:2]" },
      { type: "text", text: "Eigenaar: @[user:2], @[user:3] en @[user:4]" },
      { type: "bullets", items: ["Acme · @[user:2] · 5 dagen", "Bakker · @[user:3] · 4 dagen"] },
      { type: "fields", fields: [{ label: "Eigenaar", value: "@[user:3]" }] },
      { type: "context", text: "@[user:2] · @[user:9]" },
    ],
  };

  it("mentions people with a Slack id as <@U…>, others in bold, and the fallback text as @Name", () => {
    const out = renderBlockKit(message, { locale: "nl" });
    expect(checkBlockKit(out, "message")).toEqual([]);
    const json = texts(out.blocks);
    expect(out.blocks[0]).toMatchObject({ text: { type: "plain_text", text: "Voor @Jan de Vries" } });
    expect(out.blocks[1]).toMatchObject({
      text: { text: "Eigenaar: <@U0JAN2>, *Pieter &lt;Bakker&gt;* en *Lotte*" },
    });
    expect(json).toContain("• Acme · <@U0JAN2> · 5 dagen");
    expect(json).toContain("• Bakker · *Pieter &lt;Bakker&gt;* · 4 dagen");
    expect(json).toContain("<@U0JAN2> · @[user:9]");
    expect(json).not.toContain("@[user:2]");
    expect(out.text).toBe("Niet opgepakt: @Jan de Vries en @Pieter &lt;Bakker&gt;");
  });

  it("never cuts a mention in half when a line is too long", () => {
    expect(cutText(`${"x".repeat(20)} <@U0JAN2>`, 26)).toBe(`${"x".repeat(20)} …`);
    const long: Message = {
      text: "lang",
      mentions,
      blocks: [{ type: "text", text: `${"x".repeat(2994)}@[user:2]` }],
    };
    const out = renderBlockKit(long, { locale: "nl" });
    expect(checkBlockKit(out, "message")).toEqual([]);
    expect(texts(out.blocks)).not.toMatch(/<@U0J?A?N?…/);
  });

  it("stays within limits with many mentions in a long list", () => {
    const many: Message = {
      text: "veel",
      mentions,
      blocks: [
        {
          type: "bullets",
          items: Array.from({ length: 300 }, (_, i) => `Klant ${i} · @[user:2] · @[user:3]`),
        },
      ],
    };
    const out = renderBlockKit(many, { locale: "nl" });
    expect(checkBlockKit(out, "message")).toEqual([]);
    expect(texts(out.blocks)).toMatch(/\+\d+ meer/);
  });
});

describe("checkBlockKit", () => {
  it("reports what Slack would reject", () => {
    const problems = checkBlockKit(
      {
        blocks: [
          { type: "header", text: { type: "plain_text", text: "h".repeat(151) } },
          { type: "section", text: { type: "mrkdwn", text: "s".repeat(3001) } },
          {
            type: "section",
            fields: Array.from({ length: 11 }, () => ({ type: "mrkdwn", text: "f" })),
          },
          {
            type: "actions",
            elements: [
              { type: "button", action_id: "a", text: { type: "plain_text", text: "b".repeat(76) } },
              { type: "button", action_id: "a", text: { type: "plain_text", text: "ok" } },
            ],
          },
        ],
      },
      "message",
    );
    expect(problems).toEqual([
      "text: fallback text missing",
      "blocks[0].text.text: 151 > 150 chars",
      "blocks[1].text.text: 3001 > 3000 chars",
      "blocks[2].fields: 11 > 10 fields",
      "blocks[3].elements[0].text.text: 76 > 75 chars",
      'blocks[3].elements[1].action_id: duplicate action_id "a" in one block',
    ]);
    expect(
      checkBlockKit(
        { text: "t", blocks: Array.from({ length: 51 }, () => ({ type: "divider" })) },
        "message",
      ),
    ).toEqual(["blocks: 51 > 50 blocks"]);
    expect(
      checkBlockKit(
        {
          type: "modal",
          title: { type: "plain_text", text: "t".repeat(25) },
          private_metadata: "m".repeat(3001),
          blocks: [],
        },
        "modal",
      ),
    ).toEqual(["title.text: 25 > 24 chars", "private_metadata: 3001 > 3000 chars"]);
  });
});
