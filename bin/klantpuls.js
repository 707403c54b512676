#!/usr/bin/env node
// Runs the compiled CLI in dist/ (built by `npm ci` through `prepare`, or `npm run build`).
// In a checkout with sources, a dist/ older than the sources is refused rather than run: a stale
// build would test and demo code that no longer exists. Checking costs a few milliseconds.
import { spawn } from "node:child_process";
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

// The bot (serve, demo) runs with a bounded V8 heap unless one is given: by default Node lets the heap
// grow far past what the bot uses before collecting (367 MB peak at 20k customers on PostgreSQL,
// 217 MB with 192 MB, same speed; see README "Performance"). A heap limit is a start-up flag only, so
// the bot is started as a child process with it; `npm start` and `npm run demo` pass it directly.
const HEAP_FLAG = "--max-old-space-size";
const BOT_HEAP_MB = 192;
const [command] = process.argv.slice(2);
const heapGiven = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? "").split(/\s+/)].some((flag) =>
  flag.startsWith(HEAP_FLAG),
);
if ((command === "serve" || command === "demo") && !heapGiven) {
  const child = spawn(
    process.execPath,
    [
      `${HEAP_FLAG}=${BOT_HEAP_MB}`,
      ...process.execArgv,
      fileURLToPath(import.meta.url),
      ...process.argv.slice(2),
    ],
    { stdio: "inherit" },
  );
  // Ctrl-C reaches both processes (one process group): the bot stops itself, this one just waits.
  process.on("SIGINT", () => undefined);
  process.on("SIGTERM", () => child.kill("SIGTERM"));
  child.on("exit", (code, signal) => {
    process.exitCode = code ?? (signal ? 1 : 0);
  });
} else {
  // Stack traces point at the TypeScript sources (dist/ has linked source maps).
  process.setSourceMapsEnabled(true);
  const { runCli } = await import("../dist/cli/main.js");
  process.exitCode = await runCli(process.argv.slice(2));
}
