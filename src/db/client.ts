import { mkdirSync } from "node:fs";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { AppError } from "../app-error.ts";
import type { DatabaseTarget, PostgresTimeouts } from "../config/database.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { acquireDataDirLock, type DataDirLock } from "./data-dir-lock.ts";
import { pgliteSession, pgSession, type SqlSession } from "./sql-session.ts";

export type DatabaseKind = "pglite" | "postgres";

export interface Database {
  kind: DatabaseKind;
  /**
   * Prisma Client on the same connection(s), loaded and built on the first call: only the API-token
   * repository uses it (docs/architecture.md, "Prisma and the two adapters"), so the bot and every
   * other command never load its query compiler (~70 MB resident, 250–400 ms on the first query).
   */
  prisma(): Promise<PrismaClient>;
  /** Raw SQL on the same database, for migrations, bulk loads and set-based aggregation. */
  sql: SqlSession;
  /** Where the data lives, for messages: a directory or the server (password removed). */
  location: string;
  close(): Promise<void>;
}

export const defaultPostgresTimeouts: PostgresTimeouts = {
  connectMs: 5_000,
  statementMs: 30_000,
  idleInTransactionMs: 60_000,
};

/** Extra time the client waits past statement_timeout, so the server's own cancel normally wins. */
const CLIENT_READ_MARGIN_MS = 2_000;

/**
 * Each driver (PGlite, or pg) is imported only when a database of that kind is opened, and Prisma
 * Client with its adapter only when a repository first asks for it: a CLI call that needs no
 * database, or PostgreSQL only, never pays for loading the others.
 */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  return target.kind === "postgres"
    ? openPostgres(target.url, target.poolSize ?? 10, target.timeouts ?? defaultPostgresTimeouts)
    : openPglite(target.dataDir, target.sharedBuffers ?? DEFAULT_PGLITE_SHARED_BUFFERS);
}

async function openPglite(dataDir: string | undefined, sharedBuffers: string): Promise<Database> {
  let lock: DataDirLock | undefined;
  let pgliteDir: string | undefined;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    // PGlite does not lock its directory; two processes on one directory lose rows silently.
    lock = acquireDataDirLock(dataDir);
    pgliteDir = path.join(dataDir, "pglite");
  }
  const [{ PGlite }, { pg_trgm }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("@electric-sql/pglite/contrib/pg_trgm"),
  ]);
  let client: PGlite;
  try {
    client = await PGlite.create({
      dataDir: pgliteDir,
      extensions: { pg_trgm },
      startParams: [...PGlite.defaultStartParams, "-c", `shared_buffers=${sharedBuffers}`],
    });
  } catch (error) {
    lock?.release();
    throw new AppError("DATABASE", `Could not open the embedded database in ${dataDir}: ${String(error)}`, {
      cause: error,
    });
  }
  const prisma = lazyPrisma(async () => {
    const [{ PrismaPGlite }, { PrismaClient }] = await Promise.all([
      import("pglite-prisma-adapter"),
      import("../generated/prisma/client.ts"),
    ]);
    return new PrismaClient({ adapter: new PrismaPGlite(client) });
  });
  return {
    kind: "pglite",
    prisma: prisma.get,
    sql: pgliteSession(client),
    location: dataDir ? path.resolve(dataDir) : "(in memory)",
    async close() {
      await prisma.disconnect();
      await client.close();
      lock?.release();
    },
  };
}

/**
 * The embedded database's shared_buffers. PGlite's PostgreSQL zeroes all of its shared buffers when it
 * starts, inside WebAssembly memory that never shrinks: with PostgreSQL's default of 128 MB the process
 * held ~120 MB more from the first second on. With 16 MB, pages beyond it are read again from the
 * operating system's file cache (not the process's memory); this keeps the bot under 300 MB at 20k
 * customers. KLANTPULS_PGLITE_SHARED_BUFFERS raises it on a machine with room.
 */
export const DEFAULT_PGLITE_SHARED_BUFFERS = "16MB";

async function openPostgres(url: string, poolSize: number, timeouts: PostgresTimeouts): Promise<Database> {
  const { default: pg } = await import("pg");
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: timeouts.connectMs,
    statement_timeout: timeouts.statementMs,
    idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
    query_timeout: timeouts.statementMs + CLIENT_READ_MARGIN_MS,
    keepAlive: true,
    // No JIT compilation: the bot's large statements (the scoring aggregation, an import's checks and
    // merge) run once per call, and compiling them took 0.3–0.9 s per run of the scoring aggregation at
    // 20k customers, won back at best on an idle server and not at all on a busy one (README, Performance).
    options: "-c jit=off",
  });
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
  const prisma = lazyPrisma(async () => {
    const [{ PrismaPg }, { PrismaClient }] = await Promise.all([
      import("@prisma/adapter-pg"),
      import("../generated/prisma/client.ts"),
    ]);
    return new PrismaClient({ adapter: new PrismaPg(pool) });
  });
  return {
    kind: "postgres",
    prisma: prisma.get,
    sql: pgSession(pool),
    location: redactUrl(url),
    async close() {
      await prisma.disconnect();
      await pool.end();
    },
  };
}

/** A Prisma Client built once, on the first `get`; `disconnect` only disconnects one that was built. */
function lazyPrisma(build: () => Promise<PrismaClient>) {
  let client: Promise<PrismaClient> | undefined;
  return {
    get: () => {
      client ??= build();
      return client;
    },
    async disconnect() {
      if (client) await (await client).$disconnect();
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

/**
 * True for the errors a stalled or unreachable database produces: the server cancelled a statement
 * (statement_timeout, 57014), the client gave up waiting (query_timeout), no connection could be had
 * in time, or the connection broke. The HTTP edge answers these with 503.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (code === "57014" || code === "57P01" || code === "ECONNREFUSED" || code === "ECONNRESET") return true;
  return /Query read timeout|timeout exceeded when trying to connect|Connection terminated|DatabaseTimeout/i.test(
    error.message,
  );
}
