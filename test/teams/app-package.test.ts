import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { inflateSync } from "node:zlib";
import { AppManifestUtils } from "@microsoft/app-manifest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TeamsConfig } from "../../src/config/teams.ts";
import { colorIcon, outlineIcon, pngSize } from "../../src/dev/teams-app-icons.ts";
import { buildTeamsAppPackage, PACKAGE_FILES, type TeamsManifest } from "../../src/dev/teams-app-package.ts";
import { readZip } from "../support/teams-zip.ts";

const root = path.resolve(import.meta.dirname, "../..");
const manifestDir = path.join(root, "manifest/teams");
const APP_ID = "11111111-2222-4333-8444-555555555555";
const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const teams: TeamsConfig = {
  auth: {
    kind: "botFramework",
    appId: APP_ID,
    appType: "SingleTenant",
    tenantId: TENANT,
    credential: { kind: "password", password: "x" },
  },
  botDomain: "klantpuls.acme.nl",
};

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "kp-teams-package-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function template(): Promise<TeamsManifest> {
  return JSON.parse(await readFile(path.join(manifestDir, "manifest.json"), "utf8")) as TeamsManifest;
}

/** Decoded RGBA pixels of one of our own PNGs (8-bit RGBA, filter 0 on every row). */
function pixels(png: Buffer): Buffer {
  const { width, height } = pngSize(png)!;
  const idat = png.subarray(png.indexOf("IDAT") + 4, png.lastIndexOf("IEND") - 8);
  const raw = inflateSync(idat);
  const rows = Array.from({ length: height }, (_, y) =>
    raw.subarray(y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1)),
  );
  return Buffer.concat(rows);
}

describe("Teams app manifest and package", () => {
  it("the manifest template matches Microsoft's Teams manifest schema (its declared version)", async () => {
    const manifest = await template();
    expect(manifest.$schema).toBe(
      "https://developer.microsoft.com/json-schemas/teams/v1.30/MicrosoftTeams.schema.json",
    );
    expect(await AppManifestUtils.validateAgainstSchema(manifest as never)).toEqual([]);
    const [bot] = manifest.bots as unknown as Array<{
      scopes: string[];
      commandLists: Array<{ scopes: string[]; commands: Array<{ title: string }> }>;
    }>;
    expect(bot?.scopes).toEqual(["personal", "team", "groupChat"]);
    expect(bot?.commandLists[0]?.scopes).toEqual(["personal", "team", "groupChat"]);
    expect(bot?.commandLists[0]?.commands.map((command) => command.title)).toEqual([
      "klant-health",
      "klant-risico",
      "klant-kpi",
      "klant-digest",
      "help",
    ]);
  });

  it("the schema check does catch mistakes", async () => {
    const broken = { ...(await template()), bots: [{ botId: "not-a-guid", scopes: ["everywhere"] }] };
    const errors = await AppManifestUtils.validateAgainstSchema(broken as never);
    expect(errors.length).toBeGreaterThan(0);
  });

  it("the committed icons are the drawn ones, 192×192 colour and a 32×32 white outline on transparent", async () => {
    const color = await readFile(path.join(manifestDir, "color.png"));
    const outline = await readFile(path.join(manifestDir, "outline.png"));
    expect(pngSize(color)).toEqual({ width: 192, height: 192 });
    expect(pngSize(outline)).toEqual({ width: 32, height: 32 });
    expect(color.equals(colorIcon())).toBe(true);
    expect(outline.equals(outlineIcon())).toBe(true);
    const rgba = pixels(outline);
    let opaque = 0;
    for (let offset = 0; offset < rgba.length; offset += 4) {
      if (rgba[offset + 3] === 0) continue;
      opaque++;
      expect([rgba[offset], rgba[offset + 1], rgba[offset + 2]]).toEqual([255, 255, 255]);
    }
    expect(opaque).toBeGreaterThan(50);
    expect(pixels(color).readUInt32BE(0)).toBe(0x0f766eff); // opaque accent background
  });

  it("packages exactly the three files with the bot id, app id, version and domain from configuration", async () => {
    const outFile = path.join(dir, "klantpuls.zip");
    const result = await buildTeamsAppPackage({ manifestDir, teams, version: "1.2.3", outFile });
    const entries = readZip(await readFile(outFile));
    expect(entries.map((entry) => entry.name)).toEqual([...PACKAGE_FILES]);
    const manifest = JSON.parse(entries[0]!.data.toString("utf8")) as TeamsManifest;
    expect(manifest).toEqual(result.manifest);
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.version).toBe("1.2.3");
    expect(manifest.bots[0]?.botId).toBe(APP_ID);
    expect(manifest.validDomains).toEqual(["klantpuls.acme.nl"]);
    expect(manifest.developer.privacyUrl).toBe("https://klantpuls.acme.nl/privacy");
    expect(await AppManifestUtils.validateAgainstSchema(manifest as never)).toEqual([]);
    expect(entries[1]!.data.equals(await readFile(path.join(manifestDir, "color.png")))).toBe(true);

    const other = await buildTeamsAppPackage({
      manifestDir,
      teams: { ...teams, manifestId: "22222222-2222-4333-8444-555555555555" },
      version: "1.2.3",
      outFile: path.join(dir, "other.zip"),
    });
    expect(other.manifest.id).toBe("22222222-2222-4333-8444-555555555555");
    expect(other.manifest.bots[0]?.botId).toBe(APP_ID);
  });

  it("refuses to package without a bot app id", async () => {
    const outFile = path.join(dir, "none.zip");
    await expect(
      buildTeamsAppPackage({ manifestDir, teams: undefined, version: "1", outFile }),
    ).rejects.toThrow(/TEAMS_APP_ID/);
    await expect(
      buildTeamsAppPackage({ manifestDir, teams: { auth: { kind: "local" } }, version: "1", outFile }),
    ).rejects.toThrow(/TEAMS_APP_ID/);
  });

  it("`npm run teams:package` builds and schema-checks the package from the environment", async () => {
    const outFile = path.join(dir, "from-script.zip");
    const { stdout } = await promisify(execFile)(
      "npm",
      ["run", "--silent", "teams:package", "--", "--out", outFile],
      {
        cwd: root,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          TEAMS_APP_ID: APP_ID,
          TEAMS_APP_PASSWORD: "x",
          TEAMS_APP_TENANT_ID: TENANT,
          TEAMS_BOT_DOMAIN: "bot.example.nl",
        },
      },
    );
    expect(stdout).toContain(`bot id: ${APP_ID}`);
    const entries = readZip(await readFile(outFile));
    expect(entries.map((entry) => entry.name)).toEqual(["manifest.json", "color.png", "outline.png"]);
    expect(JSON.parse(entries[0]!.data.toString("utf8")).validDomains).toEqual(["bot.example.nl"]);
  });
});
