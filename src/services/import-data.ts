import { isoDateIn } from "../clock.ts";
import { holdImportRunLock } from "../db/queries/interrupted-imports.ts";
import {
  auditUserChanges,
  removeRowsAboveRole,
  type StagedRole,
  stagedUserChanges,
  type UserChange,
} from "../db/queries/user-import-changes.ts";
import type { SqlSession } from "../db/sql-session.ts";
import { type ImportMapping, resolveColumns } from "../import/columns.ts";
import type { ImportKind } from "../import/kinds.ts";
import { CsvFormatError, openCsv } from "../import/read-csv.ts";
import { type DateOrder, FileReadingConflict, ReadingRules } from "../import/reading-rules.ts";
import { type RawRow, type RawValue, validateRow } from "../import/row-schemas.ts";
import type { Delimiter, TextEncodingName } from "../import/text-decoding.ts";
import type { ServiceContext } from "./context.ts";
import { type KindPlan, kindPlans } from "./import-kinds.ts";
import { finishImportRun, startImportRun } from "./import-runs.ts";
import { BinaryArrayBuilder } from "./import-stage-binary.ts";
import { scoreCustomers } from "./score-customers.ts";

/**
 * Imports one ERP export (a CSV byte stream, or the rows of a JSON body) of one kind.
 *
 * All-or-nothing without holding a file in memory: the rows are validated and streamed in batches
 * into a temporary staging table inside ONE transaction; then the database-level checks (unknown
 * customers, duplicates in the file) run set-based on the staging table, and one upsert merges it
 * into the real table. Any bad row (unless skipInvalid), a dry run, an unreadable file or a crash
 * rolls the whole transaction back, so an import is never half-written. Imports of the same kind
 * take an advisory lock for the check-and-merge step, so concurrent imports of overlapping data
 * queue up there instead of deadlocking; staging itself runs concurrently.
 */
export type ImportSource =
  | { format: "csv"; name: string; bytes: AsyncIterable<Uint8Array>; totalBytes?: number }
  | { format: "rows"; name: string; rows: unknown[] };

export interface ImportProgress {
  phase: "reading" | "checking" | "merging" | "rescoring" | "done";
  rowsRead: number;
  bytesRead: number;
  totalBytes: number | undefined;
  elapsedMs: number;
}

export interface ImportOptions {
  ctx: ServiceContext;
  kind: ImportKind;
  source: ImportSource;
  dryRun?: boolean;
  skipInvalid?: boolean;
  mapping?: ImportMapping;
  /** How to read dates like 12/1/2010; default: day first unless the file shows month first. */
  dateOrder?: DateOrder;
  /** Rows per staging insert. */
  batchSize?: number;
  /** Rescore the customers whose data changed (default true). */
  rescore?: boolean;
  onProgress?: (progress: ImportProgress) => void;
  /**
   * users only: the highest role this import may give, or change (an API token's max role). A row
   * above it is a row error. Unset (the CLI, run by an operator on the machine): no cap.
   */
  maxRole?: StagedRole;
}

export interface RowError {
  /** CSV: the line in the file (header = 1). JSON: the position in the array (first = 1). 0: the file. */
  line: number;
  column?: string;
  value?: string;
  reason: string;
}

export type ImportStatus = "completed" | "completed_with_errors" | "rejected" | "failed";

export interface ImportReport {
  runId: number;
  kind: ImportKind;
  source: string;
  dryRun: boolean;
  /** completed: all rows valid; completed_with_errors: invalid rows skipped; rejected: invalid rows, nothing written; failed: the file itself is unusable. */
  status: ImportStatus;
  encoding?: TextEncodingName;
  delimiter?: Delimiter;
  /** Canonical column → header in the source. */
  columns: Record<string, string>;
  ignoredColumns: string[];
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  invalid: number;
  /** First MAX_REPORTED_ERRORS problems, by line; `invalid` counts all bad rows. */
  errors: RowError[];
  /** Why the whole file was refused (status failed). */
  fileError?: string;
  customersTouched: number;
  /**
   * Orders only: valid rows with a negative amount. They are credit notes: imported with their
   * negative amount (order revenue is net of them), never counted as orders, last order or frequency.
   */
  creditLines?: number;
  rescored?: number;
  rescoreError?: string;
  /** users only: roles and chat ids this import changed (also written to the audit log). */
  userChanges?: UserChange[];
  durationMs: number;
}

