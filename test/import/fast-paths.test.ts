import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { resolveColumns } from "../../src/import/columns.ts";
import { importKinds } from "../../src/import/kinds.ts";
import { type CsvParserChoice, openCsv } from "../../src/import/read-csv.ts";
import type { RawRow } from "../../src/import/row-fields.ts";
import { validateRow } from "../../src/import/row-schemas.ts";
import { parseAmountCents, parseDate } from "../../src/import/values.ts";
import { fixture, fixturesDir } from "./support.ts";

/**
 * The importer's fast paths (a plain split for lines without quotes, validation without zod, plain
 * dates and amounts without regular expressions) must read everything exactly as the general paths
 * do. These tests run both on the fixtures, on tricky input and on seeded random input.
 */
async function readWith(parser: CsvParserChoice, bytes: Uint8Array, chunkSize: number) {
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize);
  }
  try {
    const table = await openCsv(chunks(), { parser });
    if (!table) return null;
    const rows = [];
    for await (const batch of table.rows) rows.push(...batch);
    return { header: table.header, delimiter: table.delimiter, encoding: table.encoding(), rows };
  } catch (error) {
    return { error: (error as Error).message, line: (error as { line?: number }).line };
  }
}

async function expectSameRead(text: string | Uint8Array, chunkSizes = [1, 3, 7, 64 * 1024]) {
  const bytes = typeof text === "string" ? Buffer.from(text, "utf8") : text;
  const reference = await readWith("csv-parse", bytes, 64 * 1024);
  for (const size of chunkSizes) {
    expect(await readWith("fast", bytes, size), `chunks of ${size}: ${JSON.stringify(text)}`).toEqual(
      reference,
    );
  }
  return reference;
}

describe("fast CSV path", () => {
  it("reads every fixture as csv-parse does", async () => {
    const files = readdirSync(fixturesDir).filter((name) => /\.(csv|tsv)$/.test(name));
    expect(files.length).toBeGreaterThan(5);
    for (const name of files) await expectSameRead(readFileSync(fixture(name)));
  });

  it("reads tricky quoting, line ends and blank lines as csv-parse does", async () => {
    const cases = [
      'a,b\n1,2\n"3,x",4\n5,6\n',
      'a,b\n1,2\n3,"multi\nline"\n7,8\n',
      'a;b\r\n1;2\r\n"x;y";"1.234,56"\r\n\r\n;\r\nPiet;3\r\n',
      'product,omschrijving\nM1,Monitor 27" breed\nM2,ok\n',
      'a,b\n1,"2\n3,4',
      'a,b\n1,2\n3,"4""5"\n',
      'a,b\n"1"x,2\n',
      "a,b\r\n1,2\n3,4\r\n",
      "a,b\n1,2\r\n3,4\n",
      "a,b\r1,2\r3,4\r",
      "a,b\r",
      "a,b\r\n1,2\r",
      "a,b\n1,2",
      "a,b\n1,2\n\n\n   \n,,\n3,4\n\n",
      "\uFEFFa,b\n1,2\n",
      "a,b\n\uFEFF1,2\n",
      '"a\nb",c\n1,2\n',
      "h1\th2\n1\t2\n\t\n",
      "a|b\n1|2|\n",
      'a,b\n1,2\n"unclosed,3\n4,5\n',
      `a,b\n${"x".repeat(150_000)},1\n2,3\n`,
    ];
    for (const text of cases) await expectSameRead(text);
    const mid = await expectSameRead('a,b\n1,2\n"3,x",4\n5,6\n');
    expect(mid).toMatchObject({
      rows: [
        { line: 2, values: ["1", "2"] },
        { line: 3, values: ["3,x", "4"] },
        { line: 4, values: ["5", "6"] },
      ],
    });
    // A file that ends inside quotes after the fast path handed over: the line counts from the file start.
    expect(await readWith("fast", Buffer.from('a,b\n1,2\n3,4\n5,"6\n'), 2)).toMatchObject({
      error: expect.stringMatching(/near line 4/),
      line: 4,
    });
  });

  it("reads seeded random input as csv-parse does", async () => {
    let seed = 20_261_125;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const rare = ['"', "\r", "\uFEFF"];
    const common = ["a", "x", "1", " ", ",", ";", "\t", "é", "\n", "\r\n"];
    for (let n = 0; n < 1500; n += 1) {
      let text = random() < 0.5 ? "h1,h2,h3\n" : random() < 0.5 ? "h1;h2\r\n" : "";
      const length = Math.floor(random() * 80);
      for (let i = 0; i < length; i += 1) {
        const pool = random() < 0.04 ? rare : common;
        text += pool[Math.floor(random() * pool.length)];
      }
      await expectSameRead(text, [1 + Math.floor(random() * 9), 64 * 1024]);
    }
  });
});

