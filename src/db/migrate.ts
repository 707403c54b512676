import { createHash, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { AppError } from "../app-error.ts";
import { packageRoot } from "../package-root.ts";
import type { SqlSession } from "./sql-session.ts";

/**
 * Applies `prisma/migrations/<name>/migration.sql` in name order and records them in
 * `_prisma_migrations` exactly as Prisma's engine does, so `prisma migrate status/deploy` and this
 * migrator can take over from each other. We do not use Prisma's engine at start-up: it is a
 * native binary (not available offline) or a WASM build whose adapters are not atomic (see
 * docs/architecture.md, "Prisma and the two adapters").
 */

export const defaultMigrationsDir = path.join(packageRoot(), "prisma", "migrations");

/** Prisma's own advisory lock key, so we also exclude a concurrent `prisma migrate deploy`. */
const PRISMA_ADVISORY_LOCK_KEY = 72707369;

// Prisma's DDL for the table, verbatim (sql-schema-connector, PostgreSQL flavour).
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
);`;

export interface MigrationFile {
  name: string;
  script: string;
  checksum: string;
}

export interface MigrationStatusEntry {
  name: string;
  applied: boolean;
  failed: boolean;
}

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | string | null;
  rolled_back_at: Date | string | null;
}

export interface ApplyMigrationsOptions {
  migrationsDir?: string;
  log?: (line: string) => void;
}

export async function applyMigrations(
  sql: SqlSession,
  options: ApplyMigrationsOptions = {},
): Promise<{ applied: string[] }> {
  const log = options.log ?? (() => undefined);
  const migrations = await readMigrations(options.migrationsDir ?? defaultMigrationsDir);

  // Each step takes Prisma's lock as a transaction-level lock: the SqlSession may be a pool, so a
  // session-level lock could be taken on one connection and the migration run on another. The
  // transaction-level lock conflicts with Prisma's session-level one on the same key all the same.
  const rows = await sql.transaction(async (tx) => {
    await lock(tx);
    if (!(await migrationsTableExists(tx))) await tx.exec(CREATE_MIGRATIONS_TABLE);
    return readRows(tx);
  });
  refuseIfFailed(rows);
  warnAboutHistory(rows, migrations, log);

  const applied: string[] = [];
  for (const migration of migrations) {
    if (rows.some((row) => isApplied(row) && row.migration_name === migration.name)) continue;
    const started = performance.now();
    const didApply = await sql.transaction(async (tx) => {
      await lock(tx);
      // Another instance may have applied it (or failed on it) while we waited for the lock.
      const current = await readRows(tx);
      refuseIfFailed(current);
      if (current.some((row) => isApplied(row) && row.migration_name === migration.name)) return false;
      await applyOne(tx, migration);
      return true;
    });
    if (didApply) {
      applied.push(migration.name);
      log(`migrate: applied ${migration.name} in ${Math.round(performance.now() - started)} ms`);
    }
  }
  if (applied.length === 0) log("migrate: database is up to date");
  return { applied };
}

export async function migrationStatus(
  sql: SqlSession,
  migrationsDir: string = defaultMigrationsDir,
): Promise<MigrationStatusEntry[]> {
  const migrations = await readMigrations(migrationsDir);
  const rows = (await migrationsTableExists(sql)) ? await readRows(sql) : [];
  return migrations.map(({ name }) => ({
    name,
    applied: rows.some((row) => row.migration_name === name && isApplied(row)),
    failed: rows.some((row) => row.migration_name === name && isFailed(row)),
  }));
}

/** Migration directories in name order, as Prisma orders them (plain byte order, not locale). */
export async function readMigrations(migrationsDir: string): Promise<MigrationFile[]> {
  if (!existsSync(migrationsDir)) return [];
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const migrations: MigrationFile[] = [];
  for (const name of names) {
    const file = path.join(migrationsDir, name, "migration.sql");
    if (!existsSync(file)) {
      throw new AppError("MIGRATION", `Migration directory ${name} has no migration.sql (${file})`);
    }
    const bytes = await readFile(file);
    migrations.push({ name, script: bytes.toString("utf8"), checksum: sha256Hex(bytes) });
  }
  return migrations;
}

async function applyOne(tx: SqlSession, migration: MigrationFile): Promise<void> {
  const id = randomUUID();
  // Same sequence as Prisma: a row with started_at first, then finished_at and the step count.
  // clock_timestamp(), not now(): inside one transaction now() would make both times equal.
  await tx.query(
    `INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name", "started_at", "applied_steps_count")
     VALUES ($1, $2, $3, clock_timestamp(), 0)`,
    [id, migration.checksum, migration.name],
  );
  try {
    // The whole script in one simple-query call, never split on `;` (that breaks `$$` bodies).
    await tx.exec(migration.script);
  } catch (error) {
    throw new AppError(
      "MIGRATION",
      `Migration ${migration.name} failed and was rolled back, the database is unchanged: ${describeDbError(error)}`,
      {
        cause: error,
        userMessage: `Database migration ${migration.name} failed; see the log.`,
      },
    );
  }
  await tx.query(
    `UPDATE "_prisma_migrations" SET "finished_at" = clock_timestamp(), "applied_steps_count" = 1 WHERE "id" = $1`,
    [id],
  );
}

async function lock(tx: SqlSession): Promise<void> {
  await tx.query("SELECT pg_advisory_xact_lock($1)", [PRISMA_ADVISORY_LOCK_KEY]);
}

async function migrationsTableExists(sql: SqlSession): Promise<boolean> {
  const [row] = await sql.query<{ exists: boolean }>(
    `SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS "exists"`,
  );
  return row?.exists === true;
}

async function readRows(sql: SqlSession): Promise<MigrationRow[]> {
  return sql.query<MigrationRow>(
    `SELECT "migration_name", "checksum", "finished_at", "rolled_back_at"
     FROM "_prisma_migrations" ORDER BY "started_at"`,
  );
}

const isApplied = (row: MigrationRow) => row.finished_at !== null && row.rolled_back_at === null;
const isFailed = (row: MigrationRow) => row.finished_at === null && row.rolled_back_at === null;

function refuseIfFailed(rows: MigrationRow[]): void {
  const failed = rows.find(isFailed);
  if (!failed) return;
  const name = failed.migration_name;
  // Such a row comes from Prisma's own engine (it does not run a script in one transaction) or from
  // a process that died mid-migration; part of that script may be in the database, so a person must look.
  throw new AppError(
    "MIGRATION",
    `Migration ${name} failed earlier (recorded in _prisma_migrations without finished_at); ` +
      "refusing to apply further migrations. Check what part of it reached the database and undo it, then mark it " +
      `rolled back: UPDATE "_prisma_migrations" SET "rolled_back_at" = now() WHERE "migration_name" = '${name}' ` +
      `AND "finished_at" IS NULL; (or \`npx prisma migrate resolve --rolled-back ${name}\`), and start again.`,
    { userMessage: `The database has a failed migration (${name}); an administrator must resolve it.` },
  );
}