export const MAX_REPORTED_ERRORS = 50;
const DEFAULT_BATCH = 10_000;
// Advisory lock namespace for imports (the migrator uses Prisma's 72707369).
const IMPORT_LOCK_NAMESPACE = 72707370;

class Rollback extends Error {
  constructor(readonly outcome: MergeOutcome | null) {
    super("rollback");
  }
}

interface MergeOutcome {
  inserted: number;
  updated: number;
  valid: number;
  customerIds: number[];
}

class FileRefused extends Error {}

interface RowSource {
  header: string[];
  rows: AsyncIterable<Array<{ line: number; values: RawValue[] }>>;
  encoding?: () => TextEncodingName;
  delimiter?: Delimiter;
  /** Column count a CSV row must have (empty trailing header cells excluded). */
  width?: number;
}

export async function importData(options: ImportOptions): Promise<ImportReport> {
  const { ctx, kind, source } = options;
  const sql = ctx.db.sql;
  const dryRun = options.dryRun ?? false;
  const started = performance.now();
  const runId = await startImportRun(sql, { kind, source: source.name, dryRun });
  const counter = { bytes: 0 };
  const totalBytes = source.format === "csv" ? source.totalBytes : undefined;
  let rowsRead = 0;
  const progress = (phase: ImportProgress["phase"]) =>
    options.onProgress?.({
      phase,
      rowsRead,
      bytesRead: counter.bytes,
      totalBytes,
      elapsedMs: performance.now() - started,
    });

  const report: ImportReport = {
    runId,
    kind,
    source: source.name,
    dryRun,
    status: "failed",
    columns: {},
    ignoredColumns: [],
    rowsRead: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    invalid: 0,
    errors: [],
    customersTouched: 0,
    durationMs: 0,
  };
  const finish = async () => {
    report.rowsRead = rowsRead;
    report.durationMs = Math.round(performance.now() - started);
    await finishImportRun(sql, runId, {
      ...report,
      errors: report.fileError ? [{ line: 0, reason: report.fileError }, ...report.errors] : report.errors,
    });
    return report;
  };

  try {
    const input = await openSource(source, options.mapping, counter);
    if (!input) throw new FileRefused("the file is empty: it has no header row");
    report.encoding = input.encoding?.();
    report.delimiter = input.delimiter;
    const columns = resolveColumns(kind, input.header, options.mapping);
    report.columns = columns.sources;
    report.ignoredColumns = columns.ignored;
    if (columns.problems.length > 0) throw new FileRefused(columns.problems.join("; "));

    const plan = kindPlans[kind] as unknown as KindPlan<ImportKind>;
    const rowErrors: RowError[] = [];
    let invalidRows = 0;
    const addRowError = (error: RowError) => {
      if (rowErrors.length < MAX_REPORTED_ERRORS) rowErrors.push(error);
    };
    const today = isoDateIn(ctx.clock.now(), ctx.timezone);
    const readingRules = new ReadingRules({ dateOrder: options.dateOrder });
    let creditLines = 0;
    const batchSize = options.batchSize ?? DEFAULT_BATCH;
    const indexes = [...columns.indexes.entries()];
    const stage = plan.stage;
    const stageValues: Array<string | number | null> = new Array(stage.length).fill(null);

    let outcome: MergeOutcome | null;
    let userChanges: UserChange[] = [];
    try {
      outcome = await sql.transaction(async (tx) => {
        if (ctx.db.kind === "postgres") {
          // While this is held the run is alive; a killed importer's lock dies with its session, and
          // the next start-up or `import runs` marks the run failed (db/queries/interrupted-imports).
          await holdImportRunLock(tx, runId);
          // The checks and the merge hash, sort and aggregate the whole file; with the default 4 MB
          // they spill to disk. Server memory, for this transaction only (not on PGlite, whose memory
          // is this process's).
          await tx.exec("SET LOCAL work_mem = '64MB'");
        }
        await tx.exec(
          `CREATE TEMP TABLE import_stage (line int NOT NULL, ${plan.stage
            .map((column) => `${column.name} ${column.type}`)
            .join(", ")}) ON COMMIT DROP`,
        );
        // The batch is kept by column, as the staging insert sends it: a validated row object dies
        // young instead of living until its batch is written, which keeps the heap (and RSS) small.
        const binary = ctx.db.kind === "postgres";
        let batch = emptyBatch(plan, binary);
        // One staging insert in flight while the next batch is parsed: on PostgreSQL the server
        // works while this process parses (PGlite runs in this thread, so there it is sequential).
        let inFlight: Promise<void> | undefined;
        const flush = async () => {
          if (batch.size === 0) return;
          const rows = batch;
          batch = emptyBatch(plan, binary);
          await inFlight;
          inFlight = stageBatch(tx, plan, rows);
          // Awaited at the next flush or after the last row; this only avoids an unhandled rejection meanwhile.
          inFlight.catch(() => undefined);
          progress("reading");
        };
        try {
          for await (const rows of input.rows) {
            for (const { line, values } of rows) {
              rowsRead += 1;
              if (input.width !== undefined) {
                const problem = widthProblem(values, input.width);
                if (problem) {
                  invalidRows += 1;
                  addRowError({ line, reason: problem });
                  continue;
                }
              }
              let raw: RawRow = {};
              for (const [name, index] of indexes) raw[name] = values[index];
              raw = readingRules.apply(raw, line);
              const result = validateRow(kind, raw);
              if (result.ok) {
                if (kind === "orders" && (result.row as { amount: number }).amount < 0) creditLines += 1;
                for (let i = 0; i < stage.length; i += 1) stageValues[i] = stage[i]!.get(result.row as never);
                batch.add(line, stageValues);
                if (batch.size >= batchSize) await flush();
              } else {
                invalidRows += 1;
                for (const issue of result.issues) addRowError({ line, ...definedOnly(issue) });
              }
            }
          }
        } catch (error) {
          if (error instanceof CsvFormatError) {
            throw new FileRefused(error.line ? `line ${error.line}: ${error.message}` : error.message);
          }
          if (error instanceof FileReadingConflict) throw new FileRefused(error.message);
          throw error;
        }
        await flush();
        await inFlight;
        report.encoding = input.encoding?.();

        progress("checking");
        // One import of a kind at a time from here to commit: the checks see what the merge will see.
        await tx.query("SELECT pg_advisory_xact_lock($1::int, $2::int)", [
          IMPORT_LOCK_NAMESPACE,
          kindNumber(kind),
        ]);
        await tx.exec("ANALYZE import_stage");
        const checked = await checkStage(tx, plan);
        invalidRows += checked.invalid;
        for (const error of checked.errors) rowErrors.push(error);
        if (kind === "users" && options.maxRole) {
          for (const bad of await removeRowsAboveRole(tx, options.maxRole)) {
            invalidRows += 1;
            addRowError({
              line: bad.line,
              column: "role",
              value: bad.role.toLowerCase(),
              reason: bad.existing
                ? `${bad.email} is ${bad.role.toLowerCase()}, above what this token may change (${options.maxRole.toLowerCase()})`
                : `this token may give roles up to ${options.maxRole.toLowerCase()}; ask an admin for a token with --max-role ${bad.role.toLowerCase()}`,
            });
          }
        }
        if (invalidRows > 0 && !options.skipInvalid) throw new Rollback(null);

        progress("merging");
        if (kind === "users") userChanges = await stagedUserChanges(tx);
        const [valid] = await tx.query<{ n: number }>("SELECT count(*)::int AS n FROM import_stage");
        const [merged] = await tx.query<{ inserted: number; updated: number; customer_ids: number[] }>(
          plan.merge,
          plan.merge.includes("$1") ? [today] : [],
        );
        const result: MergeOutcome = {
          inserted: merged!.inserted,
          updated: merged!.updated,
          valid: valid!.n,
          customerIds: (merged!.customer_ids ?? []).map(Number),
        };
        await auditUserChanges(tx, userChanges, { at: ctx.clock.now(), runId, source: source.name });
        if (dryRun) throw new Rollback(result);
        return result;
      });
    } catch (error) {
      if (!(error instanceof Rollback)) throw error;
      outcome = error.outcome;
    }

    report.invalid = invalidRows;
    report.errors = rowErrors.sort((a, b) => a.line - b.line).slice(0, MAX_REPORTED_ERRORS);
    if (!outcome) {
      report.status = "rejected";
    } else {
      report.status = invalidRows > 0 ? "completed_with_errors" : "completed";
      report.inserted = outcome.inserted;
      report.updated = outcome.updated;
      report.unchanged = outcome.valid - outcome.inserted - outcome.updated;
      report.customersTouched = outcome.customerIds.length;
      if (kind === "users") {
        report.userChanges = userChanges;
        if (userChanges.length > 0 && !dryRun) {
          ctx.log.warn(
            { runId, source: source.name, changes: userChanges },
            "users import changed roles or chat ids",
          );
        }
      }
      if (kind === "orders") report.creditLines = creditLines;
    }
    await finish();

    if (outcome && !dryRun && outcome.customerIds.length > 0 && options.rescore !== false) {
      progress("rescoring");
      try {
        const scored = await scoreCustomers({ ctx, asOf: today, customerIds: outcome.customerIds });
        report.rescored = scored.scored;
      } catch (error) {
        // The import is committed; a failed rescoring is repaired by the next scheduled scoring run.
        report.rescoreError = String((error as Error)?.message ?? error);
        ctx.log.warn({ err: error, runId }, "rescoring after import failed");
      }
    }
    progress("done");
    return report;
  } catch (error) {
    report.fileError =
      error instanceof FileRefused
        ? error.message
        : `import failed: ${String((error as Error)?.message ?? error)}`;
    report.status = "failed";
    report.inserted = report.updated = report.unchanged = 0;
    await finish().catch((finishError) =>
      ctx.log.error({ err: finishError, runId }, "could not record import run"),
    );
    if (error instanceof FileRefused) return report;
    throw error;
  }
}

