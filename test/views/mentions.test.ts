import { describe, expect, it } from "vitest";
import {
  dropPartialMention,
  type Mentions,
  type Message,
  mention,
  mentionsAsText,
  replaceMentions,
  withMentions,
} from "../../src/views/message.ts";
import { renderText } from "../../src/views/render-text.ts";

describe("mentions in the neutral message", () => {
  it("mention() registers the person once per key and returns the token", () => {
    const mentions: Mentions = {};
    const jan = { name: "Jan de Vries", slackUserId: "U0JAN", teamsUserId: null };
    expect(mention(mentions, "user:2", jan)).toBe("@[user:2]");
    expect(mention(mentions, "user:2", jan)).toBe("@[user:2]");
    expect(mentions).toEqual({ "user:2": jan });
    expect(() => mention(mentions, "user_2", jan)).toThrow(/mention key/);
    expect(withMentions({})).toEqual({});
    expect(withMentions(mentions)).toEqual({ mentions });
  });

  it("replaces known tokens only; unknown keys and inherited names stay as written", () => {
    const mentions: Mentions = { "user:2": { name: "Jan" } };
    expect(mentionsAsText("@[user:2] en @[user:3] en @[toString]", mentions)).toBe(
      "@Jan en @[user:3] en @[toString]",
    );
    expect(mentionsAsText("@[user:2]", undefined)).toBe("@[user:2]");
    expect(
      replaceMentions("a @[user:2]@[user:2] b", mentions, (person, key) => `<${key}=${person.name}>`),
    ).toBe("a <user:2=Jan><user:2=Jan> b");
  });

  it("a cut never leaves half a token", () => {
    expect(dropPartialMention("Eigenaar: @[user:1")).toBe("Eigenaar: ");
    expect(dropPartialMention("Eigenaar: @[user:1]")).toBe("Eigenaar: @[user:1]");
  });
});

describe("text renderer", () => {
  const message: Message = {
    text: "Niet opgepakt: @[user:2]",
    blocks: [
      { type: "header", text: "Voor @[user:2]" },
      { type: "text", text: "**Eigenaar:** @[user:2], daarna @[user:3]" },
      { type: "bullets", items: ["Acme · @[user:3] · 5 dagen"] },
      { type: "fields", fields: [{ label: "Eigenaar", value: "@[user:2]" }] },
      { type: "table", columns: ["Klant", "Eigenaar"], rows: [["Acme", "@[user:2]"]] },
      { type: "context", text: "onbekend: @[user:9]" },
    ],
    mentions: {
      "user:2": { name: "Jan de Vries", slackUserId: "U0JAN", teamsUserId: "aad-jan" },
      // Markup characters in a name are the name's, not markup.
      "user:3": { name: "Piet_van_Dam" },
    },
  };

  it("shows every mention as @Name, in every kind of block", () => {
    const { text } = renderText(message);
    expect(text).toContain("Voor @Jan de Vries");
    expect(text).toContain("Eigenaar: @Jan de Vries, daarna @Piet_van_Dam");
    expect(text).toContain("• Acme · @Piet_van_Dam · 5 dagen");
    expect(text).toMatch(/Eigenaar: +@Jan de Vries/);
    expect(text).toMatch(/Acme +@Jan de Vries/);
    expect(text).toContain("onbekend: @[user:9]");
    expect(text).not.toContain("@[user:2]");
  });

  it("leaves messages without mentions as they were", () => {
    const plain: Message = { text: "x", blocks: [{ type: "text", text: "mail @[iemand] **nu**" }] };
    expect(renderText(plain).text).toBe("mail @[iemand] nu");
  });
});
