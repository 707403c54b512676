import { randomBytes } from "node:crypto";
import pg from "pg";

/**
 * Tests against a real PostgreSQL use a throwaway database on the local server. Off CI a missing
 * server skips those tests with the reason in their title; on CI (CI=true) it is a failure, so a
 * broken CI set-up cannot pass by skipping.
 */

export const postgresAdminUrl =
  process.env.KLANTPULS_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export type PostgresAvailability = { available: true } | { available: false; reason: string };

let availability: Promise<PostgresAvailability> | undefined;

export function postgresAvailable(): Promise<PostgresAvailability> {
  availability ??= probe();
  return availability;
}

/**
 * For `describe.skipIf(...)`: undefined when PostgreSQL is there, a reason to skip when it is not,
 * and a thrown error when it is not there on CI.
 */
export async function postgresSkipReason(): Promise<string | undefined> {
  const result = await postgresAvailable();
  if (result.available) return undefined;
  if (process.env.CI === "true") {
    throw new Error(
      `PostgreSQL is required on CI but not reachable at ${postgresAdminUrl}: ${result.reason}`,
    );
  }
  console.warn(`Skipping PostgreSQL tests: ${result.reason}`);
  return result.reason;
}

export interface ThrowawayPostgres {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** Creates `<prefix>_<random>` on the test server; `drop()` removes it even with connections left open. */
export async function createThrowawayPostgres(prefix: string): Promise<ThrowawayPostgres> {
  if (!/^[a-z][a-z0-9_]*$/.test(prefix)) throw new Error(`Unsafe database name prefix: ${prefix}`);
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE "${name}"`));
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

async function probe(): Promise<PostgresAvailability> {
  try {
    await withAdmin((admin) => admin.query("SELECT 1"));
    return { available: true };
  } catch (error) {
    return { available: false, reason: `no PostgreSQL at ${postgresAdminUrl} (${String(error)})` };
  }
}

async function withAdmin<T>(work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: postgresAdminUrl, connectionTimeoutMillis: 3000 });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}
