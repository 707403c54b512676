import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { AppError } from "../app-error.ts";

export interface DataDirLock {
  release(): void;
}

const LOCK_FILE = "klantpuls.lock";

/**
 * An exclusive lock on an embedded data directory, held by this process. A lock left by a process
 * that no longer runs is taken over; a live one is refused with a message that says what to do.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  const lockPath = path.join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockPath, String(process.pid), { flag: "wx" });
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          rmSync(lockPath, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number.parseInt(readFileSync(lockPath, "utf8"), 10);
      if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) {
        throw new AppError(
          "DATABASE",
          `The embedded database in ${dataDir} is in use by process ${holder}. Stop that process first, or point KLANTPULS_DATA_DIR elsewhere. Several bot instances need PostgreSQL (DATABASE_URL).`,
        );
      }
      if (holder === process.pid) {
        throw new AppError(
          "DATABASE",
          `The embedded database in ${dataDir} is already open in this process.`,
        );
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new AppError("DATABASE", `Could not lock the embedded database in ${dataDir}.`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
