import type { SqlSession } from "../sql-session.ts";

/**
 * The ingestion API's tokens (table `api_tokens`): only the SHA-256 hash of a token is stored. The
 * rules (token format, scopes, roles) are in src/services/api-tokens.ts.
 */
export type ApiTokenRole = "ADMIN" | "MANAGER" | "MEMBER";

export interface StoredApiToken {
  id: number;
  name: string;
  /** As stored; null when never written (the migration default applies). */
  scopes: string[] | null;
  maxRole: ApiTokenRole;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

/** Store a new token; null when a token with this name exists already (revoked or not). */
export async function insertApiToken(
  sql: SqlSession,
  token: { name: string; tokenHash: string; scopes: string[]; maxRole: ApiTokenRole },
): Promise<number | null> {
  const rows = await sql.query<{ id: number }>(
    `INSERT INTO api_tokens (name, token_hash, scopes, max_role) VALUES ($1, $2, $3::text[], $4::"Role")
     ON CONFLICT (name) DO NOTHING RETURNING id`,
    [token.name, token.tokenHash, token.scopes, token.maxRole],
  );
  return rows.length === 0 ? null : Number(rows[0]!.id);
}

/** Revoke the active token with this name; false when there is none. */
export async function revokeApiTokenByName(sql: SqlSession, name: string): Promise<boolean> {
  const rows = await sql.query(
    `UPDATE api_tokens SET revoked_at = now() WHERE name = $1 AND revoked_at IS NULL RETURNING id`,
    [name],
  );
  return rows.length > 0;
}

/** Every token, revoked ones included, by name. */
export async function listApiTokenRows(sql: SqlSession): Promise<StoredApiToken[]> {
  const rows = await sql.query<{
    id: number;
    name: string;
    scopes: string[] | null;
    max_role: ApiTokenRole;
    created_at: string;
    revoked_at: string | null;
    last_used_at: string | null;
  }>(
    `SELECT id, name, scopes, max_role::text AS max_role, created_at::text AS created_at, revoked_at::text AS revoked_at, last_used_at::text AS last_used_at
       FROM api_tokens ORDER BY name`,
  );
  return rows.map((row) => ({
    id: Number(row.id),
    name: row.name,
    scopes: row.scopes,
    maxRole: row.max_role,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
  }));
}

/**
 * The active (not revoked) token with this hash, its use recorded (last_used_at = now()); null for an
 * unknown or revoked one.
 */
export async function useApiToken(
  sql: SqlSession,
  tokenHash: string,
): Promise<{ id: number; name: string; scopes: string[] | null; maxRole: ApiTokenRole } | null> {
  const rows = await sql.query<{ id: number; name: string; scopes: string[] | null; max_role: ApiTokenRole }>(
    `UPDATE api_tokens SET last_used_at = now() WHERE token_hash = $1 AND revoked_at IS NULL
     RETURNING id, name, scopes, max_role::text AS max_role`,
    [tokenHash],
  );
  const row = rows[0];
  return row ? { id: Number(row.id), name: row.name, scopes: row.scopes, maxRole: row.max_role } : null;
}
