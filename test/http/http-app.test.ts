import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.ts";
import { silentLogger } from "../../src/logger.ts";
import { type RunningBot, startBot } from "../../src/main.ts";
import { testConfig } from "../support/test-config.ts";

describe("the bot's shared HTTP server", () => {
  let bot: RunningBot;
  beforeAll(async () => {
    bot = await startBot({
      config: testConfig(),
      clock: new ManualClock("2026-11-25T09:00:00Z"),
      log: silentLogger,
    });
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it("/healthz says whether the database answers", async () => {
    const response = await fetch(`${bot.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, database: "pglite" });
  });

  it("an unknown route is a short JSON 404, not an HTML page or a stack trace", async () => {
    const response = await fetch(`${bot.url}/slack/nope`, { method: "POST", body: "x" });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: "not found" });
  });

  it("Slack and Teams are not mounted when they are not configured", async () => {
    expect((await fetch(`${bot.url}/slack/events`, { method: "POST" })).status).toBe(404);
    expect((await fetch(`${bot.url}/api/messages`, { method: "POST" })).status).toBe(404);
  });

  it("serves the privacy and terms pages the Teams manifest links to, in Dutch, English and French", async () => {
    const manifest = JSON.parse(
      readFileSync(path.resolve(import.meta.dirname, "../../manifest/teams/manifest.json"), "utf8"),
    ) as { developer: { privacyUrl: string; termsOfUseUrl: string } };
    for (const url of [manifest.developer.privacyUrl, manifest.developer.termsOfUseUrl]) {
      const page = new URL(url).pathname;
      const nl = await fetch(`${bot.url}${page}`);
      expect(nl.status).toBe(200);
      expect(nl.headers.get("content-type")).toMatch(/text\/html/);
      expect(await nl.text()).toMatch(/<html lang="nl">.*Klantpuls/s);
      const en = await fetch(`${bot.url}${page}`, { headers: { "accept-language": "en-GB,en;q=0.9" } });
      expect(await en.text()).toMatch(/<html lang="en">/);
      const fr = await fetch(`${bot.url}${page}`, { headers: { "accept-language": "fr-BE,fr;q=0.9" } });
      expect(await fr.text()).toMatch(/<html lang="fr">/);
    }
    expect(await (await fetch(`${bot.url}/privacy?lang=fr`)).text()).toMatch(/confidentialité/);
    expect(await (await fetch(`${bot.url}/privacy?lang=en`)).text()).toMatch(
      /is not shared with third parties/,
    );
    expect(await (await fetch(`${bot.url}/terms`)).text()).toMatch(/gebruiksvoorwaarden/);
  });
});
