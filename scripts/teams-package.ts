/**
 * `npm run teams:package [-- --out <file>]`: builds the Teams app package (manifest.json, color.png,
 * outline.png) with the bot id from the configuration (TEAMS_APP_ID, TEAMS_BOT_DOMAIN, …) and checks
 * the manifest against Microsoft's schema, which @microsoft/app-manifest ships for offline use.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { isAppError } from "../src/app-error.ts";
import { loadConfig } from "../src/config/index.ts";
import { buildTeamsAppPackage } from "../src/dev/teams-app-package.ts";

const root = path.resolve(import.meta.dirname, "..");
const outIndex = process.argv.indexOf("--out");
const outFile = path.resolve(
  outIndex > 0 ? (process.argv[outIndex + 1] ?? "") : path.join(root, "dist/teams/klantpuls-teams.zip"),
);

try {
  const { version } = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
    version: string;
  };
  const result = await buildTeamsAppPackage({
    manifestDir: path.join(root, "manifest/teams"),
    teams: loadConfig().teams,
    version,
    outFile,
  });
  const errors = await validateManifest(result.manifest);
  if (errors === null) {
    console.warn(
      "Note: @microsoft/app-manifest is not installed (dev dependency); the manifest was not schema-checked.",
    );
  } else if (errors.length > 0) {
    console.error(`The manifest does not match its schema:\n- ${errors.join("\n- ")}`);
    process.exit(1);
  }
  console.log(`Teams app package written: ${result.outFile}`);
  console.log(`  files: ${result.files.join(", ")}`);
  console.log(
    `  bot id: ${result.manifest.bots[0]?.botId}, app id: ${result.manifest.id}, version ${result.manifest.version}`,
  );
  console.log(
    "Upload it in the Teams admin center (Manage apps → Upload new app) or in Teams: Apps → Manage your apps → Upload an app.",
  );
} catch (error) {
  console.error(isAppError(error) ? error.message : error);
  process.exit(1);
}

async function validateManifest(manifest: unknown): Promise<string[] | null> {
  try {
    const { AppManifestUtils } = await import("@microsoft/app-manifest");
    return await AppManifestUtils.validateAgainstSchema(manifest as never);
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_MODULE_NOT_FOUND") return null;
    throw error;
  }
}
