import type { CliCommand } from "../command.ts";

/** Every `klantpuls` sub-command, in the order `klantpuls help` lists them. Add new ones here. */
export const cliCommands: CliCommand[] = [];
