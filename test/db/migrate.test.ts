import { createHash } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { AppError } from "../../src/app-error.ts";
import {
  applyMigrations,
  defaultMigrationsDir,
  migrationStatus,
  readMigrations,
} from "../../src/db/migrate.ts";
import { pgliteSession, pgSession, type SqlSession } from "../../src/db/sql-session.ts";
import { createThrowawayPostgres, postgresSkipReason } from "../support/postgres.ts";

interface TestDatabase {
  sql: SqlSession;
  close(): Promise<void>;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A copy of the real migrations in a temp dir, to add broken or edited ones to. */
function copyOfMigrations(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "kp-migrations-"));
  cpSync(defaultMigrationsDir, dir, { recursive: true });
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function addMigration(dir: string, name: string, script: string): void {
  mkdirSync(path.join(dir, name));
  writeFileSync(path.join(dir, name, "migration.sql"), script);
}

async function tableExists(sql: SqlSession, table: string): Promise<boolean> {
  const [row] = await sql.query<{ exists: boolean }>("SELECT to_regclass($1) IS NOT NULL AS exists", [
    `"${table}"`,
  ]);
  return row?.exists === true;
}

const realNames = (await readMigrations(defaultMigrationsDir)).map((migration) => migration.name);
const initName = realNames[0] ?? "(no migrations)";

