import { expect, it } from "vitest";
import { existingDeliveryKeys, insertDelivery } from "../../src/db/queries/outbox.ts";
import { describeEachDatabase } from "../support/each-database.ts";

describeEachDatabase("existing delivery keys (src/db/queries/outbox.ts)", (database) => {
  it("names the keys that already have a delivery, whatever its status", async () => {
    const { sql } = database();
    expect(await existingDeliveryKeys(sql, [])).toEqual(new Set());
    const at = new Date("2026-11-30T07:00:00Z");
    for (const [key, status] of [
      ["digest:1:2026-W49", "PENDING"],
      ["digest:2:2026-W49", "FAILED"],
    ] as const) {
      await insertDelivery(sql, {
        key,
        platform: status === "FAILED" ? null : "SLACK",
        target: { kind: "channel", channelId: "C1" },
        kind: "digest",
        payload: {},
        status,
        nextAttemptAt: at,
        createdAt: at,
      });
    }
    expect(
      await existingDeliveryKeys(sql, ["digest:1:2026-W49", "digest:2:2026-W49", "digest:3:2026-W49"]),
    ).toEqual(new Set(["digest:1:2026-W49", "digest:2:2026-W49"]));
    expect(await existingDeliveryKeys(sql, ["digest:1:2026-W48"])).toEqual(new Set());
  });
});
