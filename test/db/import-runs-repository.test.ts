import { expect, it } from "vitest";
import { finishImportRun, listImportRunRows, startImportRun } from "../../src/db/queries/import-runs.ts";
import { describeEachDatabase } from "../support/each-database.ts";

describeEachDatabase("import runs repository (src/db/queries/import-runs.ts)", (database) => {
  it("import runs: started as running, completed with counts, listed newest first with the failure", async () => {
    const { sql } = database();
    const first = await startImportRun(sql, { kind: "customers", source: "a.csv", dryRun: false });
    const second = await startImportRun(sql, { kind: "orders", source: "-", dryRun: true });
    expect(second).toBeGreaterThan(first);
    expect(await listImportRunRows(sql, 10)).toEqual([
      expect.objectContaining({ id: second, kind: "orders", dryRun: true, status: "running", failure: null }),
      expect.objectContaining({ id: first, kind: "customers", source: "a.csv", dryRun: false, rowsRead: 0 }),
    ]);

    await finishImportRun(sql, first, {
      status: "ok",
      rowsRead: 5,
      inserted: 2,
      updated: 1,
      unchanged: 1,
      invalid: 1,
      errors: [{ line: 3, reason: "bad date" }],
      durationMs: 12.6,
    });
    await finishImportRun(sql, second, {
      status: "failed",
      rowsRead: 0,
      inserted: 0,
      updated: 0,
      unchanged: 0,
      invalid: 0,
      errors: [{ line: 0, reason: "no header" }],
      durationMs: 1,
    });
    const [newest, oldest] = await listImportRunRows(sql, 10);
    // Only a failed run names its failure; an ok run with invalid lines does not.
    expect(newest).toMatchObject({ id: second, status: "failed", failure: "no header", durationMs: 1 });
    expect(oldest).toEqual({
      id: first,
      kind: "customers",
      source: "a.csv",
      dryRun: false,
      status: "ok",
      rowsRead: 5,
      inserted: 2,
      updated: 1,
      unchanged: 1,
      invalid: 1,
      startedAt: expect.any(String),
      durationMs: 13,
      failure: null,
    });
    expect(await listImportRunRows(sql, 1)).toHaveLength(1);
  });
});
