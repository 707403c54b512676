import { columnLookup, type ImportMapping, resolveColumns } from "../import/columns.ts";
import { type ImportKind, kindColumns } from "../import/kinds.ts";
import { CsvFormatError, openCsv } from "../import/read-csv.ts";
import type { RawRow, RawValue } from "../import/row-fields.ts";
import type { Delimiter, TextEncodingName } from "../import/text-decoding.ts";
import { FileRefused, type RowError } from "./import-types.ts";

/**
 * Where an import's rows come from: a CSV byte stream, or the rows of a JSON body (an array, or an
 * async iterable fed by a streaming JSON parser, see http/ingest-route.ts). A CSV source that can be
 * read more than once (a file) gives a function that opens the bytes afresh: the import then first
 * reads it only to fingerprint it, and an unchanged file is not imported again (import-data.ts).
 */
export type ImportSource =
  | {
      format: "csv";
      name: string;
      bytes: AsyncIterable<Uint8Array> | (() => AsyncIterable<Uint8Array>);
      totalBytes?: number;
    }
  | { format: "rows"; name: string; rows: Iterable<unknown> | AsyncIterable<unknown> };

/** One row of the source: its canonical cells, or why it cannot be read at all. */
export type SourceRow = { line: number; raw: RawRow } | { line: number; raw: null; errors: RowError[] };

export interface RowSource {
  /** Canonical column → the source's name for it (JSON: filled in as rows arrive). */
  columns: Record<string, string>;
  ignoredColumns: string[];
  /** Why the source as a whole cannot be imported (a required column missing, …); empty when fine. */
  problems: string[];
  encoding?: () => TextEncodingName;
  delimiter?: Delimiter;
  /** Rows in bounded batches, in source order. */
  batches: AsyncIterable<SourceRow[]>;
}

/** Returns null for an empty file; throws FileRefused when the file as a whole is unusable. */
export async function openRowSource(
  kind: ImportKind,
  source: ImportSource,
  mapping: ImportMapping | undefined,
  counter: ByteCounter,
): Promise<RowSource | null> {
  if (source.format === "rows") return jsonRowSource(kind, source.rows, mapping);
  const bytes = typeof source.bytes === "function" ? source.bytes() : source.bytes;
  return csvRowSource(kind, bytes, mapping, counter);
}

/** Counts the bytes read, and hashes them when a fingerprint is wanted (import-fingerprint.ts). */
export interface ByteCounter {
  bytes: number;
  hash?: { update(chunk: Uint8Array): unknown };
}

async function csvRowSource(
  kind: ImportKind,
  bytes: AsyncIterable<Uint8Array>,
  mapping: ImportMapping | undefined,
  counter: ByteCounter,
): Promise<RowSource | null> {
  async function* counted(): AsyncGenerator<Uint8Array> {
    for await (const chunk of bytes) {
      counter.bytes += chunk.length;
      counter.hash?.update(chunk);
      yield chunk;
    }
  }
  let table: Awaited<ReturnType<typeof openCsv>>;
  try {
    table = await openCsv(counted(), { delimiter: mapping?.delimiter, encoding: mapping?.encoding });
  } catch (error) {
    if (error instanceof CsvFormatError) throw new FileRefused(error.message);
    throw error;
  }
  if (!table) return null;
  const resolved = resolveColumns(kind, table.header, mapping);
  let width = table.header.length;
  while (width > 0 && table.header[width - 1] === "") width -= 1;
  const indexes = [...resolved.indexes.entries()];
  const rows = table.rows;
  async function* batches(): AsyncGenerator<SourceRow[]> {
    try {
      for await (const batch of rows) {
        const out: SourceRow[] = new Array(batch.length);
        for (let i = 0; i < batch.length; i += 1) {
          const { line, values } = batch[i]!;
          const problem = widthProblem(values, width);
          if (problem) {
            out[i] = { line, raw: null, errors: [{ line, reason: problem }] };
            continue;
          }
          const raw: RawRow = {};
          for (const [name, index] of indexes) raw[name] = values[index];
          out[i] = { line, raw };
        }
        yield out;
      }
    } catch (error) {
      if (error instanceof CsvFormatError) {
        throw new FileRefused(error.line ? `line ${error.line}: ${error.message}` : error.message);
      }
      throw error;
    }
  }
  return {
    columns: resolved.sources,
    ignoredColumns: resolved.ignored,
    encoding: table.encoding,
    delimiter: table.delimiter,
    problems: resolved.problems,
    batches: batches(),
  };
}

