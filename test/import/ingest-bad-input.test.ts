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
  },
  { setup: async (db) => seedCustomers(testContext(db)) },
);
