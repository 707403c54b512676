import type { Config } from "../config/index.ts";
import type { Database } from "../db/client.ts";
import type { ServiceContext } from "../services/context.ts";
import type { CliIo } from "./command.ts";
import { cliCommands } from "./commands/index.ts";

/**
 * The `klantpuls` command line. Each sub-command lives in ./commands; this file only finds the
 * command, builds its context lazily (no database is opened for `help`) and turns errors into
 * one clear line and an exit code. Everything beyond the command list is imported dynamically, so
 * `klantpuls --help` loads this file and the list only.
 */
export async function runCli(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    process.stdout.write(usage());
    return name ? 0 : 1;
  }
  const info = cliCommands.find((candidate) => candidate.name === name);
  if (!info) {
    process.stderr.write(`klantpuls: unknown command "${name}".\n\n${usage()}`);
    return 2;
  }
  const command = await info.load();
  if (args.includes("--help") || args.includes("-h")) {
    process.stdout.write(`${info.summary}\n\nUsage: ${command.usage}\n`);
    return 0;
  }
  const { isAppError } = await import("../app-error.ts");
  let database: Database | undefined;
  try {
    const { loadConfig } = await import("../config/index.ts");
    const config = loadConfig();
    const { useCurrency } = await import("../domain/format.ts");
    useCurrency(config.currency ?? "EUR");
    const io = createIo(config, async (migrate) => {
      database ??= migrate ? await openMigratedDatabase(config) : await openDatabase(config);
      return database;
    });
    return await command.run(args, io);
  } catch (error) {
    if (isAppError(error)) {
      process.stderr.write(`klantpuls ${name}: ${error.message}\n`);
      return 1;
    }
    // Anything else is a bug, not bad input: one line for the user, the stack only when asked for.
    const detail = process.env.LOG_LEVEL === "debug" && error instanceof Error ? `\n${error.stack}` : "";
    process.stderr.write(
      `klantpuls ${name}: unexpected error: ${error instanceof Error ? error.message : String(error)} ` +
        `(a bug in Klantpuls; LOG_LEVEL=debug shows where)${detail}\n`,
    );
    return 70;
  } finally {
    await database?.close();
  }
}

async function openDatabase(config: Config): Promise<Database> {
  const { openDatabase } = await import("../db/client.ts");
  return openDatabase(config.database);
}

export async function openMigratedDatabase(config: Config): Promise<Database> {
  const db = await openDatabase(config);
  try {
    const { applyMigrations } = await import("../db/migrate.ts");
    await applyMigrations(db.sql);
    const { failInterruptedImports } = await import("../db/queries/interrupted-imports.ts");
    await failInterruptedImports(db, { atStartUp: true });
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

function createIo(config: Config, openDb: (migrate: boolean) => Promise<Database>): CliIo {
  let context: ServiceContext | undefined;
  let contextAsOf: string | undefined;
  return {
    config,
    database: () => openDb(false),
    async services(options) {
      if (context) {
        // One command, one day: a second call may not move the clock the first one set.
        if (options?.asOf !== undefined && options.asOf !== contextAsOf)
          throw new Error(`services() was built for ${contextAsOf ?? "today"}, not ${options.asOf}`);
        return context;
      }
      contextAsOf = options?.asOf;
      const db = await openDb(true);
      const [{ createServiceContext }, { createLogger }, { configuredClock, dayClock }] = await Promise.all([
        import("../services/create-service-context.ts"),
        import("../logger.ts"),
        import("../clock.ts"),
      ]);
      context = createServiceContext({
        db,
        settingsJson: config.settingsJson,
        clock: options?.asOf ? dayClock(options.asOf, config.timezone) : configuredClock(config.clockStart),
        log: createLogger(config.logLevel === "info" ? "warn" : config.logLevel),
        timezone: config.timezone,
      });
      return context;
    },
    out: (text) => process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
    err: (text) => process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
    isTty: Boolean(process.stdout.isTTY),
  };
}

function usage(): string {
  const width = Math.max(...cliCommands.map((command) => command.name.length), 4);
  const lines = cliCommands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return `Klantpuls — customer health and retention in Slack and Teams\n\nUsage: klantpuls <command> [options]\n\n${lines.join("\n")}\n\nRun "klantpuls <command> --help" for a command's options.\n`;
}
