import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { readRData } from "../../scripts/datasets/r-data.ts";

/** A minimal writer of R's XDR serialization, enough to build the data frames the reader must understand. */
class XdrWriter {
  private readonly parts: Buffer[] = [];
  private symbols: string[] = [];

  int(value: number): this {
    const buffer = Buffer.alloc(4);
    buffer.writeInt32BE(value);
    this.parts.push(buffer);
    return this;
  }

  double(value: number): this {
    const buffer = Buffer.alloc(8);
    buffer.writeDoubleBE(value);
    this.parts.push(buffer);
    return this;
  }

  raw(text: string): this {
    this.parts.push(Buffer.from(text, "utf8"));
    return this;
  }

  charsxp(value: string | null): this {
    this.int(9 | (1 << 15)); // CHARSXP, UTF-8 flag in the levels
    if (value === null) return this.int(-1);
    return this.int(Buffer.byteLength(value)).raw(value);
  }

  /** A symbol: written in full the first time, as a reference (REFSXP) after that. */
  symbol(name: string): this {
    const index = this.symbols.indexOf(name);
    if (index >= 0) return this.int(((index + 1) << 8) | 255);
    this.symbols.push(name);
    return this.int(1).charsxp(name);
  }

  strings(values: (string | null)[]): this {
    this.int(16).int(values.length);
    for (const value of values) this.charsxp(value);
    return this;
  }

  /** A pairlist of tagged attributes, ending in NULL. */
  attributes(entries: [string, (writer: XdrWriter) => void][]): this {
    for (const [tag, write] of entries) {
      this.int(2 | (1 << 10)).symbol(tag);
      write(this);
    }
    return this.int(254);
  }

  bytes(): Buffer {
    return Buffer.concat(this.parts);
  }
}

function dataFrameFile(): Buffer {
  const w = new XdrWriter();
  w.raw("RDX2\nX\n").int(2).int(0x040200).int(0x020300);
  // The top-level pairlist: one object called `elog`.
  w.int(2 | (1 << 10)).symbol("elog");
  w.int(19 | (1 << 8) | (1 << 9)).int(3); // a list of three columns, with attributes
  // cust: a factor
  w.int(13 | (1 << 8) | (1 << 9))
    .int(3)
    .int(2)
    .int(1)
    .int(-2147483648)
    .attributes([
      ["levels", (x) => x.strings(["10", "7"])],
      ["class", (x) => x.strings(["factor"])],
    ]);
  // date: a Date column (days since 1970-01-01)
  w.int(14 | (1 << 8) | (1 << 9))
    .int(3)
    .double(13149)
    .double(13514)
    .double(Number.NaN)
    .attributes([["class", (x) => x.strings(["Date"])]]);
  // sales: plain doubles
  w.int(14).int(3).double(12.5).double(0).double(Number.NaN);
  w.attributes([
    ["names", (x) => x.strings(["cust", "date", "sales"])],
    ["row.names", (x) => x.int(13).int(2).int(-2147483648).int(-3)],
    ["class", (x) => x.strings(["data.frame"])],
  ]);
  w.int(254);
  return w.bytes();
}

describe("readRData", () => {
  it("reads a data frame with factor, Date and numeric columns from a gzip-compressed .rda", () => {
    const [frame, ...others] = readRData(gzipSync(dataFrameFile()));
    expect(others).toEqual([]);
    expect(frame!.name).toBe("elog");
    expect(frame!.rows).toBe(3);
    expect(frame!.columns.get("cust")).toEqual({ kind: "factor", values: ["7", "10", null] });
    expect(frame!.columns.get("date")).toEqual({ kind: "date", values: ["2006-01-01", "2007-01-01", null] });
    expect(frame!.columns.get("sales")).toEqual({ kind: "double", values: [12.5, 0, null] });
  });

  it("refuses a file that is not R data", () => {
    expect(() => readRData(Buffer.from("external_id,name\n1,Acme\n"))).toThrow(/not an R data file/);
  });
});
