import { spawn, spawnSync } from "node:child_process";
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
    expect(JSON.parse(readFileSync(path.join(dir, "klantpuls.lock"), "utf8"))).toMatchObject({
      pid: process.pid,
    });
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
    expect(JSON.parse(readFileSync(path.join(dir, "klantpuls.lock"), "utf8")).pid).toBe(process.pid);
    lock.release();
  });

  it("restarts after kill -9 when the new process has the old one's PID (PID 1 in a container)", () => {
    // What a container leaves behind: the bot ran as PID 1, was killed, and starts again as PID 1.
    // Here "the same PID" is this process's; the old start wrote the lock in the old format and the new.
    const dir = tempDir();
    writeFileSync(path.join(dir, "klantpuls.lock"), String(process.pid));
    acquireDataDirLock(dir).release();

    writeFileSync(
      path.join(dir, "klantpuls.lock"),
      JSON.stringify({ pid: process.pid, bootId: "an-earlier-boot", startTicks: "1" }),
    );
    acquireDataDirLock(dir).release();
  });

  it("takes over a lock whose PID now belongs to another process (an earlier boot)", () => {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, "klantpuls.lock"),
      JSON.stringify({ pid: process.ppid, bootId: "an-earlier-boot", startTicks: "1" }),
    );
    acquireDataDirLock(dir).release();
  });

  it("still refuses a live second process holding the directory", async () => {
    const dir = tempDir();
    const holder = spawn(
      process.execPath,
      [
        "--import",
        "tsx/esm",
        "-e",
        `const m = await import(${JSON.stringify(path.resolve("src/db/data-dir-lock.ts"))});
         m.acquireDataDirLock(${JSON.stringify(dir)}); console.log("locked"); setInterval(() => {}, 1000);`,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("locked") && resolve());
        holder.on("exit", (code) => reject(new Error(`the holder exited (${code})`)));
      });
      expect(() => acquireDataDirLock(dir)).toThrow(
        new RegExp(`in use by process ${holder.pid}\\. Stop that process first`),
      );
    } finally {
      holder.kill("SIGKILL");
    }
    await new Promise((resolve) => holder.once("exit", resolve));
    acquireDataDirLock(dir).release(); // killed: its lock is stale now
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
