import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { AppError } from "../app-error.ts";

export interface DataDirLock {
  release(): void;
}

const LOCK_FILE = "klantpuls.lock";

/**
 * Who holds the lock: the PID plus what makes that PID unique over time on Linux — the boot id and
 * the process's start time (clock ticks since boot, /proc/<pid>/stat field 22). A PID alone is not
 * enough: in a container the bot is PID 1 on every start, so after kill -9 the old lock names "this
 * process" and would block every restart.
 */
interface Holder {
  pid: number;
  bootId?: string | undefined;
  startTicks?: string | undefined;
}

/** Directories this process holds; "already open in this process" is decided here, not from the file. */
const heldHere = new Set<string>();

/**
 * An exclusive lock on an embedded data directory, held by this process. A lock left by a process
 * that no longer runs (or by an earlier process with the same PID: an earlier boot or start) is taken
 * over; a live one is refused with a message that says what to do.
 *
 * Hand-rolled on purpose: the well-kept npm lock packages are either mtime-based (proper-lockfile,
 * lockfile: a lock goes stale after a timeout and must be kept fresh) or native add-ons that need a
 * compiler at install (fs-ext, os-lock). Boot id + start time identify a process exactly, with no
 * timer and no build step.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  const resolved = path.resolve(dataDir);
  if (heldHere.has(resolved)) {
    throw new AppError("DATABASE", `The embedded database in ${dataDir} is already open in this process.`);
  }
  const lockPath = path.join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockPath, JSON.stringify(identify(process.pid) ?? { pid: process.pid }), { flag: "wx" });
      heldHere.add(resolved);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          heldHere.delete(resolved);
          rmSync(lockPath, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = readHolder(lockPath);
      if (holder && isRunning(holder)) {
        throw new AppError(
          "DATABASE",
          `The embedded database in ${dataDir} is in use by process ${holder.pid}. Stop that process first, or point KLANTPULS_DATA_DIR elsewhere. Several bot instances need PostgreSQL (DATABASE_URL).`,
        );
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new AppError("DATABASE", `Could not lock the embedded database in ${dataDir}.`);
}

function readHolder(lockPath: string): Holder | undefined {
  let text: string;
  try {
    text = readFileSync(lockPath, "utf8").trim();
  } catch {
    return undefined;
  }
  // Older versions wrote the bare PID.
  if (/^\d+$/.test(text)) return { pid: Number(text) };
  try {
    const parsed = JSON.parse(text) as Partial<Holder>;
    return typeof parsed.pid === "number" ? (parsed as Holder) : undefined;
  } catch {
    return undefined;
  }
}

/** Is the process that wrote this lock still running (and not just some process with its PID)? */
function isRunning(holder: Holder): boolean {
  // Our own PID in the file but not held in this process's memory: an earlier start with the same PID.
  if (holder.pid === process.pid) return false;
  if (!isAlive(holder.pid)) return false;
  if (holder.bootId === undefined || holder.startTicks === undefined) return true;
  const now = identify(holder.pid);
  if (!now) return true; // no /proc (not Linux): the live PID is all we can go by
  return now.bootId === holder.bootId && now.startTicks === holder.startTicks;
}

/** Boot id and start time of a process, from /proc; undefined where /proc does not exist. */
function identify(pid: number): Holder | undefined {
  try {
    const bootId = readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Field 2 (the command name) may contain spaces and parentheses: count from the last ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const startTicks = fields[19]; // field 22 overall; fields[0] here is field 3
    return startTicks ? { pid, bootId, startTicks } : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
