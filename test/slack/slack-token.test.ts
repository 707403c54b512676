import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.ts";
import type { Config } from "../../src/config/index.ts";
import { LocalSlack } from "../../src/dev/local-slack.ts";
import { silentLogger } from "../../src/logger.ts";
import { startBot } from "../../src/main.ts";
import { BOT_TOKEN } from "../support/slack-bot.ts";
import { localSlackConfig, testConfig } from "../support/test-config.ts";

function config(apiUrl: string): Config {
  return testConfig({ slack: localSlackConfig(apiUrl) });
}

describe("the Slack bot token at start-up", () => {
  it("a token Slack refuses stops start-up with a clear message", async () => {
    const slack = new LocalSlack({ botToken: BOT_TOKEN, users: [] });
    await slack.start();
    try {
      slack.failNext(
        "auth.test",
        { kind: "error", error: "invalid_auth" },
        { kind: "error", error: "invalid_auth" },
      );
      await expect(
        startBot({
          config: config(slack.apiUrl),
          clock: new ManualClock("2026-11-25T09:00:00Z"),
          log: silentLogger,
        }),
      ).rejects.toThrow(/SLACK_BOT_TOKEN was refused by Slack \(auth\.test: invalid_auth\)/);
    } finally {
      await slack.stop();
    }
  });

  it("Slack being unreachable at start-up does not stop the bot, nor crash it later", async () => {
    const slack = new LocalSlack({ botToken: BOT_TOKEN, users: [] });
    await slack.start();
    const apiUrl = slack.apiUrl;
    await slack.stop();
    const bot = await startBot({
      config: config(apiUrl),
      clock: new ManualClock("2026-11-25T09:00:00Z"),
      log: silentLogger,
    });
    try {
      const health = await fetch(`${bot.url}/healthz`);
      expect(health.status).toBe(200);
    } finally {
      await bot.stop();
    }
  });
});
