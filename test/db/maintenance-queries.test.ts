import { expect, it } from "vitest";
import {
  analyzeTables,
  countCustomers,
  countPendingDeliveries,
  giveUsersDemoSlackIds,
  latestSnapshotDate,
} from "../../src/db/queries/maintenance.ts";
import { describeEachDatabase } from "../support/each-database.ts";

describeEachDatabase("maintenance queries (demo, seed, job)", (database) => {
  it("count nothing on an empty book, then what was written", async () => {
    const { sql } = database();
    expect(await countCustomers(sql)).toBe(0);
    expect(await latestSnapshotDate(sql)).toBeNull();
    expect(await countPendingDeliveries(sql)).toBe(0);

    await sql.exec(`
      INSERT INTO users (email, name, slack_user_id, locale) VALUES
        ('jan@example.test', 'Jan', NULL, 'nl'), ('eva@example.test', 'Eva', 'U0EVA', 'en');
      INSERT INTO customers (external_id, name, search_name, customer_since) VALUES
        ('C1', 'Acme', 'acme', '2024-01-01'), ('C2', 'Bakker', 'bakker', '2024-01-01');
      INSERT INTO deliveries (key, platform, target, kind, payload, status) VALUES
        ('a', 'SLACK', 'user:1', 'alert', '{}', 'PENDING'), ('b', 'SLACK', 'user:1', 'alert', '{}', 'SENT');
    `);
    await analyzeTables(sql);
    expect(await countCustomers(sql)).toBe(2);
    expect(await countPendingDeliveries(sql)).toBe(1);
  });

  it("give every user without a Slack id a demo one and keep existing ids", async () => {
    const users = await giveUsersDemoSlackIds(database().sql);
    const byEmail = new Map(users.map((user) => [user.email, user]));
    const jan = byEmail.get("jan@example.test");
    expect(jan?.slackUserId).toBe(`U0DEMO${jan?.id}`);
    expect(typeof jan?.id).toBe("number");
    expect(byEmail.get("eva@example.test")).toMatchObject({
      slackUserId: "U0EVA",
      locale: "en",
      name: "Eva",
    });
  });
});
