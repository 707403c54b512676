import { describe, expect, it } from "vitest";
import { AdaptiveDecoder, detectDelimiter, TextEncodingError } from "../../src/import/text-decoding.ts";

function decodeInChunks(bytes: Uint8Array, size: number, forced?: "windows-1252") {
  const decoder = new AdaptiveDecoder(forced);
  let text = "";
  for (let i = 0; i < bytes.length; i += size) text += decoder.push(bytes.subarray(i, i + size));
  text += decoder.end();
  return { text, encoding: decoder.encoding };
}

describe("AdaptiveDecoder", () => {
  const utf8 = Buffer.from("naam;plaats\nCafé Hôtel Léon;’s-Hertogenbosch 😀\n", "utf8");
  it.each([1, 2, 3, 7, 1000])("reads UTF-8 split into %i-byte chunks", (size) => {
    expect(decodeInChunks(utf8, size)).toEqual({ text: utf8.toString("utf8"), encoding: "utf-8" });
  });

  it("removes a UTF-8 byte-order mark", () => {
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("a;b\n")]);
    expect(decodeInChunks(withBom, 1)).toEqual({ text: "a;b\n", encoding: "utf-8" });
  });

  it("reads Excel's UTF-16 LE with BOM", () => {
    const bytes = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from("naam\tbedrag\nCafé\t1,5\n", "utf16le"),
    ]);
    expect(decodeInChunks(bytes, 3)).toEqual({ text: "naam\tbedrag\nCafé\t1,5\n", encoding: "utf-16le" });
  });

  it("switches to Windows-1252 when the bytes are not UTF-8, even late in the file", () => {
    const ascii = "x".repeat(100_000);
    const bytes = Buffer.concat([
      Buffer.from(`${ascii}\n`),
      Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x80, 0x92]),
    ]);
    const { text, encoding } = decodeInChunks(bytes, 65_536);
    expect(encoding).toBe("windows-1252");
    expect(text.endsWith("Café €’")).toBe(true);
  });

  it("switches even when the first Windows-1252 byte ends a chunk", () => {
    const bytes = Buffer.from([0x61, 0xe9, 0x62, 0x0a]);
    expect(decodeInChunks(bytes, 2)).toEqual({ text: "aéb\n", encoding: "windows-1252" });
  });

  it("refuses a file that mixes real UTF-8 with Windows-1252", () => {
    const bytes = Buffer.concat([Buffer.from("Café\n", "utf8"), Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x0a])]);
    expect(() => decodeInChunks(bytes, 4)).toThrow(TextEncodingError);
  });

  it("follows a forced encoding", () => {
    expect(decodeInChunks(Buffer.from([0x43, 0x61, 0x66, 0xe9]), 2, "windows-1252").text).toBe("Café");
  });

  it("handles empty input", () => {
    expect(decodeInChunks(new Uint8Array(0), 1)).toEqual({ text: "", encoding: "utf-8" });
  });
});

describe("detectDelimiter", () => {
  it.each([
    ["Factuurnummer;Klantnummer;Bedrag\n1;2;3,50", ";"],
    ["a,b,c\n1,2,3", ","],
    ["a\tb\tc\n", "\t"],
    ["a|b|c\n", "|"],
    ['"Naam, voluit";Plaats;Bedrag\n', ";"],
    ['"a;b",c,d\n', ","],
    ["single\n1\n", ","],
  ])("%j → %j", (sample, expected) => {
    expect(detectDelimiter(sample)).toBe(expected);
  });
});
