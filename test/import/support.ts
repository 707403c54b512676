import { createReadStream, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ManualClock } from "../../src/clock.ts";
import type { Database } from "../../src/db/client.ts";
import type { ImportKind } from "../../src/import/kinds.ts";
import { silentLogger } from "../../src/logger.ts";
import type { ServiceContext } from "../../src/services/context.ts";
import { createServiceContext } from "../../src/services/create-service-context.ts";
import { type ImportOptions, importData } from "../../src/services/import-data.ts";

export const fixturesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../fixtures/import");

export function fixture(name: string): string {
  return path.join(fixturesDir, name);
}

export function testContext(db: Database): ServiceContext {
  return createServiceContext({
    db,
    settingsJson: undefined,
    clock: new ManualClock("2026-06-01T10:00:00Z"),
    log: silentLogger,
    timezone: "Europe/Amsterdam",
  });
}

type Extra = Omit<ImportOptions, "ctx" | "kind" | "source">;

export function importFile(ctx: ServiceContext, kind: ImportKind, file: string, extra: Extra = {}) {
  return importData({
    ctx,
    kind,
    source: {
      format: "csv",
      name: path.basename(file),
      bytes: createReadStream(file),
      totalBytes: statSync(file).size,
    },
    ...extra,
  });
}

export function importText(
  ctx: ServiceContext,
  kind: ImportKind,
  text: string | Uint8Array,
  extra: Extra = {},
) {
  const bytes = typeof text === "string" ? Buffer.from(text, "utf8") : text;
  async function* chunks() {
    // Small chunks, so boundaries fall inside characters and rows.
    for (let i = 0; i < bytes.length; i += 5) yield bytes.subarray(i, i + 5);
  }
  return importData({ ctx, kind, source: { format: "csv", name: "inline.csv", bytes: chunks() }, ...extra });
}

/** The base data most tests need: the users and customers fixtures. */
export async function seedCustomers(ctx: ServiceContext): Promise<void> {
  for (const [kind, file] of [
    ["users", "users.csv"],
    ["customers", "customers.csv"],
  ] as const) {
    const report = await importFile(ctx, kind, fixture(file));
    if (report.status !== "completed") throw new Error(`seeding ${kind} failed: ${JSON.stringify(report)}`);
  }
}

export async function tableRows<T = Record<string, unknown>>(db: Database, query: string): Promise<T[]> {
  return db.sql.query<T>(query);
}
