import { spawnSync } from "node:child_process";
import path from "node:path";

/**
 * Vitest global setup: the CLI tests spawn bin/klantpuls.js, which runs the compiled dist/. Rebuild it
 * first when a source changed (under a second; nothing when it is fresh), so those tests always run
 * the compiled form of the sources under test, never a stale build and never the TypeScript directly.
 */
export default function buildDist(): void {
  const root = path.resolve(import.meta.dirname, "../..");
  const result = spawnSync(process.execPath, [path.join(root, "scripts/build.js"), "--if-stale"], {
    cwd: root,
    stdio: "inherit",
  });
  if (result.status !== 0) throw new Error(`Building dist/ failed (exit code ${result.status}).`);
}
