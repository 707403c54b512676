import { setImmediate as nextTurn } from "node:timers/promises";
import { isoDateIn } from "../clock.ts";
import { deleteBadStageRows, lockImportKind } from "../db/queries/import-checks.ts";
import { holdImportTableVersions, recordImportFingerprint } from "../db/queries/import-fingerprints.ts";
import { type MergeOutcome, mergeImportStage, prepareImportTransaction } from "../db/queries/import-merge.ts";
import { finishImportRun, startImportRun } from "../db/queries/import-runs.ts";
import { analyzeImportStage, createImportStage } from "../db/queries/import-stage.ts";
import { holdImportRunLock } from "../db/queries/interrupted-imports.ts";
import {
  auditUserChanges,
  removeRowsAboveRole,
  type StagedRole,
  stagedUserChanges,
  type UserChange,
} from "../db/queries/user-import-changes.ts";
import type { ImportMapping } from "../import/columns.ts";
import type { ImportKind } from "../import/kinds.ts";
import { type DateOrder, ReadingRules } from "../import/reading-rules.ts";
import { refreshCustomerAlerts } from "./alerts/refresh-customer-alerts.ts";
import type { ServiceContext } from "./context.ts";
import {
  type FileReport,
  type FingerprintInputs,
  findRunAtCurrentVersions,
  fingerprintHash,
  sameFileAsBefore,
} from "./import-fingerprint.ts";
import { type ByteCounter, type ImportSource, openRowSource } from "./import-source.ts";
import { stageRows } from "./import-stage.ts";
import {
  FileRefused,
  type ImportProgress,
  type ImportReport,
  MAX_REPORTED_ERRORS,
  type RowError,
} from "./import-types.ts";
import { scoreCustomers } from "./score-customers.ts";

export type { ImportSource } from "./import-source.ts";
export type { ImportProgress, ImportReport, ImportStatus, RowError } from "./import-types.ts";
export { MAX_REPORTED_ERRORS } from "./import-types.ts";

/**
 * Imports one ERP export (a CSV byte stream, or the rows of a JSON body) of one kind.
 *
 * All-or-nothing without holding a file in memory: the rows are read (import-source.ts), validated and
 * copied in batches into a temporary staging table inside ONE transaction (import-stage.ts); then the
 * database-level checks (unknown customers, duplicates in the file) run set-based on the staging table,
 * and one statement merges it into the real table, touching only rows that changed (db/queries/import-*.ts).
 * Any bad row (unless skipInvalid), a dry run, an unreadable file or a crash rolls the whole
 * transaction back, so an import is never half-written. Imports of the same kind take an advisory lock
 * for the check-and-merge step, so concurrent imports of overlapping data queue up there instead of
 * deadlocking; staging itself runs concurrently.
 */
export interface ImportOptions {
  ctx: ServiceContext;
  kind: ImportKind;
  source: ImportSource;
  dryRun?: boolean;
  skipInvalid?: boolean;
  mapping?: ImportMapping;
  /** How to read dates like 12/1/2010; default: day first unless the file shows month first. */
  dateOrder?: DateOrder;
  /** Rows per staging batch (one progress event each). */
  batchSize?: number;
  /** Rescore the customers whose data changed (default true). */
  rescore?: boolean;
  /** The date to rescore as of (default today): a historical import is scored as of its own date. */
  asOf?: string;
  onProgress?: (progress: ImportProgress) => void;
  /**
   * users only: the highest role this import may give, or change (an API token's max role). A row
   * above it is a row error. Unset (the CLI, run by an operator on the machine): no cap.
   */
  maxRole?: StagedRole;
}

const DEFAULT_BATCH = 10_000;

/**
 * PGlite runs on the main thread: the merge goes in ranges of this many file lines, each under 0.3 s at
 * 300k invoice rows (one statement over them all held the event loop for 6 s), so a chat
 * request's ack gets through in between. PostgreSQL merges in one statement, off this process.
 */
const PGLITE_MERGE_LINES = 15_000;

class Rollback extends Error {
  constructor(readonly outcome: MergeOutcome | null) {
    super("rollback");
  }
}

