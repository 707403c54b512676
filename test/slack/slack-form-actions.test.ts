import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ShownMessage } from "../../src/dev/local-slack-workspace.ts";
import {
  blocksText,
  type SlackTestBot,
  slackUsers,
  startSlackTestBot,
  waitFor,
} from "../support/slack-bot.ts";

/**
 * A button that usually opens a form gets its "one moment" modal before any database work. When the
 * handler answers with an update instead (here a stub; the real alert handlers do so for a gone alert),
 * the message is still updated in place and the modal shows the result instead of hanging.
 */
vi.mock("../../src/actions/alert-actions.ts", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../src/actions/alert-actions.ts")>()),
  // Mocked for this file's process only: the snooze button answers with an update, not its form.
  snoozeAlert: async () => ({
    kind: "update",
    message: { text: "Gesnoozed", blocks: [{ type: "text", text: "Gesnoozed tot 2 december" }] },
  }),
}));

let t: SlackTestBot;
beforeAll(async () => {
  t = await startSlackTestBot({ customers: 10 });
});
afterAll(async () => {
  await t?.close();
});

describe("form actions that answer without a form", () => {
  it("update the message and the loading modal", async () => {
    const alert: ShownMessage = {
      ts: "1700000000.000001",
      channel: "D0JAN",
      ephemeral: false,
      text: "Signaal: Acme",
      blocks: [
        {
          type: "actions",
          elements: [
            {
              type: "button",
              action_id: "alert.snooze:0",
              text: { type: "plain_text", text: "Snooze" },
              value: '{"ids":"1","customerId":1}',
            },
          ],
        },
      ],
      deleted: false,
      version: 1,
    };
    t.slack.messages.push(alert);
    await t.slack.click({ userId: slackUsers.jan.id, source: alert, button: 0 });
    await waitFor(() => alert.version === 2);
    expect(blocksText(alert.blocks)).toMatch(/Gesnoozed tot 2 december/);
    const modal = await waitFor(() => [...t.slack.views.values()].find((view) => view.version === 2));
    expect(blocksText(modal.view.blocks)).toMatch(/Gesnoozed tot 2 december/);
    expect(t.slack.callsTo("views.open")[0]?.outcome).toBe("ok");
    expect(t.slack.problems).toEqual([]);
  });
});
