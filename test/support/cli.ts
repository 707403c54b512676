import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import path from "node:path";

/** The real `klantpuls` binary. */
export const klantpulsBin = path.resolve(import.meta.dirname, "../../bin/klantpuls.js");

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Start `klantpuls …` with extra environment; the caller reads or kills it. */
export function startKlantpuls(args: string[], env: Record<string, string>): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [klantpulsBin, ...args], {
    env: { ...process.env, LOG_LEVEL: "warn", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
}

/** Run `klantpuls …` to the end and collect what it printed. */
export function runKlantpuls(args: string[], env: Record<string, string>): Promise<CliRun> {
  return finished(startKlantpuls(args, env));
}

export function finished(child: ChildProcessWithoutNullStreams): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
    child.stdin.end();
  });
}

/** Resolves with the output so far once `pattern` appears on stdout or stderr. */
export function outputMatching(child: ChildProcessWithoutNullStreams, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = "";
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      if (pattern.test(seen)) {
        child.stdout.off("data", onData);
        child.stderr.off("data", onData);
        resolve(seen);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("close", () => reject(new Error(`exited before printing ${pattern}:\n${seen}`)));
  });
}

/** A stack trace line of our sources or node's, which a user must never see. */
export const stackTraceLine = /^\s+at .*(\.ts|\.js|node:)/m;
