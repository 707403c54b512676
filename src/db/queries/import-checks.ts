import type { ImportKind } from "../../import/kinds.ts";
import type { SqlSession } from "../sql-session.ts";
import { IMPORT_STATEMENT_TIMEOUT_MS } from "./import-merge.ts";
import { kindPlans } from "./import-plans.ts";

const long = { timeoutMs: IMPORT_STATEMENT_TIMEOUT_MS };

// Advisory lock namespace for imports (the migrator uses Prisma's 72707369).
const IMPORT_LOCK_NAMESPACE = 72707370;
const KIND_NUMBERS: Record<ImportKind, number> = {
  customers: 1,
  invoices: 2,
  orders: 3,
  complaints: 4,
  engagement: 5,
  nps: 6,
  users: 7,
};

/**
 * One import of a kind at a time from here to commit: the checks see what the merge will see, and
 * overlapping imports queue here instead of deadlocking. Staging before this runs concurrently.
 */
export async function lockImportKind(tx: SqlSession, kind: ImportKind): Promise<void> {
  await tx.query("SELECT pg_advisory_xact_lock($1::int, $2::int)", [
    IMPORT_LOCK_NAMESPACE,
    KIND_NUMBERS[kind],
  ]);
}

export interface StageProblem {
  line: number;
  column: string;
  value: string;
  reason: string;
}

/**
 * Set-based checks on the staged rows; bad rows are deleted from the stage (with skip-invalid they
 * are simply not merged). Each bad row is counted once: a row that refers to an unknown customer is
 * not also reported as a duplicate. Returns the count and the first `limit` problems of each check.
 */
export async function deleteBadStageRows(
  tx: SqlSession,
  kind: ImportKind,
  limit: number,
): Promise<{ invalid: number; problems: StageProblem[] }> {
  const plan = kindPlans[kind];
  let invalid = 0;
  const problems: StageProblem[] = [];
  for (const check of plan.references) {
    const rows = await tx.query<{ line: number; value: string; total: number }>(
      `WITH bad AS (DELETE FROM import_stage s WHERE ${check.badWhen} RETURNING s.line, s.${check.column}::text AS value)
       SELECT line, value, count(*) OVER ()::int AS total FROM bad ORDER BY line LIMIT ${limit}`,
      [],
      long,
    );
    invalid += rows[0]?.total ?? 0;
    for (const row of rows) {
      problems.push({
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
       SELECT line, first_line, value, count(*) OVER ()::int AS total FROM bad ORDER BY line LIMIT ${limit}`,
      [],
      long,
    );
    invalid += rows[0]?.total ?? 0;
    for (const row of rows) {
      problems.push({
        line: row.line,
        column: key.join("+"),
        value: row.value,
        reason: `duplicate of line ${row.first_line}: the file has this ${key.join(" + ")} twice`,
      });
    }
  }
  return { invalid, problems };
}
