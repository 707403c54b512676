import { readFileSync } from "node:fs";
import path from "node:path";
import type { AppsManifestCreateArguments } from "@slack/web-api";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { slashCommands } from "../../src/slack/listeners/commands.ts";

type Manifest = AppsManifestCreateArguments["manifest"];

const file = path.resolve(import.meta.dirname, "../../manifest/slack.yaml");
const source = readFileSync(file, "utf8");
const manifest = parse(source) as Manifest;

describe("manifest/slack.yaml", () => {
  it("has the bot user, the home tab and the app_home_opened event", () => {
    expect(manifest.display_information.name).toBe("Klantpuls");
    expect(manifest.features?.bot_user?.display_name).toBe("Klantpuls");
    expect(manifest.features?.app_home?.home_tab_enabled).toBe(true);
    expect(manifest.settings?.event_subscriptions?.bot_events).toEqual(["app_home_opened"]);
    expect(manifest.settings?.interactivity?.is_enabled).toBe(true);
    expect(manifest.settings?.socket_mode_enabled).toBe(false);
  });

  it("declares exactly the slash commands the bot registers, with Dutch descriptions and usage hints", () => {
    const commands = manifest.features?.slash_commands ?? [];
    expect(commands.map((command) => command.command)).toEqual(slashCommands.map((name) => `/${name}`));
    for (const command of commands) {
      expect(command.description.length).toBeGreaterThan(0);
      expect(command.description.length).toBeLessThanOrEqual(2000);
      expect(command.usage_hint?.length ?? 0).toBeGreaterThan(0);
      expect(command.url).toMatch(/^https:\/\/.+\/slack\/events$/);
    }
    expect(manifest.settings?.event_subscriptions?.request_url).toMatch(/\/slack\/events$/);
    expect(manifest.settings?.interactivity?.request_url).toMatch(/\/slack\/events$/);
  });

  it("asks for the minimal bot scopes", () => {
    expect(manifest.oauth_config?.scopes?.bot).toEqual([
      "commands",
      "chat:write",
      "im:write",
      "users:read",
      "users:read.email",
    ]);
  });

  it("stays within Slack's manifest field limits", () => {
    expect(manifest.display_information.name.length).toBeLessThanOrEqual(35);
    expect(manifest.display_information.description?.length ?? 0).toBeLessThanOrEqual(140);
    expect((manifest.display_information.long_description ?? "").length).toBeGreaterThanOrEqual(174);
    expect((manifest.display_information.long_description ?? "").length).toBeLessThanOrEqual(4000);
    expect(manifest.features?.bot_user?.display_name.length).toBeLessThanOrEqual(80);
    expect(manifest.display_information.background_color).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it("the Socket Mode comment counts the url lines there are", () => {
    const urlLines = source.split("\n").filter((line) => /^\s+(url|request_url): /.test(line));
    const words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
    const said = /remove the (\w+) `url`\/`request_url`/.exec(source)?.[1];
    expect(said).toBe(words[urlLines.length]);
  });
});
