import type { ImportKind } from "../../import/kinds.ts";
import { jsonColumn } from "../json.ts";
import type { SqlSession } from "../sql-session.ts";

/**
 * Proof that re-importing a file would change nothing, without reading it into the database again.
 *
 * Every statement that writes an import target table bumps that table's row in
 * `import_table_versions` (statement triggers, migration 20261202053457_import_fingerprints); the
 * `.keys` rows move only when the keys other kinds look up change (customers' external_id, users'
 * email, or the ids behind them) or rows go. A completed import records, in the same transaction as
 * its merge, the fingerprint of what it read (kind, reading options, the bytes) and the versions its
 * merge left. The same fingerprint later, with the same versions, means: the same rows against the
 * same table content, which the merge already made equal — the merge would insert and update nothing
 * and the checks would find what they found then (nothing; only fully valid runs record).
 *
 * The versions are locked (holdImportTableVersions) before the checks and the merge read anything, so
 * a concurrent writer either committed before (and the merge saw it) or waits for this import's commit
 * (and moves the version past the one recorded).
 */
const versionNames: Record<ImportKind, { own: string; refersTo: string[] }> = {
  users: { own: "users", refersTo: [] },
  customers: { own: "customers", refersTo: ["users.keys"] },
  invoices: { own: "invoices", refersTo: ["customers.keys"] },
  orders: { own: "orders", refersTo: ["customers.keys"] },
  complaints: { own: "complaints", refersTo: ["customers.keys"] },
  engagement: { own: "engagement_events", refersTo: ["customers.keys"] },
  nps: { own: "nps_responses", refersTo: ["customers.keys"] },
};

/** The current versions of the tables named in the array parameter `$n`, as a run records them. */
const currentVersions = (n: number) =>
  `(SELECT jsonb_object_agg(name, version::text) FROM import_table_versions WHERE name = ANY($${n}::text[]))`;

function namesOf(kind: ImportKind): string[] {
  return [versionNames[kind].own, ...versionNames[kind].refersTo];
}

/** Locks the kind's versions until commit: its own table for writing, what it refers to for reading. */
export async function holdImportTableVersions(tx: SqlSession, kind: ImportKind): Promise<void> {
  const { own, refersTo } = versionNames[kind];
  await tx.query("SELECT 1 FROM import_table_versions WHERE name = $1 FOR UPDATE", [own]);
  if (refersTo.length > 0) {
    await tx.query("SELECT 1 FROM import_table_versions WHERE name = ANY($1::text[]) FOR SHARE", [refersTo]);
  }
}

/**
 * Called in the import's transaction after its merge (the versions are held): the run remembers what
 * it read and the versions its merge left. `fileReport` is what the report said about the file.
 */
export async function recordImportFingerprint(
  tx: SqlSession,
  runId: number,
  kind: ImportKind,
  fingerprint: string,
  fileReport: unknown,
): Promise<void> {
  await tx.query(
    `UPDATE import_runs
        SET file_fingerprint = $2, file_report = $3::jsonb,
            table_versions = ${currentVersions(4)}
      WHERE id = $1`,
    [runId, fingerprint, JSON.stringify(fileReport), namesOf(kind)],
  );
}

/**
 * The completed runs of this kind whose recorded versions are the current ones: nothing they depend
 * on was written since (one statement: one snapshot of the runs and the versions). Normally at most
 * one, since every import of the kind that merges moves its own version.
 */
export async function importsAtCurrentVersions(
  sql: SqlSession,
  kind: ImportKind,
): Promise<Array<{ runId: number; fingerprint: string; fileReport: unknown }>> {
  const rows = await sql.query<{ id: number; file_fingerprint: string; file_report: unknown }>(
    `SELECT r.id, r.file_fingerprint, r.file_report FROM import_runs r
      WHERE r.kind = $1 AND r.file_fingerprint IS NOT NULL AND r.status = 'completed' AND NOT r.dry_run
        AND r.table_versions = ${currentVersions(2)}
      ORDER BY r.id DESC LIMIT 5`,
    [kind, namesOf(kind)],
  );
  return rows.map((row) => ({
    runId: Number(row.id),
    fingerprint: row.file_fingerprint,
    fileReport: jsonColumn(row.file_report),
  }));
}
