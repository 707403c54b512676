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
    const { sql } = database();
    const zed = await insertApiToken(sql, {
      name: "zed",
      tokenHash: "hash-zed",
      scopes: ["orders", "users"],
      maxRole: "MANAGER",
    });
    expect(zed).toEqual(expect.any(Number));
    expect(
      await insertApiToken(sql, { name: "zed", tokenHash: "other", scopes: ["orders"], maxRole: "MEMBER" }),
    ).toBeNull();
    const erp = await insertApiToken(sql, {
      name: "erp",
      tokenHash: "hash-erp",
      scopes: ["customers"],
      maxRole: "MEMBER",
    });
    // A token from before scopes existed: NULL scopes reach the service as null.
    await sql.query("UPDATE api_tokens SET scopes = NULL WHERE id = $1", [erp]);

    const listed = await listApiTokenRows(sql);
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

    expect(await useApiToken(sql, "unknown")).toBeNull();
    expect(await useApiToken(sql, "hash-zed")).toEqual({
      id: zed,
      name: "zed",
      scopes: ["orders", "users"],
      maxRole: "MANAGER",
    });
    expect((await listApiTokenRows(sql))[1]?.lastUsedAt).toEqual(expect.any(String));

    expect(await revokeApiTokenByName(sql, "zed")).toBe(true);
    expect(await revokeApiTokenByName(sql, "zed")).toBe(false);
    expect(await revokeApiTokenByName(sql, "nobody")).toBe(false);
    expect(await useApiToken(sql, "hash-zed")).toBeNull();
    expect((await listApiTokenRows(sql))[1]?.revokedAt).toEqual(expect.any(String));
    // A revoked name stays taken.
    expect(
      await insertApiToken(sql, {
        name: "zed",
        tokenHash: "hash-new",
        scopes: ["orders"],
        maxRole: "MEMBER",
      }),
    ).toBeNull();
  });
});
