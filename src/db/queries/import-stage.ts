import type { ImportKind } from "../../import/kinds.ts";
import type { CopyIn, SqlSession } from "../sql-session.ts";
import { IMPORT_STATEMENT_TIMEOUT_MS } from "./import-merge.ts";
import { kindPlans } from "./import-plans.ts";

/**
 * The staging table of one import: a temporary table (no WAL, dropped at commit) with the file's
 * line number and the kind's stage columns, loaded with COPY. Checks and the merge read it set-based.
 */
export async function createImportStage(tx: SqlSession, kind: ImportKind): Promise<void> {
  const columns = kindPlans[kind].stage.map((column) => `${column.name} ${column.type}`).join(", ");
  await tx.exec(`CREATE TEMP TABLE import_stage (line int NOT NULL, ${columns}) ON COMMIT DROP`);
}

/** A COPY into the stage: write lines of `line`, then the stage columns in plan order (copy-text.ts). */
export function copyIntoImportStage(tx: SqlSession, kind: ImportKind): Promise<CopyIn> {
  const columns = kindPlans[kind].stage.map((column) => column.name).join(", ");
  return tx.copyIn(`COPY import_stage (line, ${columns}) FROM STDIN`);
}

/** Fresh statistics for the checks and the merge: the planner knows nothing about a new temp table. */
export async function analyzeImportStage(tx: SqlSession): Promise<void> {
  await tx.query("ANALYZE import_stage", [], { timeoutMs: IMPORT_STATEMENT_TIMEOUT_MS });
}
