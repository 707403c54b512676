import type { Config } from "../config.ts";
import type { Database } from "../db/client.ts";
import type { ServiceContext } from "../services/context.ts";

/** A `klantpuls <name>` sub-command. `run` returns the process exit code. */
export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}

export interface CliIo {
  config: Config;
  /** Opens the database (migrated) and builds the service context; closed by the CLI after `run`. */
  services(): Promise<ServiceContext>;
  /** The database without applying migrations (for `db status` and `db migrate`). */
  database(): Promise<Database>;
  out(text: string): void;
  err(text: string): void;
  /** True when stdout is a terminal (progress bars, colours). */
  isTty: boolean;
}
