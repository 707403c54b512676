/**
 * Is dist/ built from the current sources? Shared by the build script, the `klantpuls` bin and the
 * test setup. Plain JavaScript: it runs before anything is compiled.
 */
import { readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Everything the bundle is built from (the generated Prisma client included). */
const sourceDirs = ["src", "commands", "prisma/seed"];
const stampFile = path.join("dist", ".build-stamp");

/** @returns {{ fresh: boolean, reason?: string }} */
export function buildStatus(root) {
  let built;
  try {
    built = statSync(path.join(root, stampFile)).mtimeMs;
  } catch {
    return { fresh: false, reason: "dist/ has not been built" };
  }
  for (const dir of sourceDirs) {
    const base = path.join(root, dir);
    let names;
    try {
      names = readdirSync(base, { recursive: true });
    } catch {
      continue;
    }
    for (const name of names) {
      if (!name.endsWith(".ts")) continue;
      if (statSync(path.join(base, name)).mtimeMs > built) {
        return { fresh: false, reason: `${path.join(dir, name)} changed after the last build` };
      }
    }
  }
  return { fresh: true };
}

export function stampBuild(root) {
  writeFileSync(path.join(root, stampFile), `${new Date().toISOString()}\n`);
}
