import { expect, it } from "vitest";
import { formatProgress } from "../../src/cli/import-report-text.ts";

it("shows how far the merge has written, when it goes in ranges", () => {
  const base = { rowsRead: 300_000, bytesRead: 9_000_000, totalBytes: 9_000_000, elapsedMs: 6_000 };
  expect(formatProgress({ ...base, phase: "merging", rowsMerged: 45_000, rowsValid: 299_998 })).toBe(
    "writing  45,000 of 299,998 rows",
  );
  // Merged in one statement (PostgreSQL) there is no count yet: the rows read and the rate.
  expect(formatProgress({ ...base, phase: "merging" })).toBe("writing  300,000 rows  50,000 rows/s");
});
