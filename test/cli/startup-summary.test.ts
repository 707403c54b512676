import { describe, expect, it } from "vitest";
import { startupSummary } from "../../src/cli/startup-summary.ts";
import { localSlackConfig, testConfig } from "../support/test-config.ts";

describe("what `klantpuls serve` (npm start) says when it is up", () => {
  it("without Slack or Teams: both off with how to turn them on, and the real listen address", () => {
    const text = startupSummary({
      config: testConfig({ http: { host: "0.0.0.0", port: 3000 } }),
      url: "http://127.0.0.1:3000",
      database: { kind: "pglite", location: "./data" },
    });
    expect(text).toMatch(
      /^Klantpuls listens on 0\.0\.0\.0:3000 \(all interfaces; on this machine http:\/\/127\.0\.0\.1:3000\)\./,
    );
    expect(text).toMatch(/Slack: off — set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET/);
    expect(text).toMatch(/Teams: off — set TEAMS_APP_ID/);
    expect(text).toMatch(/Database: pglite, \.\/data\./);
  });

  it("with Slack on a given host and a free port: the port actually bound", () => {
    const text = startupSummary({
      config: testConfig({ http: { host: "127.0.0.1", port: 0 }, slack: localSlackConfig("http://x/api/") }),
      url: "http://127.0.0.1:41234",
      database: { kind: "postgres", location: "db:5432/klantpuls" },
    });
    expect(text).toMatch(/listens on 127\.0\.0\.1:41234 \(http:\/\/127\.0\.0\.1:41234\)/);
    expect(text).toMatch(/Slack: on \(POST http:\/\/127\.0\.0\.1:41234\/slack\/events\)/);
    expect(text).toMatch(/Teams: off/);
  });
});