export async function importData(options: ImportOptions): Promise<ImportReport> {
  const { ctx, kind, source } = options;
  const sql = ctx.db.sql;
  const dryRun = options.dryRun ?? false;
  const started = performance.now();
  const runId = await startImportRun(sql, { kind, source: source.name, dryRun });
  const fingerprintInputs: FingerprintInputs = {
    kind,
    mapping: options.mapping,
    dateOrder: options.dateOrder,
    maxRole: options.maxRole,
  };
  // A CSV source is fingerprinted as it is read, so a later import of the same file can be skipped.
  const hash = source.format === "csv" ? fingerprintHash(fingerprintInputs) : undefined;
  const counter: ByteCounter = { bytes: 0, hash };
  const totalBytes = source.format === "csv" ? source.totalBytes : undefined;
  let rowsRead = 0;
  const progress = (
    phase: ImportProgress["phase"],
    merged?: Pick<ImportProgress, "rowsMerged" | "rowsValid">,
  ) =>
    options.onProgress?.({
      phase,
      rowsRead,
      ...merged,
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
    // On PostgreSQL the run lock is held while the file is hashed, so `import runs` elsewhere does not
    // take the run for an interrupted one (PGlite keeps its one session free for the bot meanwhile).
    const same =
      ctx.db.kind === "postgres"
        ? await sql.transaction(async (tx) => {
            await holdImportRunLock(tx, runId);
            return sameFileAsBefore(tx, source, fingerprintInputs);
          })
        : await sameFileAsBefore(sql, source, fingerprintInputs);
    if (same) {
      // Nothing to read into the database: report the file as the run that merged it saw it.
      const file = same.fileReport as FileReport;
      Object.assign(report, {
        status: "completed",
        sameFileAs: same.runId,
        encoding: file.encoding,
        delimiter: file.delimiter,
        columns: Object.fromEntries(file.columns),
        ignoredColumns: file.ignoredColumns,
        unchanged: file.valid,
        ...(kind === "orders" ? { creditLines: file.creditLines ?? 0 } : {}),
      });
      rowsRead = file.rowsRead;
      await finish();
      progress("done");
      return report;
    }
    const input = await openRowSource(kind, source, options.mapping, counter);
    if (!input) throw new FileRefused("the file is empty: it has no header row");
    report.encoding = input.encoding?.();
    report.delimiter = input.delimiter;
    report.columns = input.columns;
    report.ignoredColumns = input.ignoredColumns;
    if (input.problems.length > 0) throw new FileRefused(input.problems.join("; "));

    const rowErrors: RowError[] = [];
    let invalidRows = 0;
    let creditLines = 0;
    let userChanges: UserChange[] = [];
    const today = isoDateIn(ctx.clock.now(), ctx.timezone);

    let outcome: MergeOutcome | null;
    try {
      outcome = await sql.transaction(async (tx) => {
        if (ctx.db.kind === "postgres") {
          // While this is held the run is alive; a killed importer's lock dies with its session, and
          // the next start-up or `import runs` marks the run failed (db/queries/interrupted-imports).
          await holdImportRunLock(tx, runId);
          // More work memory and a longer statement limit, for this transaction only (not on PGlite,
          // whose memory is this process's and which has no statement limit).
          await prepareImportTransaction(tx);
        }
        await createImportStage(tx, kind);
        const staged = await stageRows({
          tx,
          kind,
          input,
          readingRules: new ReadingRules({ dateOrder: options.dateOrder }),
          batchSize: options.batchSize ?? DEFAULT_BATCH,
          onBatch: (read) => {
            rowsRead = read;
            progress("reading");
          },
        });
        rowsRead = staged.rowsRead;
        invalidRows += staged.invalid;
        creditLines = staged.creditLines;
        rowErrors.push(...staged.errors);
        report.encoding = input.encoding?.();
        report.ignoredColumns = input.ignoredColumns;

        progress("checking");
        await lockImportKind(tx, kind);
        await holdImportTableVersions(tx, kind);
        // Staging read the source to its end, so the hash has every byte.
        const fingerprint = hash?.digest("hex");
        if (fingerprint && invalidRows === 0) {
          // A stream read once (stdin, an HTTP body) that turns out to be a file merged before, with
          // nothing written since: the checks and the merge would find and change nothing.
          const same = await findRunAtCurrentVersions(tx, kind, fingerprint);
          if (same) {
            report.sameFileAs = same.runId;
            return { inserted: 0, updated: 0, valid: (same.fileReport as FileReport).valid, customerIds: [] };
          }
        }
        await analyzeImportStage(tx);
        const checked = await deleteBadStageRows(tx, kind, MAX_REPORTED_ERRORS);
        invalidRows += checked.invalid;
        rowErrors.push(...checked.problems);
        if (kind === "users" && options.maxRole) {
          for (const bad of await removeRowsAboveRole(tx, options.maxRole)) {
            invalidRows += 1;
            rowErrors.push({
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

        // A turn for the event loop between the checks and the merge (see PGLITE_MERGE_LINES).
        await nextTurn();
        progress("merging");
        if (kind === "users") userChanges = await stagedUserChanges(tx);
        const result = await mergeImportStage(tx, kind, today, {
          chunkLines: ctx.db.kind === "pglite" ? PGLITE_MERGE_LINES : undefined,
          onRange: (rowsMerged) => progress("merging", { rowsMerged, rowsValid: rowsRead - invalidRows }),
        });
        await auditUserChanges(tx, userChanges, { at: ctx.clock.now(), runId, source: source.name });
        if (dryRun) throw new Rollback(result);
        if (invalidRows === 0 && fingerprint) {
          const file: FileReport = {
            rowsRead,
            valid: result.valid,
            encoding: input.encoding?.(),
            delimiter: input.delimiter,
            columns: Object.entries(input.columns),
            ignoredColumns: input.ignoredColumns,
            ...(kind === "orders" ? { creditLines } : {}),
          };
          await recordImportFingerprint(tx, runId, kind, fingerprint, file);
        }
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
        const asOf = options.asOf ?? today;
        const scored = await scoreCustomers({ ctx, asOf, customerIds: outcome.customerIds });
        report.rescored = scored.scored;
        // Today's alerts follow today's scores; a historical import (--as-of) leaves them be.
        if (asOf === today)
          await refreshCustomerAlerts({ ctx, asOf, customerIds: outcome.customerIds, updateMessages: false });
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