/** A CSV row with fewer cells than the header was cut off; extra cells must be empty. */
function widthProblem(values: RawValue[], width: number): string | undefined {
  if (values.length < width) {
    return `the row has ${values.length} of the header's ${width} columns — is the line cut off?`;
  }
  for (let i = width; i < values.length; i += 1) {
    if (typeof values[i] === "string" && (values[i] as string).trim() !== "") {
      return `the row has more columns than the header (${values.length} > ${width}) — is a value containing the delimiter not quoted?`;
    }
  }
  return undefined;
}

const JSON_BATCH = 1000;

/**
 * JSON body rows: objects keyed by column names (canonical, aliases or mapped), one per row. Each key
 * is looked up as it arrives: an unknown key makes its row an error that names the key (not a new
 * column every other row pays for), so memory and time stay linear in the body whatever its keys.
 * One body names a column one way: a key that reads as a column another key already stood for
 * refuses the body, as two such headers refuse a CSV file.
 */
function jsonRowSource(
  kind: ImportKind,
  rows: Iterable<unknown> | AsyncIterable<unknown>,
  mapping: ImportMapping | undefined,
): RowSource {
  const { lookup, problems } = columnLookup(kind, mapping);
  const columns: Record<string, string> = {};
  const ignored = new Set<string>();
  const known = new Map<string, string | null>();
  const resolve = (key: string): string | null | undefined => {
    const cached = known.get(key);
    if (cached !== undefined || known.has(key)) return cached;
    const target = lookup(key);
    // Only keys that resolve are remembered: unknown ones are row errors and must not grow a cache.
    if (target !== undefined) known.set(key, target);
    return target;
  };
  const toRow = (line: number, row: unknown): SourceRow => {
    if (!row || typeof row !== "object" || Array.isArray(row)) {
      // Not an object: every required column reads as missing, which the row report names.
      return { line, raw: {} };
    }
    const raw: RawRow = {};
    const errors: RowError[] = [];
    for (const key in row) {
      if (!Object.hasOwn(row, key)) continue;
      const target = resolve(key);
      if (target === null) {
        if (ignored.size < 100) ignored.add(key);
        continue;
      }
      if (target === undefined) {
        errors.push({
          line,
          column: clip(key),
          reason: `unknown column "${clip(key)}": not a ${kind} column (${kindColumns[kind].map((spec) => spec.name).join(", ")}) nor one of their known names`,
        });
        continue;
      }
      const earlier = columns[target];
      if (earlier === undefined) columns[target] = key;
      else if (earlier !== key) {
        throw new FileRefused(
          `columns "${earlier}" and "${clip(key)}" both read as ${target}; map one of them to null in a mapping file`,
        );
      }
      const value = (row as Record<string, unknown>)[key];
      raw[target] =
        value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean"
          ? value
          : value === undefined
            ? undefined
            : JSON.stringify(value);
    }
    return errors.length > 0 ? { line, raw: null, errors } : { line, raw };
  };
  async function* batches(): AsyncGenerator<SourceRow[]> {
    let line = 0;
    let batch: SourceRow[] = [];
    for await (const row of rows as AsyncIterable<unknown>) {
      line += 1;
      batch.push(toRow(line, row));
      if (batch.length >= JSON_BATCH) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }
  const source: RowSource = {
    columns,
    get ignoredColumns() {
      return [...ignored];
    },
    problems,
    batches: batches(),
  };
  return source;
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