function migrationScenarios(open: () => Promise<TestDatabase>) {
  async function fresh(): Promise<SqlSession> {
    const db = await open();
    cleanups.push(() => db.close());
    return db.sql;
  }

  it("applies all migrations to an empty database, then nothing the second time", async () => {
    const sql = await fresh();
    const lines: string[] = [];
    const first = await applyMigrations(sql, { log: (line) => lines.push(line) });
    expect(first.applied).toEqual((await readMigrations(defaultMigrationsDir)).map((m) => m.name));
    expect(first.applied[0]).toMatch(/^\d{14}_init$/);
    expect(await tableExists(sql, "customers")).toBe(true);
    const extensions = await sql.query<{ extname: string }>("SELECT extname FROM pg_extension");
    expect(extensions.map((row) => row.extname)).toContain("pg_trgm");

    const second = await applyMigrations(sql, { log: (line) => lines.push(line) });
    expect(second.applied).toEqual([]);
    expect(lines.at(-1)).toMatch(/up to date/);
    const [count] = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "_prisma_migrations"`);
    expect(count?.n).toBe(first.applied.length);
  });

  it("records migrations exactly as Prisma does", async () => {
    const sql = await fresh();
    await applyMigrations(sql);
    const rows = await sql.query<Record<string, unknown>>(
      `SELECT * FROM "_prisma_migrations" ORDER BY started_at`,
    );
    const file = readFileSync(path.join(defaultMigrationsDir, initName, "migration.sql"));
    expect(rows[0]).toMatchObject({
      migration_name: initName,
      checksum: createHash("sha256").update(file).digest("hex"),
      applied_steps_count: 1,
      logs: null,
      rolled_back_at: null,
    });
    expect(rows[0]?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const started = new Date(rows[0]?.started_at as string).getTime();
    const finished = new Date(rows[0]?.finished_at as string).getTime();
    expect(finished).toBeGreaterThanOrEqual(started);

    // Prisma's table definition, so its engine accepts the table as its own.
    const columns = await sql.query<Record<string, unknown>>(
      `SELECT column_name, data_type, character_maximum_length AS len, is_nullable, column_default
       FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns.map((c) => [c.column_name, c.data_type, c.len, c.is_nullable, c.column_default])).toEqual([
      ["id", "character varying", 36, "NO", null],
      ["checksum", "character varying", 64, "NO", null],
      ["finished_at", "timestamp with time zone", null, "YES", null],
      ["migration_name", "character varying", 255, "NO", null],
      ["logs", "text", null, "YES", null],
      ["rolled_back_at", "timestamp with time zone", null, "YES", null],
      ["started_at", "timestamp with time zone", null, "NO", "now()"],
      ["applied_steps_count", "integer", null, "NO", "0"],
    ]);
  });

  it("runs a script with $$ bodies whole, not split on semicolons", async () => {
    const sql = await fresh();
    const dir = copyOfMigrations();
    addMigration(
      dir,
      "29990101000000_function",
      `CREATE FUNCTION kp_twice(x int) RETURNS int LANGUAGE plpgsql AS $$
BEGIN
  RETURN x * 2;
END;
$$;
CREATE TABLE "kp_after_function" ("id" int);
`,
    );
    const { applied } = await applyMigrations(sql, { migrationsDir: dir });
    expect(applied).toContain("29990101000000_function");
    expect(await sql.query("SELECT kp_twice(21) AS v")).toEqual([{ v: 42 }]);
  });

  it("rolls a failing migration back completely and names it in the error", async () => {
    const sql = await fresh();
    const dir = copyOfMigrations();
    addMigration(
      dir,
      "29990101000000_broken",
      `CREATE TABLE "kp_partial" ("id" int);\nINSERT INTO "kp_partial" VALUES (1);\nSELECT * FROM "kp_no_such_table";\n`,
    );
    addMigration(dir, "29990102000000_after", `CREATE TABLE "kp_after" ("id" int);\n`);

    const error = await applyMigrations(sql, { migrationsDir: dir }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("MIGRATION");
    expect((error as AppError).message).toContain("29990101000000_broken");
    expect((error as AppError).message).toContain("kp_no_such_table");

    expect(await tableExists(sql, "kp_partial")).toBe(false);
    expect(await tableExists(sql, "kp_after")).toBe(false);
    expect(await tableExists(sql, "customers")).toBe(true);
    const names = await sql.query<{ migration_name: string }>(
      `SELECT migration_name FROM "_prisma_migrations"`,
    );
    expect(names.map((row) => row.migration_name).sort()).toEqual(realNames);

    // Nothing was left behind, so a fixed script simply applies on the next start.
    addMigration(dir, "29990101000000_broken_fixed_placeholder", "SELECT 1;\n");
    rmSync(path.join(dir, "29990101000000_broken"), { recursive: true });
    const retry = await applyMigrations(sql, { migrationsDir: dir });
    expect(retry.applied).toEqual(["29990101000000_broken_fixed_placeholder", "29990102000000_after"]);
  });

  it("refuses to go past a migration that failed earlier, until it is marked rolled back", async () => {
    const sql = await fresh();
    const dir = copyOfMigrations();
    await applyMigrations(sql, { migrationsDir: dir });
    addMigration(dir, "29990101000000_half_done", `CREATE TABLE "kp_half" ("id" int);\n`);
    addMigration(dir, "29990102000000_next", `CREATE TABLE "kp_next" ("id" int);\n`);
    // What Prisma's engine leaves when a migration fails: a row without finished_at.
    await sql.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, logs, started_at, applied_steps_count)
       VALUES ('00000000-0000-4000-8000-000000000001', 'x', '29990101000000_half_done', 'db error', now(), 0)`,
    );

    expect((await migrationStatus(sql, dir)).find((m) => m.name === "29990101000000_half_done")).toEqual({
      name: "29990101000000_half_done",
      applied: false,
      failed: true,
    });
    await expect(applyMigrations(sql, { migrationsDir: dir })).rejects.toThrow(
      /29990101000000_half_done failed earlier.*refusing/,
    );
    expect(await tableExists(sql, "kp_next")).toBe(false);

    await sql.query(`UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE finished_at IS NULL`);
    const { applied } = await applyMigrations(sql, { migrationsDir: dir });
    expect(applied).toEqual(["29990101000000_half_done", "29990102000000_next"]);
  });

  it("warns, but carries on, when an applied migration was edited afterwards", async () => {
    const sql = await fresh();
    const dir = copyOfMigrations();
    await applyMigrations(sql, { migrationsDir: dir });
    const file = path.join(dir, initName, "migration.sql");
    writeFileSync(file, `${readFileSync(file, "utf8")}\n-- edited after it was applied\n`);
    const lines: string[] = [];
    const { applied } = await applyMigrations(sql, { migrationsDir: dir, log: (line) => lines.push(line) });
    expect(applied).toEqual([]);
    expect(lines.join("\n")).toMatch(
      new RegExp(`warning: migration ${initName} was modified after it was applied`),
    );
  });

  it("accepts a checksum taken before line endings changed, as Prisma does", async () => {
    const sql = await fresh();
    const dir = copyOfMigrations();
    await applyMigrations(sql, { migrationsDir: dir });
    const file = path.join(dir, initName, "migration.sql");
    writeFileSync(file, readFileSync(file, "utf8").replaceAll("\n", "\r\n"));
    const lines: string[] = [];
    await applyMigrations(sql, { migrationsDir: dir, log: (line) => lines.push(line) });
    expect(lines.join("\n")).not.toMatch(/warning/);
  });

  it("reports status per migration", async () => {
    const sql = await fresh();
    expect(await migrationStatus(sql)).toEqual(
      realNames.map((name) => ({ name, applied: false, failed: false })),
    );
    await applyMigrations(sql);
    expect(await migrationStatus(sql)).toEqual(
      realNames.map((name) => ({ name, applied: true, failed: false })),
    );
  });
}

describe("migrations on PGlite (in memory)", () => {
  migrationScenarios(async () => {
    const client = await PGlite.create({ extensions: { pg_trgm } });
    return { sql: pgliteSession(client), close: () => client.close() };
  });
});

const skipPostgres = await postgresSkipReason();

describe.skipIf(skipPostgres !== undefined)(
  `migrations on PostgreSQL${skipPostgres ? ` (skipped: ${skipPostgres})` : ""}`,
  () => {
    migrationScenarios(async () => {
      const database = await createThrowawayPostgres("kp_mig");
      const pool = new pg.Pool({ connectionString: database.url, max: 3 });
      // pool.end() can resolve before a client's socket is closed; the forced drop then terminates it.
      pool.on("error", () => {});
      return {
        sql: pgSession(pool),
        async close() {
          await pool.end();
          await database.drop();
        },
      };
    });

    it("lets several instances start at once: each migration is applied exactly once", async () => {
      const database = await createThrowawayPostgres("kp_mig");
      const pools = Array.from({ length: 4 }, () => {
        const pool = new pg.Pool({ connectionString: database.url, max: 2 });
        // Dropping the throwaway database terminates any connection still open: expected, not a failure.
        pool.on("error", () => {});
        return pool;
      });
      cleanups.push(async () => {
        await Promise.all(pools.map((pool) => pool.end()));
        await database.drop();
      });
      const dir = copyOfMigrations();
      // A slow second migration widens the window in which the instances overlap.
      addMigration(dir, "29990101000000_slow", `SELECT pg_sleep(0.3);\nCREATE TABLE "kp_slow" ("id" int);\n`);

      const results = await Promise.all(
        pools.map((pool) => applyMigrations(pgSession(pool), { migrationsDir: dir })),
      );
      expect(results.flatMap((result) => result.applied).sort()).toEqual(
        [...realNames, "29990101000000_slow"].sort(),
      );
      const [count] = await pgSession(pools[0]!).query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "_prisma_migrations"`,
      );
      expect(count?.n).toBe(realNames.length + 1);
    });
  },
);
