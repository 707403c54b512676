import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import * as engineGlue from "@prisma/schema-engine-wasm/schema_engine_bg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { AppError } from "../app-error.ts";
import { packageRoot } from "../package-root.ts";
import { applyMigrations, defaultMigrationsDir } from "./migrate.ts";
import { pgliteSession } from "./sql-session.ts";

/**
 * Computes the SQL that takes the database built by the existing migrations to `schema.prisma`,
 * offline, with Prisma's own schema engine compiled to WASM. The history is replayed into a
 * throwaway in-memory PGlite with our migrator, then diffed against the datamodel; only PGlite is
 * used here because adapter-pg has bugs under the engine (see docs/architecture.md, "Prisma and the two adapters").
 */

export const defaultSchemaPath = path.join(packageRoot(), "prisma", "schema.prisma");

export interface SchemaDiffOptions {
  schemaPath?: string;
  migrationsDir?: string;
  log?: (line: string) => void;
}

export interface SchemaDiff {
  /** Executable SQL, or "" when the migrations already produce the schema. */
  sql: string;
  migrationsReplayed: string[];
}

export async function diffSchemaAgainstMigrations(options: SchemaDiffOptions = {}): Promise<SchemaDiff> {
  const log = options.log ?? (() => undefined);
  const schemaPath = options.schemaPath ?? defaultSchemaPath;
  const schema = await readFile(schemaPath, "utf8");
  // Same extensions as the application's PGlite, so the replayed migrations can create them.
  const scratch = await PGlite.create({ extensions: { pg_trgm } });
  try {
    const { applied } = await applyMigrations(pgliteSession(scratch), {
      migrationsDir: options.migrationsDir ?? defaultMigrationsDir,
      log,
    });
    const engine = await startSchemaEngine(scratch, log);
    try {
      const schemaFiles = [{ path: schemaPath, content: schema }];
      const result = await engine.diff({
        from: { tag: "schemaDatasource", files: schemaFiles, configDir: path.dirname(schemaPath) },
        to: { tag: "schemaDatamodel", files: schemaFiles },
        script: true,
        exitCode: true,
        filters: { externalTables: [], externalEnums: [] },
      });
      // exitCode 2 means "non-empty diff"; an empty script is the comment "-- This is an empty migration."
      const sql = result.exitCode === 2 ? (result.stdout ?? "").trim() : "";
      return { sql: sql === "" ? "" : `${sql}\n`, migrationsReplayed: applied };
    } finally {
      engine.free();
    }
  } finally {
    await scratch.close();
  }
}

type EngineGlue = typeof engineGlue & Record<string, unknown>;

// @types/node for Node 20 declares only WebAssembly's namespace of types, not the runtime object.
declare const WebAssembly: {
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, Record<string, unknown>>,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
};
let engineModule: Promise<typeof engineGlue.SchemaEngine> | undefined;

async function startSchemaEngine(db: PGlite, log: (line: string) => void): Promise<engineGlue.SchemaEngine> {
  engineModule ??= loadEngineModule();
  const SchemaEngine = await engineModule;
  const adapterFactory = bindMigrationAwareSqlAdapterFactory(new PrismaPGlite(db));
  try {
    return await SchemaEngine.new(
      { datamodels: undefined },
      (line: string) => log(`schema-engine: ${line}`),
      adapterFactory,
    );
  } catch (error) {
    throw new AppError("MIGRATION", `Could not start Prisma's schema engine: ${String(error)}`, {
      cause: error,
    });
  }
}

/**
 * The glue's own entry point imports the .wasm as an ES module, which Node cannot do without a flag,
 * so we instantiate the module ourselves with the glue's import functions.
 */
async function loadEngineModule(): Promise<typeof engineGlue.SchemaEngine> {
  const require = createRequire(import.meta.url);
  // The WASM that prisma 7.10.1's CLI ships is the engine matching our CLI and client; the copy in
  // @prisma/schema-engine-wasm is a newer build with the same import/export tables.
  const wasmPath = path.join(
    path.dirname(require.resolve("prisma/package.json")),
    "build/schema_engine_bg.wasm",
  );
  const glue = engineGlue as EngineGlue;
  const imports: Record<string, unknown> = { ...glue };
  for (const name of Object.keys(imports)) {
    if (name.startsWith("__wbg_setTimeout_")) {
      // The engine keeps ~10 s timers (connection and idle timeouts) that would hold a CLI open after its work is done.
      imports[name] = (callback: () => void, ms: number) => setTimeout(callback, ms >>> 0).unref();
    }
  }
  const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), {
    "./schema_engine_bg.js": imports,
  });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return glue.SchemaEngine;
}
