import { describe, expect, it } from "vitest";
import { BinaryArrayBuilder, isoToPostgresDay } from "../../src/services/import-stage-binary.ts";

// The round trip through PostgreSQL is covered by every import test on PostgreSQL (text with
// accents, empty dates, negative amounts); these pin the encoding itself.
describe("binary staging arrays", () => {
  it("counts dates from 2000-01-01 like PostgreSQL", () => {
    expect(isoToPostgresDay("2000-01-01")).toBe(0);
    expect(isoToPostgresDay("1999-12-31")).toBe(-1);
    expect(isoToPostgresDay("2026-03-01")).toBe(9556);
    expect(() => isoToPostgresDay("2026-3-1")).toThrow(RangeError);
  });

  it("writes array_recv's layout: header, then length-prefixed elements, -1 for NULL", () => {
    const builder = new BinaryArrayBuilder("text");
    builder.push("é");
    builder.push(null);
    const bytes = builder.finish();
    expect([...bytes.subarray(0, 20)]).toEqual([0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 25, 0, 0, 0, 2, 0, 0, 0, 1]);
    expect([...bytes.subarray(20)]).toEqual([0, 0, 0, 2, 0xc3, 0xa9, 255, 255, 255, 255]);
  });

  it("grows past its first buffer and refuses integers beyond int4", () => {
    const builder = new BinaryArrayBuilder("int");
    for (let i = 0; i < 20_000; i += 1) builder.push(i);
    expect(builder.finish().length).toBe(20 + 20_000 * 8);
    expect(() => new BinaryArrayBuilder("int").push(2 ** 31)).toThrow(RangeError);
  });
});
