#!/usr/bin/env node
/**
 * Compiles the CLI and the bot into dist/ (run by `npm ci` through `prepare`, and by `npm run build`).
 *
 * Why esbuild and not `tsc`: type-checking stays `npm run typecheck` (tsc --noEmit); emitting with tsc
 * took 22 s of CPU on this 2-core machine, esbuild takes well under a second, so the test suite can
 * rebuild before it spawns the CLI and the CLI tests always run the compiled code of the current
 * sources. esbuild bundles our own modules (not node_modules) with code splitting: every dynamic
 * `import()` of a sub-command becomes its own chunk, so `klantpuls --help` loads one small file and
 * `klantpuls health` never loads Slack, Teams, botbuilder or openai.
 *
 *   node scripts/build.js             build
 *   node scripts/build.js --if-stale  build only when a source is newer than the last build
 */
import { rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildStatus, stampBuild } from "./build-status.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outdir = path.join(root, "dist");

if (process.argv.includes("--if-stale") && buildStatus(root).fresh) process.exit(0);

const started = performance.now();
const { build } = await import("esbuild");
rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { "cli/main": "src/cli/main.ts", main: "src/main.ts" },
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20.19",
  // node_modules stay plain imports: loaded from node_modules at run time, only when a chunk needs them.
  packages: "external",
  sourcemap: "linked",
  // Keeps chunk names readable in stack traces and profiles.
  chunkNames: "chunks/[name]-[hash]",
  logLevel: "warning",
});
stampBuild(root);
if (!process.argv.includes("--quiet")) {
  console.error(`klantpuls: built dist/ in ${Math.round(performance.now() - started)} ms`);
}
