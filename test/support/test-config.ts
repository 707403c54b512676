import type { Config } from "../../src/config/index.ts";
import type { SlackConfig } from "../../src/config/slack.ts";

export const TEST_SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
export const TEST_BOT_TOKEN = "xoxb-local-test-token";

/** A bot configuration for tests: in-memory PGlite, a free local port, no platform unless given. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    database: { kind: "pglite" },
    http: { port: 0, host: "127.0.0.1" },
    logLevel: "silent",
    locale: "nl",
    timezone: "Europe/Amsterdam",
    settingsJson: undefined,
    ...overrides,
  };
}

/** Slack over HTTP against a local stand-in Web API. */
export function localSlackConfig(apiUrl: string, overrides: Partial<SlackConfig> = {}): SlackConfig {
  return {
    botToken: TEST_BOT_TOKEN,
    signingSecret: TEST_SIGNING_SECRET,
    appToken: undefined,
    apiUrl,
    maxClockSkewSeconds: 60,
    ...overrides,
  };
}
