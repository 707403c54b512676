import { AppError } from "../../app-error.ts";
import { createApiToken, listApiTokens, revokeApiToken } from "../../services/api-tokens.ts";
import { parseCliArgs } from "../args.ts";
import type { CliCommand } from "../command.ts";

const usage = "klantpuls tokens create <name> | revoke <name> | list [--json]";

/** `klantpuls tokens`: bearer tokens for POST /api/ingest/<kind>. The token is printed once. */
export const tokensCommand: CliCommand = {
  usage,
  async run(args, io) {
    const { values, positionals } = parseCliArgs(
      args,
      { json: { type: "boolean", default: false } },
      usage,
      true,
    );
    const [action, name, ...rest] = positionals;
    if (rest.length > 0) throw new AppError("BAD_INPUT", `Usage: ${usage}`);
    const ctx = await io.services();
    if (action === "create" && name) {
      const created = await createApiToken({ ctx, name });
      if (values.json) {
        io.out(JSON.stringify(created));
      } else {
        io.out(created.token);
        io.err(
          `Token "${created.name}" created. It is shown only this once; store it now.\n` +
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
          io.out(`${token.name}  ${state}, created ${token.createdAt.slice(0, 16)}, ${used}`);
        }
      }
      return 0;
    }
    throw new AppError("BAD_INPUT", `Usage: ${usage}`);
  },
};
