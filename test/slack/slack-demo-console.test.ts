import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDemoConsole } from "../../src/cli/demo-console.ts";
import { slackConsoleBackend } from "../../src/cli/slack-backend.ts";
import { type SlackTestBot, slackUsers, startSlackTestBot } from "../support/slack-bot.ts";

/** The demo console's Slack mode: typed lines become signed Slack requests; answers come back as text. */
let t: SlackTestBot;
beforeAll(async () => {
  t = await startSlackTestBot({ customers: 20 });
});
afterAll(async () => {
  await t?.close();
});

async function transcript(lines: string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = "";
  output.on("data", (chunk) => {
    text += String(chunk);
  });
  input.end(`${lines.join("\n")}\n`);
  await runDemoConsole({
    backend: slackConsoleBackend({ slack: t.slack, userId: slackUsers.jan.id, channelId: "C0DEMO" }),
    input,
    output,
    banner: "test",
  });
  return text;
}

describe("demo console over Slack", () => {
  it("runs commands, buttons, the pulse modal (with a field error first) and the Home tab", async () => {
    const text = await transcript([
      "/klant-health acme",
      "1",
      "",
      "",
      "1",
      "6",
      "via de console",
      "/klant-health bakker",
      "2",
      "/home",
      "1",
      "quit",
    ]);
    expect(text).toMatch(/\[Slack #C0DEMO · only visible to you\]\nACME/);
    expect(text).toMatch(/\[1\] Notitie \/ pulse {2}\[2\] Deel in kanaal/);
    expect(text).toMatch(/Not saved: Kies een score van 0 t\/m 10\./);
    expect(text).toMatch(/── Klantpulse ──[\s\S]*je inschatting 6\/10 voor Acme is opgeslagen/);
    expect(text).toMatch(/only visible to you · updated\]\nBAKKER BOUWMATERIALEN BV/);
    expect(text).toMatch(/\[Slack App Home tab\][\s\S]*Mijn klanten/);
    expect(text).toMatch(/\[Slack DM from Klantpuls to you\]/);
    expect(t.slack.problems).toEqual([]);
  });
});
