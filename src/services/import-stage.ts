import { setImmediate as nextTurn } from "node:timers/promises";
import { copyTextLine } from "../db/copy-text.ts";
import { copyIntoImportStage } from "../db/queries/import-stage.ts";
import type { SqlSession } from "../db/sql-session.ts";
import type { ImportKind } from "../import/kinds.ts";
import { FileReadingConflict, type ReadingRules } from "../import/reading-rules.ts";
import { validateRow } from "../import/row-schemas.ts";
import { type StageValue, stageRowWriter } from "./import-rows.ts";
import type { RowSource } from "./import-source.ts";
import { FileRefused, MAX_REPORTED_ERRORS, type RowError } from "./import-types.ts";

const LINES_PER_PART = 500;

export interface StageResult {
  rowsRead: number;
  invalid: number;
  /** Orders: valid rows with a negative amount (credit notes). */
  creditLines: number;
  /** The first MAX_REPORTED_ERRORS row errors, in source order. */
  errors: RowError[];
}

/**
 * Reads, validates and copies every row of the source into `import_stage`, in batches of `batchSize`
 * rows: one COPY for the whole file on PostgreSQL (the server loads rows while this process parses
 * the next ones), one COPY per batch on PGlite. A validated row becomes one line of COPY text at once,
 * so no row object outlives its batch and memory stays flat whatever the file's size. After every
 * batch the event loop gets a turn, so a chat request's acknowledgement never waits for the import.
 */
export async function stageRows(options: {
  tx: SqlSession;
  kind: ImportKind;
  input: RowSource;
  /** File-wide reading decisions (date order, ambiguous thousands), applied to each raw row. */
  readingRules: ReadingRules;
  batchSize: number;
  /** Called after each batch is handed to the database, with the rows read so far. */
  onBatch(rowsRead: number): void;
}): Promise<StageResult> {
  const { tx, kind, input, readingRules, batchSize, onBatch } = options;
  const writeRow = stageRowWriter(kind);
  const values: StageValue[] = [];
  const copy = await copyIntoImportStage(tx, kind);
  const result: StageResult = { rowsRead: 0, invalid: 0, creditLines: 0, errors: [] };
  const addError = (error: RowError) => {
    if (result.errors.length < MAX_REPORTED_ERRORS) result.errors.push(error);
  };
  // A line of COPY text is a chain of small strings until it is joined. Joined every LINES_PER_PART
  // lines into one flat string, the chains die young instead of being copied and promoted by the
  // garbage collector while a whole batch waits: about a quarter less CPU on a million rows.
  let lines: string[] = [];
  let parts: string[] = [];
  let batchRows = 0;
  const flush = async () => {
    if (lines.length > 0) parts.push(lines.join(""));
    lines = [];
    if (parts.length === 0) return;
    const text = parts.length === 1 ? parts[0]! : parts.join("");
    parts = [];
    batchRows = 0;
    await copy.write(text);
    onBatch(result.rowsRead);
    await nextTurn();
  };
  try {
    await copyAll();
  } catch (error) {
    await copy.abort(error instanceof Error ? error : new Error(String(error)));
    if (error instanceof FileReadingConflict) throw new FileRefused(error.message);
    throw error;
  }
  return result;

  async function copyAll(): Promise<void> {
    for await (const batch of input.batches) {
      for (const row of batch) {
        result.rowsRead += 1;
        if (row.raw === null) {
          result.invalid += 1;
          for (const error of row.errors) addError(error);
          continue;
        }
        const validated = validateRow(kind, readingRules.apply(row.raw, row.line));
        if (!validated.ok) {
          result.invalid += 1;
          for (const issue of validated.issues) addError({ line: row.line, ...definedOnly(issue) });
          continue;
        }
        if (kind === "orders" && (validated.row as { amount: number }).amount < 0) result.creditLines += 1;
        values[0] = row.line;
        writeRow(validated.row as never, values, 1);
        lines.push(copyTextLine(values));
        batchRows += 1;
        if (batchRows >= batchSize) await flush();
        else if (lines.length >= LINES_PER_PART) {
          parts.push(lines.join(""));
          lines = [];
        }
      }
    }
    await flush();
    await copy.finish();
  }
}

function definedOnly(issue: { column: string | undefined; value: string | undefined; reason: string }) {
  const out: { column?: string; value?: string; reason: string } = { reason: issue.reason };
  if (issue.column !== undefined) out.column = issue.column;
  if (issue.value !== undefined) out.value = issue.value;
  return out;
}
