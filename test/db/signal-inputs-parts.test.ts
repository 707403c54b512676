import { expect, it } from "vitest";
import { seedDatabase } from "../../prisma/seed/load.ts";
import {
  customerIdRanges,
  querySignalInputs,
  querySignalInputsInParts,
} from "../../src/db/queries/signal-inputs.ts";
import { describeEachDatabase } from "../support/each-database.ts";

const AS_OF = "2026-11-25";
const windows = { asOf: AS_OF, recentDays: 90, baselineDays: 365, pulseMaxAgeDays: 90 };

describeEachDatabase(
  "signal inputs in two parts (src/db/queries/signal-inputs.ts)",
  (database) => {
    it.each([true, false])(
      "gives the rows of the one-statement query, its orders first, for the book, id ranges and a subset (side by side: %s)",
      async (sideBySide) => {
        const { sql } = database();
        const whole = await querySignalInputs(sql, windows);
        expect(whole.length).toBeGreaterThan(0);
        const parts = querySignalInputsInParts(sql, windows, { sideBySide });
        const orders = await parts.orders;
        expect(await parts.all).toEqual(whole);
        expect(orders).toEqual(
          whole.map((row) => ({
            customerId: row.customerId,
            erpChurned: row.erpChurned,
            ageDays: row.inputs.customer.ageDays,
            orders: row.inputs.orders,
          })),
        );

        const ranges = await customerIdRanges(sql, { asOf: AS_OF, customerIds: undefined, chunkSize: 7 });
        const ranged = [];
        for (const idRange of ranges)
          ranged.push(...(await querySignalInputsInParts(sql, { ...windows, idRange }, { sideBySide }).all));
        expect(ranged).toEqual(whole);

        const customerIds = [whole[2]!.customerId, whole[0]!.customerId];
        const subset = await querySignalInputsInParts(sql, { ...windows, customerIds }, { sideBySide }).all;
        expect(subset).toEqual(await querySignalInputs(sql, { ...windows, customerIds }));
        expect(subset.map((row) => row.customerId)).toEqual([whole[0]!.customerId, whole[2]!.customerId]);
      },
    );

    it.each([true, false])(
      "rejects both parts when a statement fails, without leaving a rejection unhandled (side by side: %s)",
      async (sideBySide) => {
        const { sql } = database();
        const parts = querySignalInputsInParts(sql, { ...windows, asOf: "not a date" }, { sideBySide });
        await expect(parts.orders).rejects.toThrow();
        await expect(parts.all).rejects.toThrow();
      },
    );
  },
  {
    async setup(db) {
      await seedDatabase(db, { customers: 30, asOf: AS_OF });
    },
  },
);
