import { afterAll, beforeAll, expect, it } from "vitest";
import { importData } from "../../src/services/import-data.ts";
import { type SlackTestBot, slackUsers, startSlackTestBot } from "../support/slack-bot.ts";

/**
 * On PGlite the database runs on this process's thread, so a long import could starve every other
 * request of the event loop. The import yields between bounded batches; this proves it by events, not
 * timing: the import's body keeps producing rows until a signed slash command has been acknowledged.
 * An import that never let the event loop turn would read all MAX_ROWS rows before the ack arrived.
 */
const BATCH = 1000;
const MAX_ROWS = 300_000;

/** Invoice rows for one customer, a batch at a time, while `more(rows sent so far)` holds. */
async function* invoiceCsv(
  prefix: string,
  customer: string,
  more: (rowsSent: number) => boolean,
): AsyncGenerator<Uint8Array> {
  yield Buffer.from("external_id,customer_external_id,issued_on,due_on,paid_on,amount\n");
  for (let sent = 0; more(sent); ) {
    const lines: string[] = [];
    for (let i = 0; i < BATCH; i += 1, sent += 1) {
      lines.push(`${prefix}-${sent},${customer},2026-01-05,2026-02-04,,12.50\n`);
    }
    yield Buffer.from(lines.join(""));
  }
}

let t: SlackTestBot;
beforeAll(async () => {
  t = await startSlackTestBot({ customers: 10 });
});
afterAll(async () => {
  await t?.close();
});

it("a Slack slash command is acknowledged while a long import is running (PGlite)", async () => {
  const [customer] = await t.bot.ctx.db.sql.query<{ external_id: string }>(
    "SELECT external_id FROM customers ORDER BY id LIMIT 1",
  );
  let acknowledged = false;
  const endlessUntilAcknowledged = () =>
    invoiceCsv("ACK", customer!.external_id, (rowsSent) => !acknowledged && rowsSent < MAX_ROWS);
  let firstBatchStaged!: () => void;
  const importRunning = new Promise<void>((resolve) => {
    firstBatchStaged = resolve;
  });
  const importing = importData({
    ctx: t.bot.ctx,
    kind: "invoices",
    source: { format: "csv", name: "endless.csv", bytes: endlessUntilAcknowledged() },
    batchSize: BATCH,
    rescore: false,
    onProgress: (progress) => {
      if (progress.phase === "reading") firstBatchStaged();
    },
  });
  await importRunning;
  const ack = await t.slack.slashCommand({
    command: "/klant-health",
    text: "acme",
    userId: slackUsers.jan.id,
  });
  acknowledged = true;
  expect(ack.status).toBe(200);
  const report = await importing;
  expect(report.status).toBe("completed");
  // The body ended because the ack arrived, long before its cap: the import was running meanwhile.
  expect(report.rowsRead).toBeLessThan(MAX_ROWS);
  expect(report.inserted).toBe(report.rowsRead);
});

it("a Slack slash command is acknowledged while the merge runs, between its ranges (PGlite)", async () => {
  const [customer] = await t.bot.ctx.db.sql.query<{ external_id: string }>(
    "SELECT external_id FROM customers ORDER BY id LIMIT 1",
  );
  // Six ranges of the merge on PGlite (15,000 lines each). Merged in one statement, the event loop
  // would not turn until every row was written, so no range could follow the ack.
  const rows = 90_000;
  const invoices = () => invoiceCsv("MERGE", customer!.external_id, (rowsSent) => rowsSent < rows);
  const events: string[] = [];
  let merging!: () => void;
  const mergeStarted = new Promise<void>((resolve) => {
    merging = resolve;
  });
  const importing = importData({
    ctx: t.bot.ctx,
    kind: "invoices",
    source: { format: "csv", name: "merge.csv", bytes: invoices() },
    batchSize: 10_000,
    rescore: false,
    onProgress: (progress) => {
      if (progress.phase !== "merging") return;
      merging();
      if (progress.rowsMerged !== undefined)
        events.push(`merged ${progress.rowsMerged} of ${progress.rowsValid}`);
    },
  });
  await mergeStarted;
  const ack = await t.slack.slashCommand({
    command: "/klant-health",
    text: "acme",
    userId: slackUsers.jan.id,
  });
  events.push("ack");
  expect(ack.status).toBe(200);
  const report = await importing;
  expect(report.status).toBe("completed");
  expect(report.inserted).toBe(rows);
  expect(events.at(-1)).toBe(`merged ${rows} of ${rows}`);
  // Ranges were still being written after the ack: it did not wait for the merge.
  expect(events.indexOf("ack")).toBeLessThan(events.length - 1);
});
