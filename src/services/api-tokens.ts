import { createHash, randomBytes } from "node:crypto";
import { AppError } from "../app-error.ts";
import {
  insertApiToken,
  listApiTokenRows,
  revokeApiTokenByName,
  useApiToken,
} from "../db/queries/api-tokens.ts";
import { type ImportKind, importKinds, isImportKind } from "../import/kinds.ts";
import type { ServiceContext } from "./context.ts";

/**
 * Bearer tokens for the ingestion API. Only a SHA-256 hash is stored: the token itself is shown once
 * at creation. Tokens are 256 random bits, so a plain (unsalted) hash is enough and allows lookup by
 * hash; a revoked token stays listed for the audit trail but no longer authenticates.
 */
const TOKEN_PREFIX = "kp_";

export type Role = "ADMIN" | "MANAGER" | "MEMBER";
const ROLE_RANK: Record<Role, number> = { MEMBER: 1, MANAGER: 2, ADMIN: 3 };
export const roles: readonly Role[] = ["MEMBER", "MANAGER", "ADMIN"];

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

/** True when `role` is above `limit` (ADMIN > MANAGER > MEMBER). */
export function roleExceeds(role: Role, limit: Role): boolean {
  return ROLE_RANK[role] > ROLE_RANK[limit];
}

/**
 * Scopes a token gets when none are named: every kind except `users`. Writing users can make someone
 * an admin or re-link a chat account, so it is only ever granted by name. Tokens made before scopes
 * existed were migrated to this same set (and max role MEMBER).
 */
export const DEFAULT_TOKEN_SCOPES: readonly ImportKind[] = importKinds.filter((kind) => kind !== "users");

/** Parses `customers,orders` (or `all`, meaning every kind but users) into known kinds. */
export function parseTokenScopes(text: string): ImportKind[] {
  const names = text
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== "");
  if (names.length === 0) throw new AppError("BAD_INPUT", "--scopes needs at least one kind");
  const scopes = new Set<ImportKind>();
  for (const name of names) {
    if (name === "all") {
      for (const kind of DEFAULT_TOKEN_SCOPES) scopes.add(kind);
    } else if (isImportKind(name)) {
      scopes.add(name);
    } else {
      throw new AppError(
        "BAD_INPUT",
        `Unknown scope "${name}": use kinds from ${importKinds.join(", ")} (or "all" for every kind but users)`,
      );
    }
  }
  return importKinds.filter((kind) => scopes.has(kind));
}

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export interface ApiTokenInfo {
  id: number;
  name: string;
  scopes: ImportKind[];
  /** The highest role a users import with this token may give or change. */
  maxRole: Role;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

/** What a verified token may do. */
export interface VerifiedApiToken {
  id: number;
  name: string;
  scopes: ImportKind[];
  maxRole: Role;
}

export async function createApiToken(options: {
  ctx: ServiceContext;
  name: string;
  /** Kinds it may write; default every kind except users. */
  scopes?: readonly ImportKind[];
  /** Highest role its users imports may give; default MEMBER. */
  maxRole?: Role;
}): Promise<{ id: number; name: string; token: string; scopes: ImportKind[]; maxRole: Role }> {
  const name = options.name.trim();
  const scopes = importKinds.filter((kind) => (options.scopes ?? DEFAULT_TOKEN_SCOPES).includes(kind));
  const maxRole = options.maxRole ?? "MEMBER";
  if (scopes.length === 0) throw new AppError("BAD_INPUT", "A token needs at least one scope");
  if (!/^[\w.@-]{1,100}$/.test(name)) {
    throw new AppError(
      "BAD_INPUT",
      `Token name "${name}" must be 1–100 letters, digits, ".", "_", "@" or "-"`,
    );
  }
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const id = await insertApiToken(options.ctx.db, {
    name,
    tokenHash: hashApiToken(token),
    scopes,
    maxRole,
  });
  if (id === null) {
    throw new AppError(
      "CONFLICT",
      `A token named "${name}" already exists; revoke it or choose another name`,
    );
  }
  options.ctx.log.info({ tokenName: name, scopes, maxRole }, "api token created");
  return { id, name, token, scopes, maxRole };
}

/** Revokes by name; returns false when no active token has that name. */
export async function revokeApiToken(options: { ctx: ServiceContext; name: string }): Promise<boolean> {
  const revoked = await revokeApiTokenByName(options.ctx.db, options.name.trim());
  if (revoked) options.ctx.log.info({ tokenName: options.name }, "api token revoked");
  return revoked;
}

export async function listApiTokens(options: { ctx: ServiceContext }): Promise<ApiTokenInfo[]> {
  const rows = await listApiTokenRows(options.ctx.db);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    scopes: scopesOf(row.scopes),
    maxRole: row.maxRole,
    createdAt: row.createdAt,
    revokedAt: row.revokedAt,
    lastUsedAt: row.lastUsedAt,
  }));
}

/** The active token's id, name and grants, or null for an unknown or revoked token. */
export async function verifyApiToken(options: {
  ctx: ServiceContext;
  token: string;
}): Promise<VerifiedApiToken | null> {
  if (!options.token.startsWith(TOKEN_PREFIX) || options.token.length > 200) return null;
  const row = await useApiToken(options.ctx.db, hashApiToken(options.token));
  return row ? { id: row.id, name: row.name, scopes: scopesOf(row.scopes), maxRole: row.maxRole } : null;
}

/** Stored scopes as known kinds; a NULL (never written) means the migration default. */
function scopesOf(stored: string[] | null): ImportKind[] {
  if (!stored) return [...DEFAULT_TOKEN_SCOPES];
  return stored.filter(isImportKind);
}
