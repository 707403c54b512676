import { createHash, randomBytes } from "node:crypto";
import { AppError } from "../app-error.ts";
import type { ServiceContext } from "./context.ts";

/**
 * Bearer tokens for the ingestion API. Only a SHA-256 hash is stored: the token itself is shown once
 * at creation. Tokens are 256 random bits, so a plain (unsalted) hash is enough and allows lookup by
 * hash; a revoked token stays listed for the audit trail but no longer authenticates.
 */
const TOKEN_PREFIX = "kp_";

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export interface ApiTokenInfo {
  id: number;
  name: string;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export async function createApiToken(options: {
  ctx: ServiceContext;
  name: string;
}): Promise<{ id: number; name: string; token: string }> {
  const name = options.name.trim();
  if (!/^[\w.@-]{1,100}$/.test(name)) {
    throw new AppError(
      "BAD_INPUT",
      `Token name "${name}" must be 1–100 letters, digits, ".", "_", "@" or "-"`,
    );
  }
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const rows = await options.ctx.db.sql.query<{ id: number }>(
    `INSERT INTO api_tokens (name, token_hash) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING RETURNING id`,
    [name, hashApiToken(token)],
  );
  if (rows.length === 0) {
    throw new AppError(
      "CONFLICT",
      `A token named "${name}" already exists; revoke it or choose another name`,
    );
  }
  options.ctx.log.info({ tokenName: name }, "api token created");
  return { id: Number(rows[0]!.id), name, token };
}

/** Revokes by name; returns false when no active token has that name. */
export async function revokeApiToken(options: { ctx: ServiceContext; name: string }): Promise<boolean> {
  const rows = await options.ctx.db.sql.query(
    `UPDATE api_tokens SET revoked_at = now() WHERE name = $1 AND revoked_at IS NULL RETURNING id`,
    [options.name.trim()],
  );
  if (rows.length > 0) options.ctx.log.info({ tokenName: options.name }, "api token revoked");
  return rows.length > 0;
}

export async function listApiTokens(options: { ctx: ServiceContext }): Promise<ApiTokenInfo[]> {
  const rows = await options.ctx.db.sql.query<{
    id: number;
    name: string;
    created_at: string;
    revoked_at: string | null;
    last_used_at: string | null;
  }>(
    `SELECT id, name, created_at::text AS created_at, revoked_at::text AS revoked_at, last_used_at::text AS last_used_at
       FROM api_tokens ORDER BY name`,
  );
  return rows.map((row) => ({
    id: Number(row.id),
    name: row.name,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
  }));
}

/** The active token's id and name, or null for an unknown or revoked token. */
export async function verifyApiToken(options: {
  ctx: ServiceContext;
  token: string;
}): Promise<{ id: number; name: string } | null> {
  if (!options.token.startsWith(TOKEN_PREFIX) || options.token.length > 200) return null;
  const rows = await options.ctx.db.sql.query<{ id: number; name: string }>(
    `UPDATE api_tokens SET last_used_at = now() WHERE token_hash = $1 AND revoked_at IS NULL RETURNING id, name`,
    [hashApiToken(options.token)],
  );
  const row = rows[0];
  return row ? { id: Number(row.id), name: row.name } : null;
}
