/**
 * Reads the data frames in an R data file (`.rda` / `.RData`, as `save()` writes them), so a public
 * data set that ships inside an R package can be converted without installing R.
 *
 * Only what a data frame of plain columns needs is understood: the XDR ("X") serialization, format
 * versions 2 and 3, integer / double / logical / character vectors, factors, `Date` columns (days
 * since 1970-01-01), lists and pairlists. Anything else (environments, closures, byte code) is
 * refused with a clear message. The file may be gzip-, bzip2- or xz-compressed, as R writes it;
 * bzip2 and xz are decompressed with the system's `bzip2` / `xz`.
 */
import { spawnSync } from "node:child_process";
import { gunzipSync } from "node:zlib";

/** A column of a data frame, already decoded. */
export type RColumn =
  | { kind: "integer"; values: (number | null)[] }
  | { kind: "double"; values: (number | null)[] }
  | { kind: "logical"; values: (boolean | null)[] }
  | { kind: "character"; values: (string | null)[] }
  | { kind: "factor"; values: (string | null)[] }
  | { kind: "date"; values: (string | null)[] };

export interface RDataFrame {
  name: string;
  rows: number;
  columns: Map<string, RColumn>;
}

/** One decoded R object (the subset above). */
type RValue =
  | { type: "null" }
  | { type: "symbol"; name: string }
  | { type: "pairlist"; items: { tag: string | undefined; value: RValue }[]; attributes: Attributes }
  | { type: "vector"; sexp: number; values: unknown[]; attributes: Attributes };
type Attributes = Map<string, RValue>;

const NILSXP = 0;
const SYMSXP = 1;
const LISTSXP = 2;
const CHARSXP = 9;
const LGLSXP = 10;
const INTSXP = 13;
const REALSXP = 14;
const STRSXP = 16;
const VECSXP = 19;
const REFSXP = 255;
const NILVALUE_SXP = 254;
const GLOBALENV_SXP = 253;
const EMPTYENV_SXP = 242;
const BASEENV_SXP = 241;
const NA_INTEGER = -2147483648;

/** Decompresses an R data file to its serialization ("RDX2\nX\n…" or "RDX3\nX\n…"). */
export function decompressRData(bytes: Buffer): Buffer {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return gunzipSync(bytes);
  const tool =
    bytes.subarray(0, 3).toString("latin1") === "BZh"
      ? "bzip2"
      : bytes.subarray(0, 6).equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))
        ? "xz"
        : undefined;
  if (!tool) return bytes;
  const result = spawnSync(tool, ["-dc"], { input: bytes, maxBuffer: 1 << 30 });
  if (result.error || result.status !== 0) {
    throw new Error(`cannot decompress with ${tool}: ${result.error?.message ?? result.stderr.toString()}`);
  }
  return result.stdout;
}

class XdrReader {
  private offset = 0;
  private readonly refs: RValue[] = [];
  constructor(private readonly bytes: Buffer) {}

  int(): number {
    const value = this.bytes.readInt32BE(this.offset);
    this.offset += 4;
    return value;
  }

  double(): number {
    const value = this.bytes.readDoubleBE(this.offset);
    this.offset += 8;
    return value;
  }

  string(length: number): string {
    const value = this.bytes.subarray(this.offset, this.offset + length).toString("utf8");
    this.offset += length;
    return value;
  }

  length(): number {
    const length = this.int();
    if (length !== -1) return length;
    const upper = this.int();
    const lower = this.int();
    return upper * 2 ** 32 + (lower >>> 0);
  }

  header(): void {
    const format = this.string(2);
    if (format !== "X\n")
      throw new Error(`only the XDR serialization is supported, not ${JSON.stringify(format)}`);
    const version = this.int();
    this.int(); // writer's R version
    this.int(); // oldest R version that reads it
    if (version === 3)
      this.string(this.int()); // native encoding
    else if (version !== 2) throw new Error(`unsupported serialization version ${version}`);
  }

