import { afterAll, beforeAll, describe } from "vitest";
import type { Database, DatabaseKind } from "../../src/db/client.ts";
import { openTestDatabase } from "./database.ts";
import { postgresSkipReason } from "./postgres.ts";

const postgresSkip = await postgresSkipReason();

/**
 * Run the same suite against a fresh migrated PGlite and a fresh PostgreSQL database. Off CI a
 * missing PostgreSQL skips its half (the reason is in the title); on CI it fails.
 */
export function describeEachDatabase(
  name: string,
  suite: (database: () => Database, kind: DatabaseKind) => void,
  options: { setup?: (db: Database) => Promise<void> } = {},
): void {
  for (const kind of ["pglite", "postgres"] as const) {
    const skip = kind === "postgres" ? postgresSkip : undefined;
    describe.skipIf(skip !== undefined)(`${name} [${kind}${skip ? `, skipped: ${skip}` : ""}]`, () => {
      let db: Database | undefined;
      beforeAll(async () => {
        db = await openTestDatabase(kind);
        await options.setup?.(db);
      });
      afterAll(async () => {
        await db?.close();
      });
      suite(() => {
        if (!db) throw new Error("database not open yet");
        return db;
      }, kind);
    });
  }
}
