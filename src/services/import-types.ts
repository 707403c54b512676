import type { UserChange } from "../db/queries/user-import-changes.ts";
import type { ImportKind } from "../import/kinds.ts";
import type { Delimiter, TextEncodingName } from "../import/text-decoding.ts";

/** The shapes an import reports: its progress while it runs, and the report at the end. */
export interface ImportProgress {
  phase: "reading" | "checking" | "merging" | "rescoring" | "done";
  rowsRead: number;
  /** While merging in ranges (PGlite): the valid rows written so far, of `rowsValid`. */
  rowsMerged?: number;
  rowsValid?: number;
  bytesRead: number;
  totalBytes: number | undefined;
  elapsedMs: number;
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
  /**
   * The earlier run that imported this same file (same bytes, kind and options); nothing it depends
   * on was written since, so the file was not read into the database again: every row is unchanged.
   */
  sameFileAs?: number;
  /** users only: roles and chat ids this import changed (also written to the audit log). */
  userChanges?: UserChange[];
  durationMs: number;
}

export const MAX_REPORTED_ERRORS = 50;

/** The whole file is unusable (no header, a required column missing, broken CSV): status failed. */
export class FileRefused extends Error {}
