import { expect, it } from "vitest";
import { formatImportReport, formatProgress } from "../../src/cli/import-report-text.ts";
import type { ImportReport } from "../../src/services/import-types.ts";

it("shows how far the merge has written, when it goes in ranges", () => {
  const base = { rowsRead: 300_000, bytesRead: 9_000_000, totalBytes: 9_000_000, elapsedMs: 6_000 };
  expect(formatProgress({ ...base, phase: "merging", rowsMerged: 45_000, rowsValid: 299_998 })).toBe(
    "writing  45,000 of 299,998 rows",
  );
  // Merged in one statement (PostgreSQL) there is no count yet: the rows read and the rate.
  expect(formatProgress({ ...base, phase: "merging" })).toBe("writing  300,000 rows  50,000 rows/s");
});

it("counts one row, one credit line and one rescored customer in the singular", () => {
  const report: ImportReport = {
    runId: 7,
    kind: "orders",
    source: "orders.csv",
    dryRun: false,
    status: "completed_with_errors",
    columns: { external_id: "external_id" },
    ignoredColumns: [],
    rowsRead: 3,
    inserted: 2,
    updated: 0,
    unchanged: 0,
    invalid: 1,
    errors: [],
    customersTouched: 1,
    creditLines: 1,
    rescored: 1,
    durationMs: 1200,
  };
  const text = formatImportReport(report);
  expect(text).toContain("\n1 invalid row was skipped.\n");
  expect(text).toContain(
    "\n1 credit line (a negative amount): kept as a credit note, not counted as an order.\n",
  );
  expect(text).toContain("\nRescored 1 customer.\n");
  const many = formatImportReport({ ...report, invalid: 2, creditLines: 3, rescored: 1200 });
  expect(many).toContain("\n2 invalid rows were skipped.\n");
  expect(many).toContain(
    "\n3 credit lines (negative amounts): kept as credit notes, not counted as orders.\n",
  );
  expect(many).toContain("\nRescored 1,200 customers.\n");
});
