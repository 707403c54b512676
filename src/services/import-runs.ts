import type { DatabaseKind } from "../db/client.ts";
import { type ImportRunSummary, listImportRunRows } from "../db/queries/import-runs.ts";
import { failInterruptedImports } from "../db/queries/interrupted-imports.ts";
import type { SqlSession } from "../db/sql-session.ts";

export type { ImportRunSummary };

/** The last imports, newest first; a run whose importer is gone is marked failed first. */
export async function listImportRuns(
  db: { kind: DatabaseKind; sql: SqlSession },
  limit = 20,
): Promise<ImportRunSummary[]> {
  await failInterruptedImports(db, { atStartUp: false });
  return listImportRunRows(db.sql, limit);
}
