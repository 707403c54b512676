import { describe, expect, it } from "vitest";
import { npsSourceKey, validateRow } from "../../src/import/row-schemas.ts";

describe("row schemas", () => {
  it("parses a customer, with optional columns empty", () => {
    expect(
      validateRow("customers", { external_id: " C1 ", name: "Café  Léon", segment: "", status: "Actief" }),
    ).toEqual({
      ok: true,
      row: {
        external_id: "C1",
        name: "Café Léon",
        segment: null,
        owner_email: null,
        customer_since: null,
        churned_at: null,
        status: "ACTIVE",
      },
    });
  });

  it("names every bad column of a row", () => {
    const result = validateRow("invoices", {
      external_id: "F1",
      customer_external_id: "",
      issued_on: "31-02-2026",
      due_on: "2026-03-01",
      amount: "12,34,5",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([
      { column: "customer_external_id", value: "", reason: "is required" },
      { column: "issued_on", value: "31-02-2026", reason: "is not an existing calendar date" },
      expect.objectContaining({ column: "amount", value: "12,34,5" }),
    ]);
  });

  it("checks dates against each other", () => {
    const invoice = validateRow("invoices", {
      external_id: "F1",
      customer_external_id: "C1",
      issued_on: "2026-03-01",
      due_on: "2026-02-01",
      amount: "1",
    });
    expect(invoice).toMatchObject({
      ok: false,
      issues: [{ column: "due_on", reason: "is before issued_on" }],
    });
    const customer = validateRow("customers", {
      external_id: "C1",
      name: "X",
      status: "active",
      churned_at: "2026-01-01",
    });
    expect(customer).toMatchObject({ ok: false, issues: [{ column: "churned_at" }] });
  });

  it("maps Dutch words for severity, engagement kind and role", () => {
    expect(
      validateRow("complaints", {
        external_id: "K",
        customer_external_id: "C",
        opened_on: "2026-01-01",
        severity: "Hoog",
      }),
    ).toMatchObject({ ok: true, row: { severity: 3, summary: null } });
    expect(
      validateRow("engagement", {
        customer_external_id: "C",
        occurred_on: "2026-01-01",
        kind: "Websitebezoek",
        count: "1.200",
      }),
    ).toMatchObject({ ok: true, row: { kind: "WEB_VISIT", count: 1200 } });
    expect(
      validateRow("engagement", {
        customer_external_id: "C",
        occurred_on: "2026-01-01",
        kind: "newsletter_click",
      }),
    ).toMatchObject({
      ok: true,
      row: { kind: "NEWSLETTER_CLICK", count: null },
    });
    expect(validateRow("users", { email: "Anna@Example.NL", name: "Anna", role: "beheerder" })).toMatchObject(
      {
        ok: true,
        row: { email: "anna@example.nl", role: "ADMIN" },
      },
    );
    expect(validateRow("users", { email: "anna", name: "Anna" })).toMatchObject({
      ok: false,
      issues: [{ column: "email" }],
    });
  });

  it("keeps NPS scores within 0–10 and derives a stable source key", () => {
    expect(
      validateRow("nps", { customer_external_id: "C", answered_on: "2026-01-01", score: "11" }),
    ).toMatchObject({
      ok: false,
      issues: [{ column: "score", reason: "must be between 0 and 10" }],
    });
    const row = validateRow("nps", {
      customer_external_id: "C",
      answered_on: "01-01-2026",
      score: "9",
      comment: " Top ",
    });
    expect(row).toMatchObject({
      ok: true,
      row: { score: 9, comment: "Top", source_key: npsSourceKey("C", "2026-01-01", "Top") },
    });
    expect(npsSourceKey("C", "2026-01-01", "Top")).not.toBe(npsSourceKey("C", "2026-01-01", "Flop"));
    expect(npsSourceKey("C", "2026-01-01", "Top")).toMatch(/^import:C:2026-01-01:[0-9a-f]{16}$/);
  });

  it("takes JSON values from the ingestion API", () => {
    expect(
      validateRow("orders", {
        external_id: "O1",
        customer_external_id: "C1",
        ordered_on: "2026-01-01",
        amount: 1.234,
        quantity: 2,
      }),
    ).toMatchObject({ ok: true, row: { amount: 123, quantity: 2 } });
    expect(
      validateRow("orders", {
        external_id: "O1",
        customer_external_id: "C1",
        ordered_on: 20260101,
        amount: 1,
      }),
    ).toMatchObject({
      ok: false,
      issues: [{ column: "ordered_on", reason: "is not a date" }],
    });
  });
});
