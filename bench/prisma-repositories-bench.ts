/**
 * Prisma Client against raw SQL for the bot's per-request look-ups (authenticate an ingest token, a
 * user by Teams id, a Teams conversation by id): the same call, one after the other, on PGlite (in
 * memory) and on a throwaway PostgreSQL database. Prints µs per call and the ratio, and what the first
 * Prisma call of the process costs in time and RSS (it loads the query compiler). These figures are
 * why the bot's hot paths stay raw SQL and only the `tokens` CLI uses Prisma Client
 * (docs/architecture.md, "Prisma and the two adapters").
 *
 *   npx tsx bench/prisma-repositories-bench.ts [--iterations 1000] [--only pglite|postgres]
 */
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { type Database, openDatabase } from "../src/db/client.ts";
import { applyMigrations } from "../src/db/migrate.ts";
import { insertApiToken } from "../src/db/queries/api-tokens.ts";
import type { SqlSession } from "../src/db/sql-session.ts";
import { adminUrl, postgresReachable, withAdmin } from "./bench-database.ts";

const { values } = parseArgs({
  options: { iterations: { type: "string", default: "1000" }, only: { type: "string" } },
});
const iterations = Number(values.iterations);

/** The raw SQL the repositories run. */
const raw = {
  useApiToken: (sql: SqlSession, hash: string) =>
    sql.query(
      `UPDATE api_tokens SET last_used_at = now() WHERE token_hash = $1 AND revoked_at IS NULL
       RETURNING id, name, scopes, max_role::text AS max_role`,
      [hash],
    ),
  findUser: (sql: SqlSession, aadObjectId: string) =>
    sql.query(
      "SELECT id, name, email, role::text AS role, locale, locale_chosen FROM users WHERE teams_user_id = $1",
      [aadObjectId],
    ),
  findConversation: (sql: SqlSession, id: string) =>
    sql.query(
      `SELECT conversation_id, kind, tenant_id, team_id, aad_object_id, service_url, reference
         FROM teams_conversations WHERE conversation_id = $1`,
      [id],
    ),
};

/** The same look-ups through Prisma Client (as a Prisma version of the repositories would run them). */
const viaPrisma = {
  useApiToken: async (db: Database, hash: string) =>
    (await db.prisma()).apiToken.updateManyAndReturn({
      where: { tokenHash: hash, revokedAt: null },
      data: { lastUsedAt: new Date() },
      select: { id: true, name: true, scopes: true, maxRole: true },
    }),
  findUser: async (db: Database, aadObjectId: string) =>
    (await db.prisma()).user.findUnique({
      where: { teamsUserId: aadObjectId },
      select: { id: true, name: true, email: true, role: true, locale: true, localeChosen: true },
    }),
  findConversation: async (db: Database, id: string) =>
    (await db.prisma()).teamsConversation.findUnique({ where: { conversationId: id } }),
};

async function time(work: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < Math.min(100, iterations); i += 1) await work();
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i += 1) await work();
  return Number(process.hrtime.bigint() - start) / 1000 / iterations;
}

async function bench(kind: "pglite" | "postgres", db: Database): Promise<void> {
  await applyMigrations(db.sql);
  // The first Prisma call of a process also loads the client's query compiler.
  const rssBefore = process.memoryUsage().rss;
  const coldStart = process.hrtime.bigint();
  await insertApiToken(db, { name: "bench", tokenHash: "hash-bench", scopes: ["orders"], maxRole: "MEMBER" });
  const coldMs = Number(process.hrtime.bigint() - coldStart) / 1e6;
  const rssGrowth = (process.memoryUsage().rss - rssBefore) / 2 ** 20;
  console.log(
    `${kind.padEnd(8)}  first Prisma call on this database  ${coldMs.toFixed(0)} ms, RSS +${rssGrowth.toFixed(0)} MiB`,
  );
  await db.sql.query(
    "INSERT INTO users (email, name, teams_user_id) VALUES ('b@example.test', 'B', 'aad-b')",
  );
  await db.sql.query(
    `INSERT INTO teams_conversations (conversation_id, kind, service_url, reference, updated_at)
     VALUES ('a:bench', 'personal', 'https://smba.example/emea/', '{}'::jsonb, now())`,
  );
  const cases: [string, () => Promise<unknown>, () => Promise<unknown>][] = [
    [
      "authenticate a token",
      () => viaPrisma.useApiToken(db, "hash-bench"),
      () => raw.useApiToken(db.sql, "hash-bench"),
    ],
    ["a user by Teams id", () => viaPrisma.findUser(db, "aad-b"), () => raw.findUser(db.sql, "aad-b")],
    [
      "a conversation by id",
      () => viaPrisma.findConversation(db, "a:bench"),
      () => raw.findConversation(db.sql, "a:bench"),
    ],
  ];
  for (const [name, prisma, sql] of cases) {
    // Alternate the order, so neither side always runs on a warmer cache.
    const sqlFirst = await time(sql);
    const prismaUs = await time(prisma);
    const sqlUs = (sqlFirst + (await time(sql))) / 2;
    console.log(
      `${kind.padEnd(8)}  ${name.padEnd(42)}  Prisma ${prismaUs.toFixed(0).padStart(6)} µs  raw SQL ${sqlUs
        .toFixed(0)
        .padStart(6)} µs  ×${(prismaUs / sqlUs).toFixed(2)}`,
    );
  }
}

console.log(
  `${iterations} calls each (after 100 warm-up calls); load average ${(await import("node:os"))
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(" ")}`,
);
if (values.only !== "postgres") {
  const db = await openDatabase({ kind: "pglite" });
  try {
    await bench("pglite", db);
  } finally {
    await db.close();
  }
}
if (values.only !== "pglite") {
  if (!(await postgresReachable())) {
    console.log(`postgres  skipped: not reachable at ${adminUrl}`);
  } else {
    const name = `kp_prisma_bench_${randomBytes(4).toString("hex")}`;
    await withAdmin((admin) => admin.query(`CREATE DATABASE "${name}"`));
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const db = await openDatabase({ kind: "postgres", url: url.toString(), poolSize: 4 });
    try {
      await bench("postgres", db);
    } finally {
      await db.close();
      await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    }
  }
}
