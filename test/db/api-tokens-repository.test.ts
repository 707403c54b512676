import { expect, it } from "vitest";
import {
  insertApiToken,
  listApiTokenRows,
  revokeApiTokenByName,
  useApiToken,
} from "../../src/db/queries/api-tokens.ts";
import { describeEachDatabase } from "../support/each-database.ts";

describeEachDatabase("api tokens repository (src/db/queries/api-tokens.ts)", (database) => {
  it("api tokens: one per name, used only while not revoked, listed by name with their grants", async () => {
    const db = database();
    const { sql } = db;
    const zed = await insertApiToken(db, {
      name: "zed",
      tokenHash: "hash-zed",
      scopes: ["orders", "users"],
      maxRole: "MANAGER",
    });
    expect(zed).toEqual(expect.any(Number));
    expect(
      await insertApiToken(db, { name: "zed", tokenHash: "other", scopes: ["orders"], maxRole: "MEMBER" }),
    ).toBeNull();
    const erp = await insertApiToken(db, {
      name: "erp",
      tokenHash: "hash-erp",
      scopes: ["customers"],
      maxRole: "MEMBER",
    });
    // A token from before scopes existed: NULL scopes reach the service as null.
    await sql.query("UPDATE api_tokens SET scopes = NULL WHERE id = $1", [erp]);

    const listed = await listApiTokenRows(db);
    expect(listed.map((token) => token.name)).toEqual(["erp", "zed"]);
    expect(listed[0]).toMatchObject({
      id: erp,
      scopes: null,
      maxRole: "MEMBER",
      revokedAt: null,
      lastUsedAt: null,
    });
    expect(listed[1]).toMatchObject({ id: zed, scopes: ["orders", "users"], maxRole: "MANAGER" });
    expect(typeof listed[1]?.createdAt).toBe("string");

    expect(await useApiToken(db, "unknown")).toBeNull();
    expect(await useApiToken(db, "hash-zed")).toEqual({
      id: zed,
      name: "zed",
      scopes: ["orders", "users"],
      maxRole: "MANAGER",
    });
    expect((await listApiTokenRows(db))[1]?.lastUsedAt).toEqual(expect.any(String));

    expect(await revokeApiTokenByName(db, "zed")).toBe(true);
    expect(await revokeApiTokenByName(db, "zed")).toBe(false);
    expect(await revokeApiTokenByName(db, "nobody")).toBe(false);
    expect(await useApiToken(db, "hash-zed")).toBeNull();
    expect((await listApiTokenRows(db))[1]?.revokedAt).toEqual(expect.any(String));
    // A revoked name stays taken.
    expect(
      await insertApiToken(db, {
        name: "zed",
        tokenHash: "hash-new",
        scopes: ["orders"],
        maxRole: "MEMBER",
      }),
    ).toBeNull();
  });
  it("api tokens: times as PostgreSQL's text, an empty scope list is not a NULL one, a hash clash is an error", async () => {
    const db = database();
    const { sql } = db;
    const id = await insertApiToken(db, {
      name: "empty",
      tokenHash: "hash-empty",
      scopes: ["orders"],
      maxRole: "MEMBER",
    });
    await sql.query(
      "UPDATE api_tokens SET scopes = '{}', created_at = '2026-12-02 03:07:36.59' WHERE id = $1",
      [id],
    );
    expect(await useApiToken(db, "hash-empty")).toMatchObject({ id, scopes: [] });
    const [stored] = await sql.query<{ created: string; used: string }>(
      "SELECT created_at::text AS created, last_used_at::text AS used FROM api_tokens WHERE id = $1",
      [id],
    );
    const listed = (await listApiTokenRows(db)).find((token) => token.id === id);
    expect(listed).toMatchObject({
      scopes: [],
      createdAt: "2026-12-02 03:07:36.59",
      lastUsedAt: stored!.used,
    });
    expect(stored!.created).toBe("2026-12-02 03:07:36.59");
    await expect(
      insertApiToken(db, { name: "clash", tokenHash: "hash-empty", scopes: ["orders"], maxRole: "MEMBER" }),
    ).rejects.toThrow(/token_hash|Unique constraint/);
  });
});