function definedOnly(issue: { column: string | undefined; value: string | undefined; reason: string }) {
  const out: { column?: string; value?: string; reason: string } = { reason: issue.reason };
  if (issue.column !== undefined) out.column = issue.column;
  if (issue.value !== undefined) out.value = issue.value;
  return out;
}

function kindNumber(kind: ImportKind): number {
  return ["customers", "invoices", "orders", "complaints", "engagement", "nps", "users"].indexOf(kind) + 1;
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

async function openSource(
  source: ImportSource,
  mapping: ImportMapping | undefined,
  counter: { bytes: number },
): Promise<RowSource | null> {
  if (source.format === "rows") return jsonRowSource(source.rows);
  async function* counted(): AsyncGenerator<Uint8Array> {
    for await (const chunk of source.format === "csv" ? source.bytes : []) {
      counter.bytes += chunk.length;
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
  let width = table.header.length;
  while (width > 0 && table.header[width - 1] === "") width -= 1;
  const rows = table.rows;
  return {
    header: table.header,
    encoding: table.encoding,
    delimiter: table.delimiter,
    width,
    rows: rows,
  };
}

/** JSON body rows: objects keyed by column names (canonical, aliases or mapped), one per row. */
function jsonRowSource(rows: unknown[]): RowSource {
  const header: string[] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    if (row && typeof row === "object" && !Array.isArray(row)) {
      for (const key of Object.keys(row)) {
        if (!seen.has(key)) {
          seen.set(key, header.length);
          header.push(key);
        }
      }
    }
  }
  async function* iterate() {
    const out: Array<{ line: number; values: RawValue[] }> = [];
    for (let i = 0; i < rows.length; i += 1) {
      const row = rows[i];
      const values: RawValue[] = new Array(header.length).fill(undefined);
      if (row && typeof row === "object" && !Array.isArray(row)) {
        for (const [key, value] of Object.entries(row)) {
          values[seen.get(key)!] =
            value === null || ["string", "number", "boolean"].includes(typeof value)
              ? (value as RawValue)
              : JSON.stringify(value);
        }
      } else {
        // Not an object: every required column reads as missing, which the row report names.
        values.fill(undefined);
      }
      out.push({ line: i + 1, values });
    }
    yield out;
  }
  return { header, rows: iterate() };
}

/**
 * One batch of valid rows by column, as the staging insert sends it. On PostgreSQL each column is
 * encoded into a binary array parameter as the row arrives (see import-stage-binary.ts); PGlite gets
 * plain arrays (it runs in this process and parses its parameters itself).
 */
interface StageBatch {
  readonly size: number;
  add(line: number, values: Array<string | number | null>): void;
  params(): unknown[];
}

function emptyBatch(plan: KindPlan<ImportKind>, binary: boolean): StageBatch {
  if (binary) {
    const lines = new BinaryArrayBuilder("int");
    const columns = plan.stage.map((column) => new BinaryArrayBuilder(column.type));
    return {
      get size() {
        return lines.length;
      },
      add(line, values) {
        lines.push(line);
        for (let i = 0; i < columns.length; i += 1) columns[i]!.push(values[i] ?? null);
      },
      params: () => [lines.finish(), ...columns.map((column) => column.finish())],
    };
  }
  const lines: number[] = [];
  const columns: Array<Array<string | number | null>> = plan.stage.map(() => []);
  return {
    get size() {
      return lines.length;
    },
    add(line, values) {
      lines.push(line);
      for (let i = 0; i < columns.length; i += 1) columns[i]!.push(values[i] ?? null);
    },
    params: () => [lines, ...columns],
  };
}

async function stageBatch(tx: SqlSession, plan: KindPlan<ImportKind>, batch: StageBatch) {
  const params = batch.params();
  const columnList = plan.stage.map((column) => column.name).join(", ");
  const unnestArgs = ["$1::int[]", ...plan.stage.map((column, i) => `$${i + 2}::${column.type}[]`)].join(
    ", ",
  );
  await tx.query(
    `INSERT INTO import_stage (line, ${columnList}) SELECT * FROM unnest(${unnestArgs})`,
    params,
  );
}

/**
 * Set-based checks on the staged rows; bad rows are removed from the stage (with --skip-invalid they
 * are simply not merged) and described. Each bad row is counted once: a row that refers to an unknown
 * customer is not also reported as a duplicate.
 */
async function checkStage(
  tx: SqlSession,
  plan: KindPlan<ImportKind>,
): Promise<{ invalid: number; errors: RowError[] }> {
  let invalid = 0;
  const errors: RowError[] = [];
  for (const check of plan.references) {
    const rows = await tx.query<{ line: number; value: string; total: number }>(
      `WITH bad AS (DELETE FROM import_stage s WHERE ${check.badWhen} RETURNING s.line, s.${check.column}::text AS value)
       SELECT line, value, count(*) OVER ()::int AS total FROM bad ORDER BY line LIMIT ${MAX_REPORTED_ERRORS}`,
    );
    invalid += rows[0]?.total ?? 0;
    for (const row of rows) {
      errors.push({
        line: row.line,
        column: check.column,
        value: row.value,
        reason: check.reason(row.value),
      });
    }
  }
  for (const key of plan.keys) {
    const cols = key.join(", ");
    const rows = await tx.query<{ line: number; first_line: number; value: string; total: number }>(
      `WITH dup AS (
         SELECT ${cols}, min(line) AS first_line FROM import_stage
         WHERE ${key.map((c) => `${c} IS NOT NULL`).join(" AND ")}
         GROUP BY ${cols} HAVING count(*) > 1
       ), bad AS (
         DELETE FROM import_stage s USING dup
         WHERE ${key.map((c) => `s.${c} = dup.${c}`).join(" AND ")} AND s.line <> dup.first_line
         RETURNING s.line, dup.first_line, concat_ws(' / ', ${key.map((c) => `s.${c}::text`).join(", ")}) AS value
       )
       SELECT line, first_line, value, count(*) OVER ()::int AS total FROM bad ORDER BY line LIMIT ${MAX_REPORTED_ERRORS}`,
    );
    invalid += rows[0]?.total ?? 0;
    for (const row of rows) {
      errors.push({
        line: row.line,
        column: key.join("+"),
        value: row.value,
        reason: `duplicate of line ${row.first_line}: the file has this ${key.join(" + ")} twice`,
      });
    }
  }
  return { invalid, errors };
}
