import type { Database } from "../client.ts";
import { isUniqueViolation } from "../prisma-errors.ts";
import { timestampText } from "../timestamps.ts";

/**
 * The ingestion API's tokens (table `api_tokens`, model `ApiToken`): only the SHA-256 hash of a token
 * is stored. The rules (token format, scopes, roles) are in src/services/api-tokens.ts.
 *
 * Creating, revoking and listing go through Prisma Client: their one caller, the CLI's `tokens`
 * command, runs outside any raw-SQL transaction (so the outer client never waits on PGlite's one
 * session) in a short-lived process. Authenticating stays raw SQL (see useApiToken).
 */
export type ApiTokenRole = "ADMIN" | "MANAGER" | "MEMBER";

export interface StoredApiToken {
  id: number;
  name: string;
  /** As stored; null when never written (the migration default applies). */
  scopes: string[] | null;
  maxRole: ApiTokenRole;
  /** PostgreSQL's text for the UTC `timestamp` ("2026-12-02 03:07:36.59"). */
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

/** Store a new token; null when a token with this name exists already (revoked or not). */
export async function insertApiToken(
  db: Database,
  token: { name: string; tokenHash: string; scopes: string[]; maxRole: ApiTokenRole },
): Promise<number | null> {
  try {
    const created = await (await db.prisma()).apiToken.create({
      data: { name: token.name, tokenHash: token.tokenHash, scopes: token.scopes, maxRole: token.maxRole },
      select: { id: true },
    });
    return created.id;
  } catch (error) {
    // Only a taken name means "exists already"; a clash of hashes (never, with 256 random bits) throws.
    if (isUniqueViolation(error, "api_tokens", "name")) return null;
    throw error;
  }
}

/** Revoke the active token with this name; false when there is none. */
export async function revokeApiTokenByName(db: Database, name: string): Promise<boolean> {
  const { count } = await (await db.prisma()).apiToken.updateMany({
    where: { name, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return count > 0;
}

/** Every token, revoked ones included, by name. */
export async function listApiTokenRows(db: Database): Promise<StoredApiToken[]> {
  const rows = await (await db.prisma()).apiToken.findMany({
    select: {
      id: true,
      name: true,
      scopes: true,
      maxRole: true,
      createdAt: true,
      revokedAt: true,
      lastUsedAt: true,
    },
    orderBy: { name: "asc" },
  });
  const unwritten = await nullScopes(
    db,
    rows.filter((row) => row.scopes.length === 0).map((row) => row.id),
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    scopes: unwritten.has(row.id) ? null : row.scopes,
    maxRole: row.maxRole,
    createdAt: timestampText(row.createdAt),
    revokedAt: timestampText(row.revokedAt),
    lastUsedAt: timestampText(row.lastUsedAt),
  }));
}

/**
 * The active (not revoked) token with this hash, its use recorded (last_used_at = now()); null for an
 * unknown or revoked one. Raw SQL, not Prisma Client: this runs in the bot on every ingest request, and
 * loading Prisma's query compiler there costs about 70 MB of RSS and 250–400 ms on the first call
 * (docs/architecture.md, "Prisma and the two adapters").
 */
export async function useApiToken(
  db: Database,
  tokenHash: string,
): Promise<{ id: number; name: string; scopes: string[] | null; maxRole: ApiTokenRole } | null> {
  const rows = await db.sql.query<{
    id: number;
    name: string;
    scopes: string[] | null;
    max_role: ApiTokenRole;
  }>(
    `UPDATE api_tokens SET last_used_at = now() WHERE token_hash = $1 AND revoked_at IS NULL
     RETURNING id, name, scopes, max_role::text AS max_role`,
    [tokenHash],
  );
  const row = rows[0];
  return row ? { id: Number(row.id), name: row.name, scopes: row.scopes, maxRole: row.max_role } : null;
}

/**
 * Prisma reads a NULL scalar list as `[]` (on both adapters), but NULL scopes ("never written", the
 * migration default applies) and an empty list (no kinds) mean different things. Only for the rare
 * empty ones, this asks which of the given ids are NULL.
 */
async function nullScopes(db: Database, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db.sql.query<{ id: number }>(
    "SELECT id FROM api_tokens WHERE id = ANY($1::int[]) AND scopes IS NULL",
    [ids],
  );
  return new Set(rows.map((row) => Number(row.id)));
}
