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

/** Returns null for a file with no header (empty or only blank lines). */
export async function openCsv(
  bytes: AsyncIterable<Uint8Array>,
  options: { delimiter?: Delimiter; encoding?: TextEncodingName } = {},
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
    throw asFormatError(error);
  }
  if (prefix.trim() === "") return null;
  const delimiter = options.delimiter ?? detectDelimiter(prefix.replace(/^\uFEFF?\s*/, ""));

  async function* all(): AsyncGenerator<string> {
    yield prefix;
    yield* source;
  }
  const parser = parse({
    delimiter,
    bom: true,
    info: true,
    relax_column_count: true,
    // Exports contain stray quotes inside unquoted fields (12" monitor); keep them as text.
    relax_quotes: true,
    skip_empty_lines: true,
    // Excel leaves rows of only separators (";;;;") below the data.
    skip_records_with_empty_values: true,
    max_record_size: MAX_RECORD_CHARS,
  });
  // Errors of the decoder travel through the pipeline into the parser's iterator.
  pipeline(Readable.from(all()), parser, () => undefined);
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<{
    record: string[];
    info: { lines: number };
  }>;
  let first: IteratorResult<{ record: string[]; info: { lines: number } }>;
  try {
    first = await records.next();
  } catch (error) {
    throw asFormatError(error);
  }
  if (first.done) return null;
  const header = first.value.record.map((name) => name.trim());

  // Rows are handed out in the batches the parser has ready: one await per batch, not per row.
  async function* rows(): AsyncGenerator<CsvRow[]> {
    try {
      while (true) {
        const batch: CsvRow[] = [];
        for (let record = parser.read(); record !== null; record = parser.read()) {
          batch.push({ line: record.info.lines, values: record.record });
          if (batch.length >= 1000) break;
        }
        if (batch.length > 0) {
          yield batch;
          continue;
        }
        const next = await records.next();
        if (next.done) return;
        yield [{ line: next.value.info.lines, values: next.value.record }];
      }
    } catch (error) {
      throw asFormatError(error);
    } finally {
      parser.destroy();
    }
  }
  return { header, delimiter, encoding: () => decoder.encoding, rows: rows() };
}

function asFormatError(error: unknown): Error {
  if (error instanceof CsvFormatError) return error;
  const csvError = error as Partial<CsvError> & { lines?: number; name?: string };
  if (csvError?.code === "CSV_QUOTE_NOT_CLOSED") {
    return new CsvFormatError(
      `the file ends inside a quoted field that starts near line ${csvError.lines ?? "?"} — is the file truncated or is a quote not closed?`,
      csvError.lines,
    );
  }
  if (csvError?.code === "CSV_MAX_RECORD_SIZE") {
    return new CsvFormatError(
      `a row near line ${csvError.lines ?? "?"} is longer than ${MAX_RECORD_CHARS} characters — probably a quote that is not closed`,
      csvError.lines,
    );
  }
  if (typeof csvError?.code === "string" && csvError.code.startsWith("CSV_")) {
    return new CsvFormatError(
      `the file is not valid CSV near line ${csvError.lines ?? "?"}: ${csvError.message}`,
      csvError.lines,
    );
  }
  if (csvError?.name === "TextEncodingError") return new CsvFormatError(String(csvError.message), undefined);
  return error as Error;
}
