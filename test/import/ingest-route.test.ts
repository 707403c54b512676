import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createIngestRouter } from "../../src/http/ingest-route.ts";
import { createApiToken, listApiTokens, revokeApiToken } from "../../src/services/api-tokens.ts";
import { describeEachDatabase } from "../support/each-database.ts";
import { seedCustomers, testContext } from "./support.ts";

const header = "external_id,customer_external_id,ordered_on,amount,quantity\n";

describeEachDatabase(
  "POST /api/ingest/:kind",
  (database) => {
    let server: Server;
    let base: string;
    // The same route with the default body limit (50 MB), for bodies larger than the 64 KB above.
    let roomy: Server;
    let roomyBase: string;
    let token: string;
    beforeAll(async () => {
      const ctx = testContext(database());
      token = (await createApiToken({ ctx, name: "erp-test" })).token;
      const app = express();
      app.use(createIngestRouter(ctx, { maxBodyBytes: 64 * 1024 }));
      server = await new Promise<Server>((resolve) => {
        const started = app.listen(0, "127.0.0.1", () => resolve(started));
      });
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const roomyApp = express();
      roomyApp.use(createIngestRouter(ctx));
      roomy = await new Promise<Server>((resolve) => {
        const started = roomyApp.listen(0, "127.0.0.1", () => resolve(started));
      });
      roomyBase = `http://127.0.0.1:${(roomy.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      await new Promise((resolve) => server.close(resolve));
      await new Promise((resolve) => roomy.close(resolve));
    });

    const post = (path: string, body: string | Buffer, headers: Record<string, string> = {}) =>
      fetch(`${base}${path}`, {
        method: "POST",
        body,
        headers: { "content-type": "text/csv", authorization: `Bearer ${token}`, ...headers },
      });
    const roomyPost = (path: string, body: string, headers: Record<string, string> = {}) =>
      fetch(`${roomyBase}${path}`, {
        method: "POST",
        body,
        headers: { "content-type": "text/csv", authorization: `Bearer ${token}`, ...headers },
      });
    const orders = async () => {
      const [row] = await database().sql.query<{ n: number }>("SELECT count(*)::int AS n FROM orders");
      return row!.n;
    };

    it("401 without, with a wrong or with a revoked token, and writes nothing", async () => {
      const body = `${header}A-1,C001,2026-04-01,10,1\n`;
      for (const authorization of ["", "Bearer nope", `Basic ${token}`, `Bearer ${token}x`]) {
        const response = await post("/api/ingest/orders", body, { authorization });
        expect(response.status, authorization).toBe(401);
        expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
      }
      const ctx = testContext(database());
      const other = await createApiToken({ ctx, name: "to-revoke" });
      expect(await revokeApiToken({ ctx, name: "to-revoke" })).toBe(true);
      expect(
        (await post("/api/ingest/orders", body, { authorization: `Bearer ${other.token}` })).status,
      ).toBe(401);
      expect(await orders()).toBe(0);
    });

    it("stores only a hash of the token", async () => {
      const rows = await database().sql.query<{ token_hash: string }>("SELECT token_hash FROM api_tokens");
      expect(rows.every((row) => row.token_hash !== token && /^[0-9a-f]{64}$/.test(row.token_hash))).toBe(
        true,
      );
      const listed = await listApiTokens({ ctx: testContext(database()) });
      expect(listed.map((t) => [t.name, t.revokedAt === null])).toEqual([
        ["erp-test", true],
        ["to-revoke", false],
      ]);
    });

    it("200 with counts for a CSV body, and records last use", async () => {
      const response = await post(
        "/api/ingest/orders",
        `${header}A-1,C001,2026-04-01,"1.234,50",2\nA-2,C002,01-04-2026,10,\n`,
      );
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({
        status: "completed",
        inserted: 2,
        source: "api:erp-test",
      });
      const again = await post("/api/ingest/orders", `${header}A-1,C001,2026-04-01,"1.234,50",2\n`);
      expect(await again.json()).toMatchObject({ status: "completed", unchanged: 1 });
      const [used] = await listApiTokens({ ctx: testContext(database()) });
      expect(used!.lastUsedAt).not.toBeNull();
    });

    it("200 with the same counts for a file the embedded database merges in ranges (over 15,000 rows)", async () => {
      const rows = (amount: (i: number) => string) =>
        Array.from({ length: 16_500 }, (_, i) => `R-${i},C00${(i % 2) + 1},2026-05-01,${amount(i)},1\n`).join(
          "",
        );
      const before = await orders();
      const first = await roomyPost("/api/ingest/orders", `${header}${rows(() => "10")}`);
      expect(first.status).toBe(200);
      expect(await first.json()).toMatchObject({ status: "completed", inserted: 16_500, updated: 0 });
      expect((await orders()) - before).toBe(16_500);
      // The same file with every tenth amount changed: each range reports its part, summed once.
      const second = await roomyPost(
        "/api/ingest/orders",
        `${header}${rows((i) => (i % 10 === 0 ? "11" : "10"))}`,
      );
      expect(await second.json()).toMatchObject({
        status: "completed",
        inserted: 0,
        updated: 1_650,
        unchanged: 14_850,
      });
      expect((await orders()) - before).toBe(16_500);
    });

    it("200 for a JSON array body", async () => {
      const rows = [
        { external_id: "J-1", customer_external_id: "C001", ordered_on: "2026-04-02", amount: 99.95 },
      ];
      const response = await post("/api/ingest/orders", JSON.stringify(rows), {
        "content-type": "application/json",
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: "completed", inserted: 1 });
      const bad = await post("/api/ingest/orders", "{", { "content-type": "application/json" });
      expect(bad.status).toBe(400);
      const notArray = await post("/api/ingest/orders", "{}", { "content-type": "application/json" });
      expect(notArray.status).toBe(400);
    });

    it("JSON: a key that is no column of the kind is its row's error, named; nothing written", async () => {
      const before = await orders();
      const row = (i: number) => ({
        external_id: `K-${i}`,
        customer_external_id: "C001",
        ordered_on: "2026-04-03",
        amount: 10,
      });
      // 10,000 rows, each with one extra key of its own: once quadratic (35 s, 1 GB); now each row is refused on its own.
      const rows = Array.from({ length: 10_000 }, (_, i) =>
        i % 2 ? { ...row(i), [`extra_${i}`]: i } : row(i),
      );
      const response = await roomyPost("/api/ingest/orders", JSON.stringify(rows), {
        "content-type": "application/json",
      });
      expect(response.status).toBe(422);
      const report = (await response.json()) as { errors: Array<Record<string, unknown>> };
      expect(report).toMatchObject({ status: "rejected", rowsRead: 10_000, invalid: 5_000 });
      expect(report.errors).toHaveLength(50);
      expect(report.errors[0]).toEqual({
        line: 2,
        column: "extra_1",
        reason: expect.stringMatching(/^unknown column "extra_1": not a orders column \(external_id, /),
      });
      expect(await orders()).toBe(before);
      const skipped = await post("/api/ingest/orders?skip_invalid=1", JSON.stringify(rows.slice(0, 4)), {
        "content-type": "application/json",
      });
      expect(await skipped.json()).toMatchObject({
        status: "completed_with_errors",
        inserted: 2,
        invalid: 2,
      });
      expect(await orders()).toBe(before + 2);
    });

    it("JSON: 400 for a body that breaks off mid-array, 413 for one over the limit (streamed), nothing written", async () => {
      const before = await orders();
      const good = JSON.stringify({
        external_id: "T-1",
        customer_external_id: "C001",
        ordered_on: "2026-04-03",
        amount: 1,
      });
      const cut = await post("/api/ingest/orders", `[${good},{"external_id":"T-2","amo`, {
        "content-type": "application/json",
      });
      expect(cut.status).toBe(400);
      expect(await cut.json()).toEqual({ error: expect.stringMatching(/^body is not valid JSON/) });
      const body = Buffer.from(`[${Array.from({ length: 1000 }, () => good).join(",")}]`);
      expect(body.length).toBeGreaterThan(64 * 1024);
      const stream = new ReadableStream({
        start(controller) {
          for (let i = 0; i < body.length; i += 8192) controller.enqueue(body.subarray(i, i + 8192));
          controller.close();
        },
      });
      const streamed = await fetch(`${base}/api/ingest/orders`, {
        method: "POST",
        body: stream,
        duplex: "half",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      } as RequestInit);
      expect(streamed.status).toBe(413);
      expect(await streamed.json()).toEqual({
        error: expect.stringMatching(/larger than the limit of 65536 bytes/),
      });
      expect(await orders()).toBe(before);
    });

    it("422 with the row report for bad rows, nothing written; skip_invalid and dry_run work", async () => {
      const before = await orders();
      const body = `${header}B-1,C001,2026-04-01,10,1\nB-2,C404,2026-04-01,10,1\nB-3,C001,someday,10,1\n`;
      const response = await post("/api/ingest/orders", body);
      expect(response.status).toBe(422);
      const report = (await response.json()) as { errors: unknown[] };
      expect(report).toMatchObject({ status: "rejected", invalid: 2 });
      expect(report.errors).toEqual([
        expect.objectContaining({ line: 3, column: "customer_external_id", value: "C404" }),
        expect.objectContaining({ line: 4, column: "ordered_on", value: "someday" }),
      ]);
      expect(await orders()).toBe(before);
      const dry = await post("/api/ingest/orders?dry_run=1&skip_invalid=1", body);
      expect(dry.status).toBe(200);
      expect(await dry.json()).toMatchObject({ status: "completed_with_errors", dryRun: true, inserted: 1 });
      expect(await orders()).toBe(before);
      const skip = await post("/api/ingest/orders?skip_invalid=true", body);
      expect(await skip.json()).toMatchObject({ status: "completed_with_errors", inserted: 1, invalid: 2 });
      expect(await orders()).toBe(before + 1);
      const missing = await post("/api/ingest/orders", "Ordernummer\nX\n");
      expect(missing.status).toBe(422);
      expect(await missing.json()).toMatchObject({
        status: "failed",
        fileError: expect.stringMatching(/missing/),
      });
    });

    it("413 for a body over the limit, declared or streamed, and nothing written", async () => {
      const before = await orders();
      const rows = Array.from({ length: 3000 }, (_, i) => `L-${i},C001,2026-04-01,10,1`).join("\n");
      const body = Buffer.from(`${header}${rows}\n`);
      expect(body.length).toBeGreaterThan(64 * 1024);
      const declared = await post("/api/ingest/orders", body);
      expect(declared.status).toBe(413);
      // Chunked, without Content-Length: the limit is enforced while streaming into the import.
      const stream = new ReadableStream({
        start(controller) {
          for (let i = 0; i < body.length; i += 8192) controller.enqueue(body.subarray(i, i + 8192));
          controller.close();
        },
      });
      const streamed = await fetch(`${base}/api/ingest/orders`, {
        method: "POST",
        body: stream,
        duplex: "half",
        headers: { "content-type": "text/csv", authorization: `Bearer ${token}` },
      } as RequestInit);
      expect(streamed.status).toBe(413);
      expect(await orders()).toBe(before);
    });

    it("404 for an unknown kind", async () => {
      const response = await post("/api/ingest/widgets", "a\n1\n");
      expect(response.status).toBe(404);
    });
  },
  { setup: async (db) => seedCustomers(testContext(db)) },
);
