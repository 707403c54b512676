import { pipeline, Readable } from "node:stream";
import { type CsvError, parse } from "csv-parse";
import { AdaptiveDecoder, type Delimiter, detectDelimiter, type TextEncodingName } from "./text-decoding.ts";

/**
 * Streams a CSV export: bytes in, one row at a time out, never the whole file in memory. Encoding and
 * delimiter are detected from the start of the file unless given.
 */
export interface CsvRow {
  /** Line in the file where the row ends (the header is line 1). */
  line: number;
  values: string[];
}

export interface CsvTable {
  header: string[];
  delimiter: Delimiter;
  /** Final once the rows have been read (a Windows-1252 file may look like ASCII UTF-8 at first). */
  encoding(): TextEncodingName;
  /** Rows in arrays of up to 1,000, in file order. */
  rows: AsyncIterable<CsvRow[]>;
}

/** The file cannot be read any further (unclosed quote, broken encoding); `line` where it went wrong. */
export class CsvFormatError extends Error {
  constructor(
    message: string,
    readonly line: number | undefined,
  ) {
    super(message);
    this.name = "CsvFormatError";
  }
}

/** A quote that never closes would otherwise swallow the rest of a huge file into one field. */
const MAX_RECORD_CHARS = 1_000_000;

/**
 * How rows are split. "fast" (the default) reads the common case — lines without any quote — with a
 * plain split on the delimiter, and hands the rest of the file from the first line with a quote (or
 * an unusual line ending) to csv-parse, so every file reads exactly as csv-parse reads it; "csv-parse"
 * uses csv-parse for the whole file (the reference the fast path is tested against).
 */
export type CsvParserChoice = "fast" | "csv-parse";

/** Returns null for a file with no header (empty or only blank lines). */
export async function openCsv(
  bytes: AsyncIterable<Uint8Array>,
  options: { delimiter?: Delimiter; encoding?: TextEncodingName; parser?: CsvParserChoice } = {},
): Promise<CsvTable | null> {
  const decoder = new AdaptiveDecoder(options.encoding);
  async function* text(): AsyncGenerator<string> {
    for await (const chunk of bytes) {
      const decoded = decoder.push(chunk);
      if (decoded) yield decoded;
    }
    const rest = decoder.end();
    if (rest) yield rest;
  }
  const source = text();
  let prefix = "";
  try {
    // Read until the first non-blank line is complete, to detect the delimiter from the header.
    while (!/\S[^\r\n]*[\r\n]/.test(prefix)) {
      const next = await source.next();
      if (next.done) break;
      prefix += next.value;
    }
  } catch (error) {
    throw asFormatError(error, 0);
  }
  if (prefix.trim() === "") return null;
  const delimiter = options.delimiter ?? detectDelimiter(prefix.replace(/^\uFEFF?\s*/, ""));

  async function* all(): AsyncGenerator<string> {
    yield prefix;
    yield* source;
  }
  const records =
    options.parser === "csv-parse"
      ? csvParseRows(all(), delimiter, { lineOffset: 0, recordDelimiter: undefined, bom: true })
      : fastRows(all(), delimiter);
  let first: CsvRow[] = [];
  try {
    while (first.length === 0) {
      const next = await records.next();
      if (next.done) return null;
      first = next.value;
    }
  } catch (error) {
    await records.return(undefined);
    throw error;
  }
  const header = first[0]!.values.map((name) => name.trim());
  async function* rows(): AsyncGenerator<CsvRow[]> {
    if (first.length > 1) yield first.slice(1);
    yield* records;
  }
  return { header, delimiter, encoding: () => decoder.encoding, rows: rows() };
}

/** Lines longer than this go to csv-parse, which applies MAX_RECORD_CHARS exactly as before. */
const FAST_LINE_LIMIT = 100_000;

/** csv-parse's skip_records_with_empty_values: a row of only blanks and separators is no row. */
function isBlankRecord(values: string[]): boolean {
  for (const value of values) if (value.trim() !== "") return false;
  return true;
}

/**
 * The fast path: whole lines without a quote are split on the delimiter. Line numbers count every
 * line, blank ones too, as csv-parse's `info.lines` does. The first line ending seen (outside
 * quotes) is the record delimiter, as csv-parse decides it; a line that needs anything else — a
 * quote, a carriage return that is not part of CRLF, a lone CR line ending, a very long line — and
 * everything after it go to csv-parse, started at that line with the same delimiter and line count.
 */
