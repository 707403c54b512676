import { applyMigrations, migrationStatus } from "../../db/migrate.ts";
import { parseCliArgs } from "../args.ts";
import type { CliCommand } from "../command.ts";

const usage = "klantpuls db migrate | db status";

/** `klantpuls db migrate|status`: apply pending migrations, or list them. */
export const dbCommand: CliCommand = {
  usage,
  async run(args, io) {
    const { positionals } = parseCliArgs(args, {}, usage, true);
    const [action] = positionals;
    if (action !== "migrate" && action !== "status") {
      io.err(`Usage: ${usage}`);
      return 2;
    }
    const db = await io.database();
    if (action === "migrate") {
      const { applied } = await applyMigrations(db.sql);
      io.out(
        applied.length === 0 ? `Database up to date (${db.location}).` : `Applied: ${applied.join(", ")}`,
      );
      return 0;
    }
    for (const entry of await migrationStatus(db.sql)) {
      io.out(`${entry.failed ? "FAILED " : entry.applied ? "applied" : "pending"}  ${entry.name}`);
    }
    return 0;
  },
};
