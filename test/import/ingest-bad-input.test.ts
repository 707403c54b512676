import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createHttpApp, finishHttpApp } from "../../src/http/app.ts";
import { createApiToken } from "../../src/services/api-tokens.ts";
import { describeEachDatabase } from "../support/each-database.ts";
import { seedCustomers, testContext } from "./support.ts";

/**
 * Bad input through the real ingestion endpoint (the bot's HTTP app, with its last-resort error
 * handler): every case is a 4xx with a report, never a 500, and nothing is written.
 */
describeEachDatabase(
  "POST /api/ingest/:kind with damaged input",
  (database) => {
    let server: Server;
    let base: string;
    let token: string;
    beforeAll(async () => {
      const ctx = testContext(database());
      token = (await createApiToken({ ctx, name: "erp-robust" })).token;
      const app = createHttpApp(ctx);
      finishHttpApp(app, ctx);
      server = await new Promise<Server>((resolve) => {
        const started = app.listen(0, "127.0.0.1", () => resolve(started));
      });
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      await new Promise((resolve) => server.close(resolve));
    });

    const post = (path: string, body: string | Buffer, contentType = "text/csv") =>
      fetch(`${base}${path}`, {
        method: "POST",
        body,
        headers: { "content-type": contentType, authorization: `Bearer ${token}` },
      });
    const count = async (table: string) => {
      const [row] = await database().sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
      return row!.n;
    };

    it("refuses a small file that mixes UTF-8 with Windows-1252 bytes, instead of garbling it", async () => {
      const before = await count("customers");
      // One chunk: "Café één" in UTF-8, then "Müller" with ü as the single Windows-1252 byte 0xFC.
      const body = Buffer.concat([
        Buffer.from("external_id,name\nM-1,Café één\nM-2,M", "utf8"),
        Buffer.from([0xfc]),
        Buffer.from("ller\n", "utf8"),
      ]);
      const response = await post("/api/ingest/customers", body);
      expect(response.status).toBe(422);
      expect(await response.json()).toMatchObject({
        status: "failed",
        fileError: expect.stringMatching(/mixes UTF-8 with another encoding .*save it again as UTF-8/),
      });
      expect(await count("customers")).toBe(before);
    });

    it("answers a NUL byte in a field with 422 and the line, in CSV and in JSON", async () => {
      const before = await count("orders");
      const csv = await post(
        "/api/ingest/orders",
        "external_id,customer_external_id,ordered_on,amount\nN-1,C001,2026-04-01,10\nN-2\u0000,C001,2026-04-01,10\n",
      );
      expect(csv.status).toBe(422);
      const report = (await csv.json()) as { errors: unknown[] };
      expect(report).toMatchObject({ status: "rejected", invalid: 1 });
      expect(report.errors).toEqual([
        expect.objectContaining({ line: 3, column: "external_id", reason: expect.stringMatching(/NUL/) }),
      ]);

      const json = await post(
        "/api/ingest/customers",
        JSON.stringify([{ external_id: "N-3", name: "Nul\u0000 BV" }]),
        "application/json",
      );
      expect(json.status).toBe(422);
      expect(await json.json()).toMatchObject({
        errors: [expect.objectContaining({ line: 1, column: "name", reason: expect.stringMatching(/NUL/) })],
      });
      expect(await count("orders")).toBe(before);
    });

    const ordersHeader = "external_id,customer_external_id,ordered_on,amount\n";
    const stored = async (ids: string[]) =>
      database().sql.query<{ external_id: string; ordered_on: string; amount_cents: number }>(
        "SELECT external_id, ordered_on::text AS ordered_on, amount_cents FROM orders WHERE external_id = ANY($1) ORDER BY external_id",
        [ids],
      );

    it("reads the Dutch whole-euro notation € 2.010,- as € 2.010,00", async () => {
      const response = await post(
        "/api/ingest/orders",
        `${ordersHeader}W-1,C001,2026-04-01,"€ 2.010,-"\nW-2,C001,2026-04-02,"17,-"\n`,
      );
      expect(response.status).toBe(200);
      expect(await stored(["W-1", "W-2"])).toMatchObject([
        { amount_cents: 201_000 },
        { amount_cents: 1_700 },
      ]);
    });

    it("imports a negative order line as a credit note and counts it in the report", async () => {
      const response = await post(
        "/api/ingest/orders",
        `${ordersHeader}CR-1,C001,2026-04-03,"100,00"\nCR-2,C001,2026-04-04,"-25,00"\n`,
      );
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: "completed", inserted: 2, creditLines: 1 });
      expect(await stored(["CR-2"])).toMatchObject([{ amount_cents: -2_500 }]);
    });

    it("decides 1.234 from the file's other amounts, and refuses a file that contradicts itself", async () => {
      // "12,50" shows a decimal comma: "1.234" groups thousands, "1,234" has three decimals.
      const comma = await post(
        "/api/ingest/orders",
        `${ordersHeader}D-1,C001,2026-04-01,"12,50"\nD-2,C001,2026-04-01,1.234\nD-3,C001,2026-04-01,"1,234"\n`,
      );
      expect(comma.status).toBe(200);
      expect(await stored(["D-1", "D-2", "D-3"])).toMatchObject([
        { amount_cents: 1_250 },
        { amount_cents: 123_400 },
        { amount_cents: 123 },
      ]);
      // "12.50" shows a decimal point: now "1.234" is 1.234 and "1,234" is one thousand two hundred thirty-four.
      const point = await post(
        "/api/ingest/orders",
        `${ordersHeader}E-1,C001,2026-04-01,12.50\nE-2,C001,2026-04-01,1.234\nE-3,C001,2026-04-01,"1,234"\n`,
      );
      expect(point.status).toBe(200);
      expect(await stored(["E-1", "E-2", "E-3"])).toMatchObject([
        { amount_cents: 1_250 },
        { amount_cents: 123 },
        { amount_cents: 123_400 },
      ]);
      // Read as thousands on line 2, then line 3 shows "." is the decimal mark: refused, nothing written.
      const contradicts = await post(
        "/api/ingest/orders",
        `${ordersHeader}F-1,C001,2026-04-01,1.234\nF-2,C001,2026-04-01,12.50\n`,
      );
      expect(contradicts.status).toBe(422);
      expect(await contradicts.json()).toMatchObject({
        status: "failed",
        fileError: expect.stringMatching(/amount "1\.234" on line 2 is ambiguous.*line 3 \("12\.50"\)/),
      });
      expect(await stored(["F-1", "F-2"])).toEqual([]);
    });

    it("reads month-first dates when the file shows them, or when date_format=MDY says so", async () => {
      // Line 3 has 13 in the second place: the file puts the month first, so 12/1/2010 is 1 December.
      const shown = await post(
        "/api/ingest/orders",
        `${ordersHeader}M-1,C001,12/13/2010,10\nM-2,C001,12/1/2010,10\n`,
      );
      expect(shown.status).toBe(200);
      expect(await stored(["M-1", "M-2"])).toMatchObject([
        { ordered_on: "2010-12-13" },
        { ordered_on: "2010-12-01" },
      ]);
      // Day first is the default, and 13 in the first place confirms it.
      const dayFirst = await post(
        "/api/ingest/orders",
        `${ordersHeader}M-3,C001,13/1/2010,10\nM-4,C001,12/1/2010,10\n`,
      );
      expect(dayFirst.status).toBe(200);
      expect(await stored(["M-3", "M-4"])).toMatchObject([
        { ordered_on: "2010-01-13" },
        { ordered_on: "2010-01-12" },
      ]);
      // Read day first before the file showed month first: refused, with what to do.
      const late = `${ordersHeader}M-5,C001,12/1/2010,10\nM-6,C001,12/13/2010,10\n`;
      const refused = await post("/api/ingest/orders", late);
      expect(refused.status).toBe(422);
      expect(await refused.json()).toMatchObject({
        fileError: expect.stringMatching(/"12\/1\/2010" on line 2 was read day first.*date_format=MDY/),
      });
      const told = await post("/api/ingest/orders?date_format=MDY", late);
      expect(told.status).toBe(200);
      expect(await stored(["M-5", "M-6"])).toMatchObject([
        { ordered_on: "2010-12-01" },
        { ordered_on: "2010-12-13" },
      ]);
      expect((await post("/api/ingest/orders?date_format=YMD", late)).status).toBe(400);
    });
  },
  { setup: async (db) => seedCustomers(testContext(db)) },
);