async function* fastRows(text: AsyncIterable<string>, delimiter: Delimiter): AsyncGenerator<CsvRow[]> {
  const chunks = text[Symbol.asyncIterator]();
  let pending = "";
  let linesDone = 0;
  let newline: "\n" | "\r\n" | undefined;
  let ended = false;
  let handOver = false;
  try {
    while (!ended && !handOver) {
      let next: IteratorResult<string>;
      try {
        next = await chunks.next();
      } catch (error) {
        throw asFormatError(error, linesDone);
      }
      if (next.done) ended = true;
      else pending += next.value;
      if (linesDone === 0 && pending.charCodeAt(0) === 0xfeff) {
        handOver = true; // a byte-order mark left in the text: csv-parse's `bom` option deals with it
        break;
      }
      if (newline === undefined) {
        const at = pending.search(/[\r\n]/);
        if (at === -1) {
          if (pending.length > FAST_LINE_LIMIT || pending.includes('"')) handOver = true;
          if (!ended) continue;
        } else {
          // A quote before the first line end may hide that line end inside a quoted field.
          if (pending.lastIndexOf('"', at) !== -1) {
            handOver = true;
            break;
          }
          if (pending[at] === "\n") newline = "\n";
          else if (at + 1 < pending.length) {
            if (pending[at + 1] !== "\n") {
              handOver = true; // classic Mac line ends (CR only)
              break;
            }
            newline = "\r\n";
          } else if (!ended)
            continue; // a CR that ends the chunk: wait for what follows
          else {
            handOver = true;
            break;
          }
        }
      }
      const rows: CsvRow[] = [];
      let start = 0;
      for (let at = pending.indexOf("\n"); at !== -1; at = pending.indexOf("\n", start)) {
        let end = at;
        if (newline === "\r\n") {
          if (pending.charCodeAt(at - 1) !== 13 || at === start) {
            handOver = true;
            break;
          }
          end = at - 1;
        }
        if (end - start > FAST_LINE_LIMIT) {
          handOver = true;
          break;
        }
        const line = pending.slice(start, end);
        if (line.includes('"') || line.includes("\r")) {
          handOver = true;
          break;
        }
        linesDone += 1;
        start = at + 1;
        if (line.length === 0) continue;
        const values = line.split(delimiter);
        if (!isBlankRecord(values)) rows.push({ line: linesDone, values });
      }
      pending = pending.slice(start);
      if (!handOver) {
        if (pending.length > FAST_LINE_LIMIT) handOver = true;
        else if (ended && pending.length > 0) {
          // The last line has no line end.
          if (pending.includes('"') || pending.includes("\r")) handOver = true;
          else {
            const values = pending.split(delimiter);
            if (!isBlankRecord(values)) rows.push({ line: linesDone + 1, values });
            pending = "";
          }
        }
      }
      if (rows.length > 0) yield rows;
    }
    if (!handOver) return;
    const rest = pending;
    pending = "";
    async function* remaining(): AsyncGenerator<string> {
      yield rest;
      while (true) {
        const next = await chunks.next();
        if (next.done) return;
        yield next.value;
      }
    }
    yield* csvParseRows(remaining(), delimiter, {
      lineOffset: linesDone,
      recordDelimiter: newline,
      bom: linesDone === 0,
    });
  } finally {
    await chunks.return?.(undefined);
  }
}

/** csv-parse from some line on (`lineOffset` lines were read before `text` starts). */
async function* csvParseRows(
  text: AsyncIterable<string>,
  delimiter: Delimiter,
  options: { lineOffset: number; recordDelimiter: "\n" | "\r\n" | undefined; bom: boolean },
): AsyncGenerator<CsvRow[]> {
  const { lineOffset } = options;
  const parser = parse({
    delimiter,
    bom: options.bom,
    info: true,
    relax_column_count: true,
    // Exports contain stray quotes inside unquoted fields (12" monitor); keep them as text.
    relax_quotes: true,
    skip_empty_lines: true,
    // Excel leaves rows of only separators (";;;;") below the data.
    skip_records_with_empty_values: true,
    max_record_size: MAX_RECORD_CHARS,
    // Taking over mid-file: the line end the file started with, not one guessed from here on.
    ...(options.recordDelimiter ? { record_delimiter: options.recordDelimiter } : {}),
  });
  // Errors of the decoder travel through the pipeline into the parser's iterator.
  pipeline(Readable.from(text), parser, () => undefined);
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<{
    record: string[];
    info: { lines: number };
  }>;
  // Rows are handed out in the batches the parser has ready: one await per batch, not per row.
  try {
    while (true) {
      const batch: CsvRow[] = [];
      for (let record = parser.read(); record !== null; record = parser.read()) {
        batch.push({ line: record.info.lines + lineOffset, values: record.record });
        if (batch.length >= 1000) break;
      }
      if (batch.length > 0) {
        yield batch;
        continue;
      }
      const next = await records.next();
      if (next.done) return;
      yield [{ line: next.value.info.lines + lineOffset, values: next.value.record }];
    }
  } catch (error) {
    throw asFormatError(error, lineOffset);
  } finally {
    parser.destroy();
  }
}

function asFormatError(error: unknown, lineOffset: number): Error {
  if (error instanceof CsvFormatError) return error;
  const csvError = error as Partial<CsvError> & { lines?: number; name?: string };
  const line = csvError?.lines === undefined ? undefined : csvError.lines + lineOffset;
  if (csvError?.code === "CSV_QUOTE_NOT_CLOSED") {
    return new CsvFormatError(
      `the file ends inside a quoted field that starts near line ${line ?? "?"} — is the file truncated or is a quote not closed?`,
      line,
    );
  }
  if (csvError?.code === "CSV_MAX_RECORD_SIZE") {
    return new CsvFormatError(
      `a row near line ${line ?? "?"} is longer than ${MAX_RECORD_CHARS} characters — probably a quote that is not closed`,
      line,
    );
  }
  if (typeof csvError?.code === "string" && csvError.code.startsWith("CSV_")) {
    return new CsvFormatError(
      // csv-parse counts from where it took over; its own message names lines that way too.
      `the file is not valid CSV near line ${line ?? "?"}: ${String(csvError.message).replace(/line (\d+)/g, (_, n: string) => `line ${Number(n) + lineOffset}`)}`,
      line,
    );
  }
  if (csvError?.name === "TextEncodingError") return new CsvFormatError(String(csvError.message), undefined);
  return error as Error;
}
