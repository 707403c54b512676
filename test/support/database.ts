import { type Database, type DatabaseKind, openDatabase } from "../../src/db/client.ts";
import { applyMigrations } from "../../src/db/migrate.ts";
import { createThrowawayPostgres } from "./postgres.ts";

/**
 * A migrated, empty database for one test file: an in-memory PGlite, or a throwaway database on the
 * local PostgreSQL server (dropped again on close).
 */
export async function openTestDatabase(kind: DatabaseKind): Promise<Database> {
  if (kind === "pglite") {
    const db = await openDatabase({ kind: "pglite" });
    await applyMigrations(db.sql);
    return db;
  }
  const throwaway = await createThrowawayPostgres("kp_test");
  const db = await openDatabase({ kind: "postgres", url: throwaway.url, poolSize: 4 });
  await applyMigrations(db.sql);
  return {
    ...db,
    async close() {
      await db.close();
      await throwaway.drop();
    },
  };
}