function warnAboutHistory(
  rows: MigrationRow[],
  migrations: MigrationFile[],
  log: (line: string) => void,
): void {
  for (const migration of migrations) {
    const row = rows.find((candidate) => candidate.migration_name === migration.name && isApplied(candidate));
    if (row && !checksumMatches(row.checksum, migration)) {
      // Prisma warns and carries on here too; the database already has whatever the old script did.
      log(
        `migrate: warning: migration ${migration.name} was modified after it was applied ` +
          `(checksum ${row.checksum.slice(0, 12)}… in the database, ${migration.checksum.slice(0, 12)}… on disk)`,
      );
    }
  }
  const local = new Set(migrations.map((migration) => migration.name));
  for (const row of rows) {
    if (isApplied(row) && !local.has(row.migration_name)) {
      log(
        `migrate: warning: migration ${row.migration_name} is in the database but not in the migrations folder`,
      );
    }
  }
}

/** Like Prisma, accept a checksum taken before a checkout converted line endings. */
function checksumMatches(recorded: string, migration: MigrationFile): boolean {
  if (recorded === migration.checksum) return true;
  const lf = migration.script.replaceAll("\r\n", "\n");
  const crlf = lf.replaceAll("\n", "\r\n");
  return recorded === sha256Hex(Buffer.from(lf)) || recorded === sha256Hex(Buffer.from(crlf));
}

function sha256Hex(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function describeDbError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const details = error as Error & { code?: string; detail?: string; hint?: string; position?: string };
  const parts = [error.message];
  if (details.code) parts.push(`(SQLSTATE ${details.code})`);
  if (details.detail) parts.push(`detail: ${details.detail}`);
  if (details.hint) parts.push(`hint: ${details.hint}`);
  if (details.position) parts.push(`at character ${details.position}`);
  return parts.join(" ");
}