describe("fast validation", () => {
  it("gives exactly zod's row for every fixture row of every kind", async () => {
    const files: Record<string, string[]> = {
      customers: ["customers.csv", "customers-windows-1252.csv"],
      invoices: ["invoices.csv", "invoices-exact-nl.csv"],
      orders: ["orders.csv", "orders-tab.tsv"],
      complaints: ["complaints.csv"],
      engagement: ["engagement.csv"],
      nps: ["nps.csv"],
      users: ["users.csv"],
    };
    let compared = 0;
    for (const kind of importKinds) {
      for (const name of files[kind]!) {
        const bytes = readFileSync(fixture(name));
        const table = await openCsv(
          (async function* () {
            yield bytes;
          })(),
        );
        const columns = resolveColumns(kind, table!.header);
        for await (const batch of table!.rows) {
          for (const { values } of batch) {
            const raw: RawRow = {};
            for (const [column, index] of columns.indexes) raw[column] = values[index];
            const fast = validateRow(kind, raw);
            expect(fast, `${name}: ${values.join("|")}`).toEqual(validateRow(kind, raw, { zodOnly: true }));
            expect(JSON.stringify(fast)).toBe(JSON.stringify(validateRow(kind, raw, { zodOnly: true })));
            compared += 1;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(15);
  });

  it("gives zod's issues for bad rows and zod's row for odd good ones", () => {
    const rows: Array<[(typeof importKinds)[number], RawRow]> = [
      [
        "invoices",
        {
          external_id: "F1",
          customer_external_id: "C1",
          issued_on: "2026-02-10",
          due_on: "2026-02-01",
          amount: "1",
        },
      ],
      [
        "invoices",
        {
          external_id: " F 1 ",
          customer_external_id: "C1",
          issued_on: "2024-02-29",
          due_on: "29-02-2024",
          amount: "1.234",
        },
      ],
      [
        "invoices",
        {
          external_id: "F1",
          customer_external_id: "C1",
          issued_on: "2023-02-29",
          due_on: "2026-02-01",
          amount: "x",
        },
      ],
      [
        "invoices",
        {
          external_id: "F1",
          customer_external_id: "C1",
          issued_on: "1899-12-31",
          due_on: "2026-02-01",
          amount: "99999999.99",
        },
      ],
      [
        "invoices",
        {
          external_id: "F1",
          customer_external_id: "C1",
          issued_on: "2026-01-01",
          due_on: "2026-02-01",
          amount: 12.5,
        },
      ],
      ["customers", { external_id: "C1", name: "X", status: "actief", churned_at: "2026-01-01" }],
      ["customers", { external_id: "C1", name: "X", customer_since: "2026-02-01", churned_at: "2026-01-01" }],
      [
        "complaints",
        { external_id: "K1", customer_external_id: "C1", opened_on: "2026-02-01", resolved_on: "2026-01-01" },
      ],
      ["nps", { customer_external_id: "C1", answered_on: "2026-01-01", score: "11" }],
      ["nps", { customer_external_id: "C1", answered_on: "2026-01-01", score: "9", comment: " Top  " }],
      ["engagement", { customer_external_id: "C1", occurred_on: "2026-01-01", kind: "Afspraak" }],
      ["users", { email: "A@B.NL", name: "A", role: "Beheerder" }],
      [
        "orders",
        {
          external_id: "O1",
          customer_external_id: "C1",
          ordered_on: "2026-01-01",
          amount: "(12,50)",
          quantity: "1.000",
        },
      ],
    ];
    for (const [kind, raw] of rows) {
      expect(JSON.stringify(validateRow(kind, raw)), JSON.stringify(raw)).toBe(
        JSON.stringify(validateRow(kind, raw, { zodOnly: true })),
      );
    }
  });
});

describe("plain dates and amounts", () => {
  it("read like the general parsers", () => {
    const general = (text: string) => parseAmountCents(` ${text} `);
    for (const text of [
      "0",
      "7",
      "1.5",
      "1,5",
      "12.50",
      "12,50",
      "007.05",
      "99999999.99",
      "21474836.47",
      "21474836.48",
      "1.234",
      "1,234",
      "1.2345",
      "12.",
      ".5",
      "1e3",
      "١٢",
    ]) {
      expect(parseAmountCents(text), text).toEqual(general(text));
    }
    const generalDate = (text: string) => parseDate(` ${text} `);
    for (const text of [
      "2026-01-31",
      "2026-02-29",
      "2024-02-29",
      "1900-02-29",
      "2000-02-29",
      "1899-12-31",
      "1900-01-01",
      "2999-12-31",
      "3000-01-01",
      "2026-00-10",
      "2026-13-01",
      "2026-04-31",
      "2026-04-00",
      "2026-4-01",
      "2026/04/01",
      "20a6-04-01",
    ]) {
      expect(parseDate(text), text).toEqual(generalDate(text));
    }
  });
});
