import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { defaultSchemaPath, diffSchemaAgainstMigrations } from "../../src/db/schema-diff.ts";

describe("prisma/schema.prisma and prisma/migrations", () => {
  it("agree: the migrations build exactly the schema (else run `npm run db:migration -- <name>`)", async () => {
    const { sql, migrationsReplayed } = await diffSchemaAgainstMigrations();
    expect(migrationsReplayed.length).toBeGreaterThan(0);
    expect(sql, `schema.prisma changed without a migration; missing SQL:\n${sql}`).toBe("");
  });

  it("would notice a schema change without a migration", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "kp-schema-"));
    try {
      const schemaPath = path.join(dir, "schema.prisma");
      const extraModel = `\nmodel KpDriftProbe {\n  id   Int    @id @default(autoincrement())\n  note String\n\n  @@map("kp_drift_probe")\n}\n`;
      writeFileSync(schemaPath, readFileSync(defaultSchemaPath, "utf8") + extraModel);
      const { sql } = await diffSchemaAgainstMigrations({ schemaPath });
      expect(sql).toContain(`CREATE TABLE "kp_drift_probe"`);
      expect(sql).not.toMatch(/DROP EXTENSION/i);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
