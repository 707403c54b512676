import { z } from "zod";
import { AppError } from "../../app-error.ts";
import {
  createApiToken,
  isRole,
  listApiTokens,
  parseTokenScopes,
  revokeApiToken,
} from "../../services/api-tokens.ts";
import { parseCliArgs, parseOption } from "../args.ts";
import type { CliCommand } from "../command.ts";

const usage =
  "klantpuls tokens create <name> [--scopes customers,orders,…|all] [--max-role member|manager|admin]" +
  " | revoke <name> | list [--json]";

const maxRoleOption = z
  .string()
  .transform((value) => value.toUpperCase())
  .refine(isRole, "expected member, manager or admin");

/**
 * `klantpuls tokens`: bearer tokens for POST /api/ingest/<kind>. The token is printed once.
 * Scopes are the kinds a token may write (default: every kind but users, which must be named);
 * --max-role caps the role a users import through it may give (default member).
 */
export const tokensCommand: CliCommand = {
  usage,
  async run(args, io) {
    const { values, positionals } = parseCliArgs(
      args,
      {
        json: { type: "boolean", default: false },
        scopes: { type: "string" },
        "max-role": { type: "string" },
      },
      usage,
      true,
    );
    const [action, name, ...rest] = positionals;
    if (rest.length > 0) throw new AppError("BAD_INPUT", `Usage: ${usage}`);
    const ctx = await io.services();
    if (action !== "create" && (values.scopes !== undefined || values["max-role"] !== undefined)) {
      throw new AppError("BAD_INPUT", `--scopes and --max-role belong to "create".\n\nUsage: ${usage}`);
    }
    if (action === "create" && name) {
      const scopes = values.scopes === undefined ? undefined : parseTokenScopes(values.scopes);
      const maxRole =
        values["max-role"] === undefined
          ? undefined
          : (parseOption(maxRoleOption, values["max-role"], "max-role", usage) as
              | "ADMIN"
              | "MANAGER"
              | "MEMBER");
      const created = await createApiToken({
        ctx,
        name,
        ...(scopes ? { scopes } : {}),
        ...(maxRole ? { maxRole } : {}),
      });
      if (values.json) {
        io.out(JSON.stringify(created));
      } else {
        io.out(created.token);
        io.err(
          `Token "${created.name}" created. It is shown only this once; store it now.\n` +
            `Scopes: ${created.scopes.join(", ")}` +
            (created.scopes.includes("users") ? `; users up to role ${created.maxRole.toLowerCase()}` : "") +
            "\n" +
            `Use it as: Authorization: Bearer <token>  (POST /api/ingest/<kind>)`,
        );
      }
      return 0;
    }
    if (action === "revoke" && name) {
      if (!(await revokeApiToken({ ctx, name }))) {
        io.err(`No active token named "${name}".`);
        return 1;
      }
      io.out(`Token "${name}" revoked.`);
      return 0;
    }
    if (action === "list" && !name) {
      const tokens = await listApiTokens({ ctx });
      if (values.json) io.out(JSON.stringify(tokens, null, 2));
      else if (tokens.length === 0) io.out("No API tokens.");
      else {
        for (const token of tokens) {
          const state = token.revokedAt ? `revoked ${token.revokedAt.slice(0, 16)}` : "active";
          const used = token.lastUsedAt ? `last used ${token.lastUsedAt.slice(0, 16)}` : "never used";
          const users = token.scopes.includes("users") ? ` (users up to ${token.maxRole.toLowerCase()})` : "";
          io.out(
            `${token.name}  ${state}, scopes ${token.scopes.join(",")}${users}, created ${token.createdAt.slice(0, 16)}, ${used}`,
          );
        }
      }
      return 0;
    }
    throw new AppError("BAD_INPUT", `Usage: ${usage}`);
  },
};
