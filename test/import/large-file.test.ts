import { createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { ImportProgress } from "../../src/services/import-data.ts";
import { describeEachDatabase } from "../support/each-database.ts";
import { importFile, seedCustomers, testContext } from "./support.ts";

// A full garbage collection on demand, so the samples below measure what is retained, not garbage.
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const TARGET_BYTES = 50 * 1024 * 1024;
let dir: string;
let file: string;
let rows = 0;

beforeAll(async () => {
  // Generated at test time (never committed): ~50 MB of Dutch-formatted invoices.
  dir = mkdtempSync(path.join(tmpdir(), "kp-import-50mb-"));
  file = path.join(dir, "facturen.csv");
  const out = createWriteStream(file);
  out.write("Factuurnummer;Klantnummer;Factuurdatum;Vervaldatum;Betaaldatum;Bedrag;Omschrijving\r\n");
  let written = 0;
  while (written < TARGET_BYTES) {
    const lines: string[] = [];
    for (let i = 0; i < 5000; i += 1, rows += 1) {
      const day = String((rows % 28) + 1).padStart(2, "0");
      lines.push(
        `F${String(rows).padStart(9, "0")};C00${(rows % 2) + 1};${day}-01-2026;${day}-02-2026;${rows % 3 ? `${day}-03-2026` : ""};€ ${rows % 9000},${String(rows % 100).padStart(2, "0")};regel ${rows}\r\n`,
      );
    }
    const chunk = lines.join("");
    written += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  }
  await new Promise((resolve) => out.end(resolve));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describeEachDatabase(
  "a 50 MB file",
  (database) => {
    it("is streamed in batches with flat memory", { timeout: 600_000 }, async () => {
      const size = statSync(file).size;
      expect(size).toBeGreaterThanOrEqual(TARGET_BYTES);
      gc();
      const baseline = process.memoryUsage().heapUsed;
      const samples: Array<{ fraction: number; retained: number }> = [];
      let firstBatchBytes: number | undefined;
      let batches = 0;
      const report = await importFile(testContext(database()), "invoices", file, {
        rescore: false,
        onProgress: (progress: ImportProgress) => {
          if (progress.phase !== "reading") return;
          batches += 1;
          firstBatchBytes ??= progress.bytesRead;
          if (batches % 5 === 0) {
            gc();
            samples.push({
              fraction: progress.bytesRead / size,
              retained: process.memoryUsage().heapUsed - baseline,
            });
          }
        },
      });
      expect(report).toMatchObject({ status: "completed", rowsRead: rows, inserted: rows, invalid: 0 });
      // Writing began after the first ~1 % of the file: the file is not read whole first.
      expect(firstBatchBytes!).toBeLessThan(size * 0.05);
      expect(samples.length).toBeGreaterThan(10);
      // What stays in the JS heap does not grow with the rows read: far below the file's size.
      const retained = samples.map((sample) => sample.retained);
      const growth = Math.max(...retained) - Math.min(...retained);
      expect(Math.max(...retained)).toBeLessThan(32 * 1024 * 1024);
      expect(growth).toBeLessThan(16 * 1024 * 1024);
      const [row] = await database().sql.query<{ n: number }>("SELECT count(*)::int AS n FROM invoices");
      expect(row!.n).toBe(rows);
    });
  },
  { setup: async (db) => seedCustomers(testContext(db)) },
);
