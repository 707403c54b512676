#!/usr/bin/env node
// Runs the compiled CLI in dist/ (built by `npm ci` through `prepare`, or `npm run build`).
// In a checkout with sources, a dist/ older than the sources is refused rather than run: a stale
// build would test and demo code that no longer exists. Checking costs a few milliseconds.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
if (existsSync(path.join(root, "src"))) {
  const { buildStatus } = await import("../scripts/build-status.js");
  const status = buildStatus(root);
  if (!status.fresh) {
    process.stderr.write(`klantpuls: ${status.reason}; run "npm run build" first.\n`);
    process.exit(70);
  }
}
// Stack traces point at the TypeScript sources (dist/ has linked source maps).
process.setSourceMapsEnabled(true);
const { runCli } = await import("../dist/cli/main.js");
process.exitCode = await runCli(process.argv.slice(2));
