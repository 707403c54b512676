/**
 * Prisma Client against the raw SQL it replaced, for the repositories moved to it (api-tokens.ts,
 * teams-conversations.ts, users.ts's findUserByPlatformId): the same call, one after the other, on
 * PGlite (in memory) and on a throwaway PostgreSQL database. Prints µs per call and the ratio. The
 * first call's time includes loading Prisma's query compiler only for the first database of the run.
 *
 *   npx tsx bench/prisma-repositories-bench.ts [--iterations 1000] [--only pglite|postgres]
 */
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { type Database, openDatabase } from "../src/db/client.ts";
import { applyMigrations } from "../src/db/migrate.ts";
import { insertApiToken, useApiToken } from "../src/db/queries/api-tokens.ts";
import {
  findPersonalTeamsConversationOfUser,
  findTeamsConversationById,
  type TeamsConversation,
  upsertTeamsConversation,
} from "../src/db/queries/teams-conversations.ts";
import { findUserByPlatformId } from "../src/db/queries/users.ts";
import type { SqlSession } from "../src/db/sql-session.ts";
import { adminUrl, postgresReachable, withAdmin } from "./bench-database.ts";

const { values } = parseArgs({
  options: { iterations: { type: "string", default: "1000" }, only: { type: "string" } },
});
const iterations = Number(values.iterations);

/** The raw SQL these repositories ran before (commit e460406). */
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
  findPersonal: (sql: SqlSession, userId: number) =>
    sql.query(
      `SELECT c.conversation_id, c.kind, c.tenant_id, c.team_id, c.aad_object_id, c.service_url, c.reference, u.locale
         FROM users u JOIN teams_conversations c ON c.aad_object_id = u.teams_user_id AND c.kind = 'personal'
        WHERE u.id = $1 ORDER BY c.updated_at DESC LIMIT 1`,
      [userId],
    ),
  upsertUnchanged: (sql: SqlSession, c: TeamsConversation) =>
    sql.query(
      `INSERT INTO teams_conversations (conversation_id, kind, tenant_id, team_id, aad_object_id, service_url, reference, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, now())
       ON CONFLICT (conversation_id) DO UPDATE SET
         kind = EXCLUDED.kind, tenant_id = COALESCE(EXCLUDED.tenant_id, teams_conversations.tenant_id),
         team_id = COALESCE(EXCLUDED.team_id, teams_conversations.team_id),
         aad_object_id = COALESCE(EXCLUDED.aad_object_id, teams_conversations.aad_object_id),
         service_url = EXCLUDED.service_url, reference = EXCLUDED.reference, updated_at = now()
       WHERE (teams_conversations.reference, teams_conversations.kind, teams_conversations.service_url,
              teams_conversations.tenant_id, teams_conversations.team_id, teams_conversations.aad_object_id)
         IS DISTINCT FROM (EXCLUDED.reference, EXCLUDED.kind, EXCLUDED.service_url,
              COALESCE(EXCLUDED.tenant_id, teams_conversations.tenant_id),
              COALESCE(EXCLUDED.team_id, teams_conversations.team_id),
              COALESCE(EXCLUDED.aad_object_id, teams_conversations.aad_object_id))`,
      [
        c.conversationId,
        c.kind,
        c.tenantId,
        c.teamId,
        c.aadObjectId,
        c.serviceUrl,
        JSON.stringify(c.reference),
      ],
    ),
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
  const coldStart = process.hrtime.bigint();
  await insertApiToken(db, { name: "bench", tokenHash: "hash-bench", scopes: ["orders"], maxRole: "MEMBER" });
  const coldMs = Number(process.hrtime.bigint() - coldStart) / 1e6;
  console.log(`${kind.padEnd(8)}  first Prisma call on this database  ${coldMs.toFixed(0)} ms`);
  const [user] = await db.sql.query<{ id: number }>(
    "INSERT INTO users (email, name, teams_user_id) VALUES ('b@example.test', 'B', 'aad-b') RETURNING id",
  );
  const conversation: TeamsConversation = {
    conversationId: "a:bench",
    kind: "personal",
    tenantId: "tenant",
    teamId: null,
    aadObjectId: "aad-b",
    serviceUrl: "https://smba.example/emea/",
    reference: { conversation: { id: "a:bench" }, user: { id: "29:1" }, bot: { id: "28:bot" } },
  };
  await upsertTeamsConversation(db, conversation);
  const cases: [string, () => Promise<unknown>, () => Promise<unknown>][] = [
    [
      "authenticate a token (useApiToken)",
      () => useApiToken(db, "hash-bench"),
      () => raw.useApiToken(db.sql, "hash-bench"),
    ],
    [
      "a user by Teams id (findUserByPlatformId)",
      () => findUserByPlatformId(db, "teams", "aad-b"),
      () => raw.findUser(db.sql, "aad-b"),
    ],
    [
      "find a conversation by id",
      () => findTeamsConversationById(db, "a:bench"),
      () => raw.findConversation(db.sql, "a:bench"),
    ],
    [
      "a user's personal conversation",
      () => findPersonalTeamsConversationOfUser(db, Number(user!.id)),
      () => raw.findPersonal(db.sql, Number(user!.id)),
    ],
    [
      "upsert an unchanged conversation",
      () => upsertTeamsConversation(db, conversation),
      () => raw.upsertUnchanged(db.sql, conversation),
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