  item(): RValue {
    const flags = this.int();
    const type = flags & 0xff;
    const hasAttributes = (flags & (1 << 9)) !== 0;
    const hasTag = (flags & (1 << 10)) !== 0;
    switch (type) {
      case NILVALUE_SXP:
      case GLOBALENV_SXP:
      case EMPTYENV_SXP:
      case BASEENV_SXP:
        return { type: "null" };
      case REFSXP: {
        const index = flags >> 8 || this.int();
        const value = this.refs[index - 1];
        if (!value) throw new Error(`reference ${index} before its definition`);
        return value;
      }
      case SYMSXP: {
        const name = this.item();
        const symbol: RValue = {
          type: "symbol",
          name: name.type === "vector" ? String(name.values[0] ?? "") : "",
        };
        this.refs.push(symbol);
        return symbol;
      }
      case LISTSXP: {
        const items: { tag: string | undefined; value: RValue }[] = [];
        let attributes: Attributes = new Map();
        let more = true;
        let itemFlags = flags;
        let itemHasAttributes = hasAttributes;
        let itemHasTag = hasTag;
        while (more) {
          if (itemHasAttributes) attributes = this.attributes();
          const tag = itemHasTag ? this.item() : undefined;
          const value = this.item();
          items.push({ tag: tag?.type === "symbol" ? tag.name : undefined, value });
          // The rest of a pairlist is its CDR: read it iteratively, not recursively.
          itemFlags = this.int();
          more = (itemFlags & 0xff) === LISTSXP;
          itemHasAttributes = (itemFlags & (1 << 9)) !== 0;
          itemHasTag = (itemFlags & (1 << 10)) !== 0;
        }
        if ((itemFlags & 0xff) !== NILVALUE_SXP) throw new Error("a pairlist that does not end in NULL");
        return { type: "pairlist", items, attributes };
      }
      case CHARSXP: {
        const length = this.int();
        return {
          type: "vector",
          sexp: CHARSXP,
          values: [length === -1 ? null : this.string(length)],
          attributes: new Map(),
        };
      }
      case LGLSXP:
      case INTSXP: {
        const values = Array.from({ length: this.length() }, () => {
          const value = this.int();
          return value === NA_INTEGER ? null : type === LGLSXP ? value !== 0 : value;
        });
        return this.withAttributes(
          { type: "vector", sexp: type, values, attributes: new Map() },
          hasAttributes,
        );
      }
      case REALSXP: {
        const values = Array.from({ length: this.length() }, () => this.double());
        return this.withAttributes(
          { type: "vector", sexp: type, values, attributes: new Map() },
          hasAttributes,
        );
      }
      case STRSXP: {
        const values = Array.from({ length: this.length() }, () => {
          const element = this.item();
          return element.type === "vector" ? element.values[0] : null;
        });
        return this.withAttributes(
          { type: "vector", sexp: type, values, attributes: new Map() },
          hasAttributes,
        );
      }
      case VECSXP: {
        const values = Array.from({ length: this.length() }, () => this.item());
        return this.withAttributes(
          { type: "vector", sexp: type, values, attributes: new Map() },
          hasAttributes,
        );
      }
      case NILSXP:
        return { type: "null" };
      default:
        throw new Error(`R object type ${type} is not supported by this reader (only plain data frames are)`);
    }
  }

  private attributes(): Attributes {
    const list = this.item();
    const attributes: Attributes = new Map();
    if (list.type === "pairlist")
      for (const { tag, value } of list.items) if (tag) attributes.set(tag, value);
    return attributes;
  }

  private withAttributes(value: RValue & { type: "vector" }, hasAttributes: boolean): RValue {
    if (hasAttributes) value.attributes = this.attributes();
    return value;
  }
}

function strings(value: RValue | undefined): (string | null)[] {
  return value?.type === "vector" ? (value.values as (string | null)[]) : [];
}

function isoDay(daysSinceEpoch: number): string {
  return new Date(daysSinceEpoch * 86_400_000).toISOString().slice(0, 10);
}

function column(value: RValue): RColumn {
  if (value.type !== "vector") throw new Error("a data frame column that is not a vector");
  const classes = strings(value.attributes.get("class"));
  if (classes.includes("factor")) {
    const levels = strings(value.attributes.get("levels"));
    return {
      kind: "factor",
      values: (value.values as (number | null)[]).map((code) =>
        code === null ? null : (levels[code - 1] ?? null),
      ),
    };
  }
  if (classes.includes("Date")) {
    return {
      kind: "date",
      values: (value.values as number[]).map((days) =>
        Number.isFinite(days) ? isoDay(Math.round(days)) : null,
      ),
    };
  }
  switch (value.sexp) {
    case INTSXP:
      return { kind: "integer", values: value.values as (number | null)[] };
    case REALSXP:
      return { kind: "double", values: (value.values as number[]).map((x) => (Number.isNaN(x) ? null : x)) };
    case LGLSXP:
      return { kind: "logical", values: value.values as (boolean | null)[] };
    case STRSXP:
      return { kind: "character", values: value.values as (string | null)[] };
    default:
      throw new Error(`a data frame column of R type ${value.sexp} is not supported`);
  }
}

/** The data frames saved in an R data file, by name. */
export function readRData(fileBytes: Buffer): RDataFrame[] {
  const bytes = decompressRData(fileBytes);
  const magic = bytes.subarray(0, 5).toString("latin1");
  if (magic !== "RDX2\n" && magic !== "RDX3\n") throw new Error("not an R data file (no RDX2/RDX3 header)");
  const reader = new XdrReader(bytes.subarray(5));
  reader.header();
  const top = reader.item();
  if (top.type !== "pairlist") throw new Error("an R data file whose top level is not a list of objects");
  const frames: RDataFrame[] = [];
  for (const { tag, value } of top.items) {
    if (value.type !== "vector" || value.sexp !== VECSXP) continue;
    if (!strings(value.attributes.get("class")).includes("data.frame")) continue;
    const names = strings(value.attributes.get("names"));
    const columns = new Map<string, RColumn>();
    (value.values as RValue[]).forEach((item, index) => {
      columns.set(names[index] ?? `V${index + 1}`, column(item));
    });
    const first = columns.values().next().value;
    frames.push({ name: tag ?? "", rows: first ? first.values.length : 0, columns });
  }
  return frames;
}
