import type { ImportKind } from "../../import/kinds.ts";
import type { SqlSession } from "../sql-session.ts";
import { kindPlans } from "./import-plans.ts";

export interface MergeOutcome {
  inserted: number;
  updated: number;
  /** Rows left in the stage after the checks: inserted + updated + unchanged. */
  valid: number;
  /** Customers whose data changed, to rescore. */
  customerIds: number[];
}

/** Merges the checked stage into the kind's table; `today` (ISO) fills defaults such as customer_since. */
export async function mergeImportStage(
  tx: SqlSession,
  kind: ImportKind,
  today: string,
): Promise<MergeOutcome> {
  const plan = kindPlans[kind];
  const long = { timeoutMs: IMPORT_STATEMENT_TIMEOUT_MS };
  const [valid] = await tx.query<{ n: number }>("SELECT count(*)::int AS n FROM import_stage", [], long);
  const [merged] = await tx.query<{ inserted: number; updated: number; customer_ids: number[] | null }>(
    plan.merge,
    plan.merge.includes("$1") ? [today] : [],
    long,
  );
  return {
    inserted: merged!.inserted,
    updated: merged!.updated,
    valid: valid!.n,
    customerIds: (merged!.customer_ids ?? []).map(Number),
  };
}

/**
 * An import's statements after staging (waiting for another import of the kind, the checks, the merge)
 * do work in proportion to the file: a million rows on a loaded server take minutes, far past the
 * 30-second limit meant for interactive work. A stalled server still ends them, just later.
 */
export const IMPORT_STATEMENT_TIMEOUT_MS = 15 * 60_000;

/**
 * PostgreSQL settings for this import's transaction only: work memory for the checks and the merge,
 * which hash, sort and aggregate the whole file (with the default 4 MB they spill to disk; at 64 MB a
 * million-row file still spilled the duplicate check's hash, 147 MB with hash_mem_multiplier 2, and
 * the merge's sort, 93 MB, per EXPLAIN ANALYZE), and the statement limit above.
 */
export async function prepareImportTransaction(tx: SqlSession): Promise<void> {
  await tx.exec(`SET LOCAL work_mem = '128MB'; SET LOCAL statement_timeout = ${IMPORT_STATEMENT_TIMEOUT_MS}`);
}
