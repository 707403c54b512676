import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { AppError } from "../../src/app-error.ts";
import { openDatabase } from "../../src/db/client.ts";
import { acquireDataDirLock } from "../../src/db/data-dir-lock.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "kp-lock-"));
  dirs.push(dir);
  return dir;
}

describe("the embedded data directory lock", () => {
  it("refuses a second holder while the first is alive, and frees the directory on release", () => {
    const dir = tempDir();
    const lock = acquireDataDirLock(dir);
    expect(readFileSync(path.join(dir, "klantpuls.lock"), "utf8")).toBe(String(process.pid));
    expect(() => acquireDataDirLock(dir)).toThrow(AppError);
    lock.release();
    expect(existsSync(path.join(dir, "klantpuls.lock"))).toBe(false);
    acquireDataDirLock(dir).release();
  });

  it("refuses a directory held by another live process, naming it and what to do", () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "klantpuls.lock"), String(process.ppid));
    expect(() => acquireDataDirLock(dir)).toThrow(/in use by process \d+\. Stop that process first/);
  });

  it("takes over a lock left by a process that no longer runs", () => {
    const dir = tempDir();
    const dead = spawnSync(process.execPath, [
      "-e",
      "process.stdout.write(String(process.pid))",
    ]).stdout.toString();
    writeFileSync(path.join(dir, "klantpuls.lock"), dead);
    const lock = acquireDataDirLock(dir);
    expect(readFileSync(path.join(dir, "klantpuls.lock"), "utf8")).toBe(String(process.pid));
    lock.release();
  });

  it("keeps a second PGlite off an open data directory", async () => {
    const dir = tempDir();
    const first = await openDatabase({ kind: "pglite", dataDir: dir });
    try {
      await expect(openDatabase({ kind: "pglite", dataDir: dir })).rejects.toThrow(
        /already open in this process/,
      );
    } finally {
      await first.close();
    }
    const reopened = await openDatabase({ kind: "pglite", dataDir: dir });
    await reopened.close();
  });
});
