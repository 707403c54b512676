import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/index.ts";
import { loadSlackConfig } from "../../src/config/slack.ts";

const valid = { SLACK_BOT_TOKEN: "xoxb-1-2-abc", SLACK_SIGNING_SECRET: "0123456789abcdef0123456789abcdef" };

describe("Slack configuration", () => {
  it("is off when no SLACK_* variable is set", () => {
    expect(loadSlackConfig({})).toBeUndefined();
    expect(loadConfig({}).slack).toBeUndefined();
  });

  it("reads HTTP mode with the default Web API URL", () => {
    expect(loadSlackConfig(valid)).toEqual({
      botToken: "xoxb-1-2-abc",
      signingSecret: "0123456789abcdef0123456789abcdef",
      appToken: undefined,
      apiUrl: "https://slack.com/api/",
      maxClockSkewSeconds: 60,
    });
  });

  it("reads Socket Mode without a signing secret, and a custom API URL gets its trailing slash", () => {
    const config = loadSlackConfig({
      SLACK_BOT_TOKEN: "xoxb-1",
      SLACK_APP_TOKEN: "xapp-1-A-1-abc",
      SLACK_API_URL: "http://127.0.0.1:9999/api",
    });
    expect(config).toMatchObject({ appToken: "xapp-1-A-1-abc", apiUrl: "http://127.0.0.1:9999/api/" });
  });

  it("stops start-up with one clear line per problem", () => {
    expect(() =>
      loadConfig({ SLACK_BOT_TOKEN: "xoxp-user-token", SLACK_APP_TOKEN: "nope", SLACK_API_URL: "slack.com" }),
    ).toThrow(
      [
        "Invalid configuration:",
        "- SLACK_BOT_TOKEN: must be a bot token starting with xoxb-",
        "- SLACK_APP_TOKEN: must be an app-level token starting with xapp- (Socket Mode), or unset for HTTP",
        "- SLACK_API_URL: must be an http(s) URL such as https://slack.com/api/",
      ].join("\n"),
    );
    expect(() => loadSlackConfig({ SLACK_API_URL: "http://127.0.0.1:1/api/" })).toThrow(
      [
        "- SLACK_BOT_TOKEN: is required when Slack is configured",
        "- SLACK_SIGNING_SECRET: is required for Slack over HTTP (or set SLACK_APP_TOKEN for Socket Mode)",
      ].join("\n"),
    );
    expect(() => loadSlackConfig({ SLACK_SIGNING_SECRET: "short" })).toThrow(
      /SLACK_SIGNING_SECRET: must be the app's signing secret[\s\S]*SLACK_BOT_TOKEN: is required when Slack is configured/,
    );
  });
});
