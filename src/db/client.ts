import { mkdirSync } from "node:fs";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { AppError } from "../app-error.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { acquireDataDirLock, type DataDirLock } from "./data-dir-lock.ts";
import { pgliteSession, pgSession, type SqlSession } from "./sql-session.ts";

export type DatabaseKind = "pglite" | "postgres";

export interface Database {
  kind: DatabaseKind;
  prisma: PrismaClient;
  /** Raw SQL on the same database, for migrations, bulk loads and set-based aggregation. */
  sql: SqlSession;
  /** Where the data lives, for messages: a directory or the server (password removed). */
  location: string;
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { kind: "postgres"; url: string; poolSize?: number }
  /** `dataDir` undefined means in memory (tests). */
  | { kind: "pglite"; dataDir?: string };

/**
 * Each driver (PGlite, or pg with its Prisma adapter) and the Prisma client are imported only when a
 * database of that kind is opened: a CLI call that needs no database, or PostgreSQL only, never pays
 * for loading the others.
 */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  return target.kind === "postgres"
    ? openPostgres(target.url, target.poolSize ?? 10)
    : openPglite(target.dataDir);
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  let lock: DataDirLock | undefined;
  let pgliteDir: string | undefined;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    // PGlite does not lock its directory; two processes on one directory lose rows silently.
    lock = acquireDataDirLock(dataDir);
    pgliteDir = path.join(dataDir, "pglite");
  }
  const [{ PGlite }, { pg_trgm }, { PrismaPGlite }, { PrismaClient }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("@electric-sql/pglite/contrib/pg_trgm"),
    import("pglite-prisma-adapter"),
    import("../generated/prisma/client.ts"),
  ]);
  let client: PGlite;
  try {
    client = await PGlite.create({ dataDir: pgliteDir, extensions: { pg_trgm } });
  } catch (error) {
    lock?.release();
    throw new AppError("DATABASE", `Could not open the embedded database in ${dataDir}: ${String(error)}`, {
      cause: error,
    });
  }
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(client) });
  return {
    kind: "pglite",
    prisma,
    sql: pgliteSession(client),
    location: dataDir ? path.resolve(dataDir) : "(in memory)",
    async close() {
      await prisma.$disconnect();
      await client.close();
      lock?.release();
    },
  };
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const [{ default: pg }, { PrismaPg }, { PrismaClient }] = await Promise.all([
    import("pg"),
    import("@prisma/adapter-pg"),
    import("../generated/prisma/client.ts"),
  ]);
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle connection the server closes (restart, failover, admin kill) emits "error" on the pool;
  // unhandled, that event would crash the process. The pool replaces the connection by itself.
  pool.on("error", (error) => {
    process.emitWarning(`PostgreSQL connection lost (${error.message}); it will be replaced.`);
  });
  try {
    const check = await pool.connect();
    check.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new AppError("DATABASE", `Could not connect to PostgreSQL at ${redactUrl(url)}: ${String(error)}`, {
      cause: error,
    });
  }
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    kind: "postgres",
    prisma,
    sql: pgSession(pool),
    location: redactUrl(url),
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparsable DATABASE_URL)";
  }
}
