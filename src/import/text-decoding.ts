import { TextDecoder } from "node:util";

/**
 * Turns the bytes of an export into text without knowing its encoding up front. A byte-order mark
 * decides (UTF-8, UTF-16 from Excel's "Unicode text"); without one the bytes are read as UTF-8 until
 * they stop being valid UTF-8, and from then on as Windows-1252 (what Excel on Windows writes).
 * Switching is only safe while everything so far was plain ASCII, which both encodings share; a file
 * that has real UTF-8 and later Windows-1252 bytes is refused rather than silently garbled.
 */
export type TextEncodingName = "utf-8" | "windows-1252" | "utf-16le" | "utf-16be";

export class TextEncodingError extends Error {
  constructor(
    message: string,
    readonly byteOffset: number,
  ) {
    super(message);
    this.name = "TextEncodingError";
  }
}

type Mode = "sniff" | "adaptive" | "fixed";

export class AdaptiveDecoder {
  private mode: Mode = "sniff";
  private detected: TextEncodingName = "utf-8";
  private pending: Uint8Array = new Uint8Array(0);
  private fixedDecoder: TextDecoder | undefined;
  // ignoreBOM: each decode() call is a stream of its own, which would otherwise drop a U+FEFF that
  // happens to start a chunk mid-file; the real byte-order mark is removed in start().
  private readonly strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  private sawNonAscii = false;
  private offset = 0;

  /** `forced` skips detection (from a mapping file); a BOM is still removed. */
  constructor(private readonly forced?: TextEncodingName) {}

  /** The encoding in use: final once some non-ASCII text has been decoded or the input ended. */
  get encoding(): TextEncodingName {
    return this.detected;
  }

  push(chunk: Uint8Array): string {
    if (this.mode === "sniff") {
      this.pending = concat(this.pending, chunk);
      if (this.pending.length < 3) return "";
      return this.start();
    }
    return this.decode(chunk, false);
  }

  end(): string {
    if (this.mode === "sniff") {
      if (this.pending.length === 0) return "";
      return this.start() + this.decode(new Uint8Array(0), true);
    }
    return this.decode(new Uint8Array(0), true);
  }

  private start(): string {
    const bytes = this.pending;
    this.pending = new Uint8Array(0);
    let bomLength = 0;
    let bomEncoding: TextEncodingName | undefined;
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) [bomEncoding, bomLength] = ["utf-8", 3];
    else if (bytes[0] === 0xff && bytes[1] === 0xfe) [bomEncoding, bomLength] = ["utf-16le", 2];
    else if (bytes[0] === 0xfe && bytes[1] === 0xff) [bomEncoding, bomLength] = ["utf-16be", 2];
    const encoding = bomEncoding ?? this.forced;
    this.offset = bomLength;
    if (encoding) {
      this.detected = encoding;
      this.mode = "fixed";
      // A declared UTF-8 file must really be UTF-8: replacement characters would corrupt names silently.
      this.fixedDecoder = new TextDecoder(encoding, { fatal: encoding === "utf-8", ignoreBOM: true });
    } else {
      this.mode = "adaptive";
    }
    return this.decode(bytes.subarray(bomLength), false);
  }

  private decode(chunk: Uint8Array, last: boolean): string {
    if (this.mode === "fixed") {
      try {
        const text = this.fixedDecoder!.decode(chunk, { stream: !last });
        this.offset += chunk.length;
        return text;
      } catch {
        throw new TextEncodingError(
          `the file is not valid ${this.detected} near byte ${this.offset}`,
          this.offset,
        );
      }
    }
    const data = concat(this.pending, chunk);
    const cut = last ? data.length : completeUtf8Length(data);
    try {
      const text = this.strictUtf8.decode(data.subarray(0, cut));
      if (text.length !== cut) this.sawNonAscii = true;
      this.pending = data.slice(cut);
      this.offset += cut;
      return text;
    } catch {
      // Real UTF-8 seen earlier — in an earlier chunk, or earlier in this one (a small file is one
      // chunk) — and now invalid bytes: the file mixes encodings; reading it as Windows-1252 would
      // garble the UTF-8 part ("CafÃ©").
      const scan = scanUtf8(data);
      if (this.sawNonAscii || scan.multiByteBeforeInvalid) {
        const at = this.offset + scan.invalidAt;
        throw new TextEncodingError(
          `the file mixes UTF-8 with another encoding (invalid UTF-8 near byte ${at}); save it again as UTF-8`,
          at,
        );
      }
      this.detected = "windows-1252";
      this.mode = "fixed";
      this.fixedDecoder = new TextDecoder("windows-1252");
      this.pending = new Uint8Array(0);
      return this.decode(data, last);
    }
  }
}

/**
 * Where the first byte that is not valid UTF-8 is, and whether a valid multi-byte UTF-8 character
 * came before it. Follows the well-formed ranges of Unicode table 3-7 (no overlongs, no surrogates).
 */
export function scanUtf8(data: Uint8Array): { invalidAt: number; multiByteBeforeInvalid: boolean } {
  let multiByte = false;
  let i = 0;
  while (i < data.length) {
    const byte = data[i]!;
    if (byte < 0x80) {
      i += 1;
      continue;
    }
    let need = 0;
    let low = 0x80;
    let high = 0xbf;
    if (byte >= 0xc2 && byte <= 0xdf) need = 2;
    else if (byte >= 0xe0 && byte <= 0xef) {
      need = 3;
      if (byte === 0xe0) low = 0xa0;
      if (byte === 0xed) high = 0x9f;
    } else if (byte >= 0xf0 && byte <= 0xf4) {
      need = 4;
      if (byte === 0xf0) low = 0x90;
      if (byte === 0xf4) high = 0x8f;
    }
    if (need === 0 || i + need > data.length) return { invalidAt: i, multiByteBeforeInvalid: multiByte };
    const second = data[i + 1]!;
    if (second < low || second > high) return { invalidAt: i, multiByteBeforeInvalid: multiByte };
    for (let k = 2; k < need; k += 1) {
      const next = data[i + k]!;
      if (next < 0x80 || next > 0xbf) return { invalidAt: i, multiByteBeforeInvalid: multiByte };
    }
    multiByte = true;
    i += need;
  }
  return { invalidAt: data.length, multiByteBeforeInvalid: multiByte };
}

/** Length of the prefix that holds only whole UTF-8 sequences (a chunk may end inside a character). */
function completeUtf8Length(data: Uint8Array): number {
  const end = data.length;
  for (let i = end - 1; i >= 0 && i >= end - 4; i -= 1) {
    const byte = data[i]!;
    if ((byte & 0xc0) === 0x80) continue;
    if (byte < 0xc0) return end;
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
    return end - i < need ? i : end;
  }
  return end;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

export type Delimiter = ";" | "," | "\t" | "|";
export const delimiters: readonly Delimiter[] = [";", "\t", ",", "|"];

/**
 * The delimiter of a CSV, from its first line: the candidate that occurs most often outside quotes.
 * Ties go to ";" (Dutch Excel), then tab, then ",". A single-column file falls back to ",".
 */
export function detectDelimiter(sample: string): Delimiter {
  const counts = new Map<Delimiter, number>(delimiters.map((d) => [d, 0]));
  let quoted = false;
  for (const char of sample) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && counts.has(char as Delimiter))
      counts.set(char as Delimiter, counts.get(char as Delimiter)! + 1);
  }
  let best: Delimiter = ",";
  let bestCount = 0;
  for (const d of delimiters) {
    const count = counts.get(d)!;
    if (count > bestCount) [best, bestCount] = [d, count];
  }
  return best;
}
