import type { Config } from "../config/index.ts";
import type { Database } from "../db/client.ts";
import type { ServiceContext } from "../services/context.ts";

/**
 * A `klantpuls <name>` sub-command as `klantpuls help` lists it: known without loading its code, so a
 * call pays only for the one sub-command it runs (`--help` loads none; `health` never loads Slack).
 */
export interface CliCommandInfo {
  name: string;
  summary: string;
  load(): Promise<CliCommand>;
}

/** A sub-command's code. `run` returns the process exit code. */
export interface CliCommand {
  usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}

export interface CliIo {
  config: Config;
  /**
   * Opens the database (migrated) and builds the service context; closed by the CLI after `run`.
   * `asOf` (YYYY-MM-DD) stops the context's clock at noon of that date in the company's time zone, so
   * a command answers exactly as it would have on that day ("61 dagen geleden" counts from it).
   */
  services(options?: { asOf?: string | undefined }): Promise<ServiceContext>;
  /** The database without applying migrations (for `db status` and `db migrate`). */
  database(): Promise<Database>;
  out(text: string): void;
  err(text: string): void;
  /** True when stdout is a terminal (progress bars, colours). */
  isTty: boolean;
}
