import { setImmediate } from "node:timers/promises";
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

/**
 * Merges the checked stage into the kind's table; `today` (ISO) fills defaults such as customer_since.
 *
 * With `chunkLines`, a larger stage is merged a range of file lines at a time, each range its own
 * statement, with a turn of the event loop in between. For PGlite: it runs on this process's main
 * thread, where one statement over a 300k-row stage held the event loop for 6 s, so a chat request
 * arriving meanwhile could not even be acknowledged (Slack gives 3 s). The rows of a stage are
 * independent once the checks have run (keys are unique within it), so merging in ranges writes what
 * one statement writes, inside the same transaction. A `users` stage is always merged whole: moving a
 * chat id from one person to another must see both rows.
 */
export async function mergeImportStage(
  tx: SqlSession,
  kind: ImportKind,
  today: string,
  options: {
    chunkLines?: number;
    /** After each range: the stage rows merged so far (not called for a merge in one statement). */
    onRange?: (rowsMerged: number) => void;
  } = {},
): Promise<MergeOutcome> {
  const [stage] = await tx.query<{ n: number; first: number | null; last: number | null }>(
    "SELECT count(*)::int AS n, min(line) AS first, max(line) AS last FROM import_stage",
    [],
    long,
  );
  const valid = stage!.n;
  const { chunkLines } = options;
  if (!chunkLines || kind === "users" || valid <= chunkLines || stage!.first === null) {
    return { ...(await mergeStatement(tx, kind, today)), valid };
  }
  let inserted = 0;
  let updated = 0;
  const customerIds = new Set<number>();
  let rowsMerged = 0;
  // The merge statement reads `import_stage`; each range is a view of that name over the whole stage,
  // found through an index on the line. The PGlite half of test/import/large-file.test.ts (50 MB):
  // 61 s merged in one statement, 67 s in views of ranges, 72 s copying each range into a table.
  await tx.exec(
    "ALTER TABLE import_stage RENAME TO import_stage_whole; CREATE INDEX ON import_stage_whole (line)",
  );
  for (let from = stage!.first; from <= stage!.last!; from += chunkLines) {
    // Whole numbers computed here, not user input: CREATE VIEW takes no parameters.
    await tx.exec(
      `CREATE TEMP VIEW import_stage AS
         SELECT * FROM import_stage_whole WHERE line >= ${from} AND line < ${from + chunkLines}`,
    );
    const [range] = await tx.query<{ n: number }>("SELECT count(*)::int AS n FROM import_stage");
    const part = await mergeStatement(tx, kind, today);
    rowsMerged += range!.n;
    options.onRange?.(rowsMerged);
    inserted += part.inserted;
    updated += part.updated;
    for (const id of part.customerIds) customerIds.add(id);
    await tx.exec("DROP VIEW import_stage");
    await setImmediate();
  }
  await tx.exec("ALTER TABLE import_stage_whole RENAME TO import_stage");
  return { inserted, updated, valid, customerIds: [...customerIds] };
}

async function mergeStatement(
  tx: SqlSession,
  kind: ImportKind,
  today: string,
): Promise<Omit<MergeOutcome, "valid">> {
  const plan = kindPlans[kind];
  const [merged] = await tx.query<{ inserted: number; updated: number; customer_ids: number[] | null }>(
    plan.merge,
    plan.merge.includes("$1") ? [today] : [],
    long,
  );
  return {
    inserted: merged!.inserted,
    updated: merged!.updated,
    customerIds: (merged!.customer_ids ?? []).map(Number),
  };
}

/**
 * An import's statements after staging (waiting for another import of the kind, the checks, the merge)
 * do work in proportion to the file: a million rows on a loaded server take minutes, far past the
 * 30-second limit meant for interactive work. A stalled server still ends them, just later.
 */
export const IMPORT_STATEMENT_TIMEOUT_MS = 15 * 60_000;
const long = { timeoutMs: IMPORT_STATEMENT_TIMEOUT_MS };

/**
 * PostgreSQL settings for this import's transaction only: work memory for the checks and the merge,
 * which hash, sort and aggregate the whole file (with the default 4 MB they spill to disk; at 64 MB a
 * million-row file still spilled the duplicate check's hash, 147 MB with hash_mem_multiplier 2, and
 * the merge's sort, 93 MB, per EXPLAIN ANALYZE), and the statement limit above.
 */
export async function prepareImportTransaction(tx: SqlSession): Promise<void> {
  await tx.exec(`SET LOCAL work_mem = '128MB'; SET LOCAL statement_timeout = ${IMPORT_STATEMENT_TIMEOUT_MS}`);
}
