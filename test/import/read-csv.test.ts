import { describe, expect, it } from "vitest";
import { CsvFormatError, openCsv } from "../../src/import/read-csv.ts";

async function* chunks(bytes: Uint8Array, size = 3) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function readAll(text: string | Uint8Array) {
  const table = await openCsv(chunks(typeof text === "string" ? Buffer.from(text) : text));
  if (!table) return null;
  const rows = [];
  for await (const batch of table.rows) rows.push(...batch);
  return { header: table.header, delimiter: table.delimiter, encoding: table.encoding(), rows };
}

describe("openCsv", () => {
  it("reads a Dutch Excel export: BOM, semicolons, CRLF, quoted delimiter, blank and separator-only lines", async () => {
    const result = await readAll('\uFEFFNaam;Bedrag\r\n"Jansen; zonen";"1.234,56"\r\n\r\n;\r\nPiet;3\r\n');
    expect(result).toEqual({
      header: ["Naam", "Bedrag"],
      delimiter: ";",
      encoding: "utf-8",
      rows: [
        { line: 2, values: ["Jansen; zonen", "1.234,56"] },
        { line: 5, values: ["Piet", "3"] },
      ],
    });
  });

  it("keeps stray quotes inside unquoted fields", async () => {
    const result = await readAll('product,omschrijving\nM1,Monitor 27" breed\n');
    expect(result?.rows[0]?.values).toEqual(["M1", 'Monitor 27" breed']);
  });

  it("returns null for an empty file or one with only blank lines", async () => {
    expect(await readAll("")).toBeNull();
    expect(await readAll("\r\n\n  \n")).toBeNull();
  });

  it("reads a header-only file as no rows", async () => {
    expect(await readAll("a;b;c")).toMatchObject({ header: ["a", "b", "c"], rows: [] });
  });

  it("reports a file cut off inside a quoted field", async () => {
    await expect(readAll('a,b\n1,"2\n3,4')).rejects.toBeInstanceOf(CsvFormatError);
    await expect(readAll('a,b\n1,"2\n3,4')).rejects.toThrow(/truncated/);
  });

  it("reports a file that mixes encodings", async () => {
    const bytes = Buffer.concat([
      Buffer.from("a;b\nCafé;1\n", "utf8"),
      Buffer.from([0x43, 0xe9, 0x3b, 0x32, 0x0a]),
    ]);
    await expect(readAll(bytes)).rejects.toThrow(/mixes UTF-8/);
  });
});
