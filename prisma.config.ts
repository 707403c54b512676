// Prisma 7's CLI wants a native schema engine before every command, and downloading it fails offline.
// `generate`, `validate` and `format` never run it, so any existing file will do; migrations are
// applied by our own migrator (src/db/migrate.ts) and authored with the WASM engine (scripts/create-migration.ts).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;

import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
