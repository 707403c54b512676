import { describe, expect, it } from "vitest";
import { importMappingSchema, resolveColumns } from "../../src/import/columns.ts";

describe("resolveColumns", () => {
  it("reads canonical names", () => {
    const result = resolveColumns("orders", [
      "external_id",
      "customer_external_id",
      "ordered_on",
      "amount",
      "quantity",
    ]);
    expect(result.problems).toEqual([]);
    expect([...result.indexes.entries()]).toEqual([
      ["external_id", 0],
      ["customer_external_id", 1],
      ["ordered_on", 2],
      ["amount", 3],
      ["quantity", 4],
    ]);
  });

  it("reads Dutch ERP headers in any case and spelling, and ignores the rest", () => {
    const result = resolveColumns("invoices", [
      "Factuurnummer",
      "KLANTNUMMER",
      "Factuur-datum",
      "Vervaldatum",
      "Betaald op",
      "Bedrag (incl. BTW)",
      "Omschrijving",
      "",
    ]);
    expect(result.problems).toEqual([]);
    expect(result.sources).toEqual({
      external_id: "Factuurnummer",
      customer_external_id: "KLANTNUMMER",
      issued_on: "Factuur-datum",
      due_on: "Vervaldatum",
      paid_on: "Betaald op",
      amount: "Bedrag (incl. BTW)",
    });
    expect(result.ignored).toEqual(["Omschrijving"]);
  });

  it("reads the same header as a different column per kind", () => {
    expect(resolveColumns("customers", ["Klantnummer", "Klantnaam"]).sources).toEqual({
      external_id: "Klantnummer",
      name: "Klantnaam",
    });
    expect(resolveColumns("nps", ["Klantnummer", "Datum", "Cijfer"]).sources.customer_external_id).toBe(
      "Klantnummer",
    );
  });

  it("names every missing required column", () => {
    const result = resolveColumns("invoices", ["Factuurnummer", "Bedrag"]);
    expect(result.problems).toHaveLength(3);
    expect(result.problems.join("\n")).toMatch(
      /customer_external_id is missing[\s\S]*issued_on is missing[\s\S]*due_on/,
    );
  });

  it("refuses two headers that read as one column", () => {
    const result = resolveColumns("orders", ["Ordernummer", "Klantnummer", "Orderdatum", "Datum", "Bedrag"]);
    expect(result.problems[0]).toMatch(/"Orderdatum" and "Datum" both read as ordered_on/);
  });

  it("follows a mapping file, which wins over aliases and can ignore a column", () => {
    const mapping = importMappingSchema.parse({
      columns: {
        Debiteur: "customer_external_id",
        Doc: "external_id",
        "Datum doc": "ordered_on",
        Saldo: "amount",
        Datum: null,
      },
      delimiter: "tab",
    });
    expect(mapping.delimiter).toBe("\t");
    const result = resolveColumns("orders", ["Doc", "Debiteur", "Datum doc", "Datum", "Saldo"], mapping);
    expect(result.problems).toEqual([]);
    expect(result.sources).toMatchObject({ external_id: "Doc", ordered_on: "Datum doc", amount: "Saldo" });
  });

  it("accepts a flat mapping and reports a target that is not a column", () => {
    const mapping = importMappingSchema.parse({ Debiteur: "klant" });
    const result = resolveColumns("orders", ["Debiteur"], mapping);
    expect(result.problems[0]).toMatch(/"Debiteur" maps to "klant", which is not a orders column/);
  });
});
