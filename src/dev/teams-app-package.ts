import { createWriteStream } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import yazl from "yazl";
import { AppError } from "../app-error.ts";
import type { TeamsConfig } from "../config/teams.ts";
import { pngSize } from "./teams-app-icons.ts";

/**
 * The Teams app package: a zip with exactly manifest.json, color.png and outline.png at its root,
 * which an admin uploads in the Teams admin center (or a user via "Upload a custom app"). The
 * manifest in the repository is a template; the bot id, app id, version and domain come from the
 * configuration here.
 */
export const PACKAGE_FILES = ["manifest.json", "color.png", "outline.png"] as const;

const TEMPLATE_DOMAIN = "klantpuls.example.com";
const ICON_SIZES = { "color.png": 192, "outline.png": 32 } as const;

export interface TeamsManifest {
  id: string;
  version: string;
  developer: Record<string, string>;
  bots: Array<{ botId: string } & Record<string, unknown>>;
  validDomains?: string[];
  [key: string]: unknown;
}

export function fillManifest(
  template: TeamsManifest,
  options: { botId: string; manifestId?: string; version: string; botDomain?: string },
): TeamsManifest {
  const manifest = structuredClone(template);
  manifest.id = options.manifestId ?? options.botId;
  manifest.version = options.version;
  for (const bot of manifest.bots) bot.botId = options.botId;
  if (options.botDomain) {
    const domain = options.botDomain;
    manifest.validDomains = [domain];
    for (const [key, url] of Object.entries(manifest.developer)) {
      if (url.startsWith("https://")) manifest.developer[key] = url.replace(TEMPLATE_DOMAIN, domain);
    }
  }
  return manifest;
}

export async function buildTeamsAppPackage(options: {
  manifestDir: string;
  teams: TeamsConfig | undefined;
  version: string;
  outFile: string;
}): Promise<{ outFile: string; manifest: TeamsManifest; files: string[] }> {
  const { teams } = options;
  if (teams?.auth.kind !== "botFramework") {
    throw new AppError(
      "CONFIG",
      "The Teams app package needs the bot's app id: set TEAMS_APP_ID (and its password or certificate) first.",
    );
  }
  const template = JSON.parse(
    await readFile(path.join(options.manifestDir, "manifest.json"), "utf8"),
  ) as TeamsManifest;
  const manifest = fillManifest(template, {
    botId: teams.auth.appId,
    version: options.version,
    ...(teams.manifestId ? { manifestId: teams.manifestId } : {}),
    ...(teams.botDomain ? { botDomain: teams.botDomain } : {}),
  });
  const icons: Array<[string, Buffer]> = [];
  for (const [name, size] of Object.entries(ICON_SIZES)) {
    const png = await readFile(path.join(options.manifestDir, name));
    const actual = pngSize(png);
    if (actual?.width !== size || actual.height !== size) {
      throw new AppError(
        "CONFIG",
        `${name} must be a ${size}×${size} PNG (regenerate with manifest/teams/make-icons.ts)`,
      );
    }
    icons.push([name, png]);
  }

  const zip = new yazl.ZipFile();
  // A fixed date keeps the package byte-for-byte reproducible for the same inputs.
  const mtime = new Date("2026-01-01T00:00:00Z");
  zip.addBuffer(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), "manifest.json", { mtime });
  for (const [name, png] of icons) zip.addBuffer(png, name, { mtime });
  zip.end();
  await mkdir(path.dirname(options.outFile), { recursive: true });
  await pipeline(zip.outputStream, createWriteStream(options.outFile));
  return { outFile: options.outFile, manifest, files: [...PACKAGE_FILES] };
}
