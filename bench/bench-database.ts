/**
 * What the benches that start a bot process share: a throwaway database for it (a PostgreSQL database
 * on the local server, or a PGlite directory), the admin connection, and stopping the bot cleanly.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export const adminUrl = process.env.KLANTPULS_BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function postgresReachable(): Promise<boolean> {
  try {
    await withAdmin((admin) => admin.query("SELECT 1"));
    return true;
  } catch {
    return false;
  }
}

/** A fresh database for one bot run: its URL or data dir in `env`, and `cleanup` to remove it. */
export async function throwawayBotDatabase(
  target: "pglite" | "postgres",
  prefix: string,
): Promise<{ env: NodeJS.ProcessEnv; where: string; cleanup: () => Promise<void> }> {
  if (target === "postgres") {
    const name = `kp_${prefix}_${randomBytes(4).toString("hex")}`;
    await withAdmin((admin) => admin.query(`CREATE DATABASE "${name}"`));
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return {
      env: { DATABASE_URL: url.toString() },
      where: url.toString(),
      cleanup: () =>
        withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => {}),
    };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), `kp-${prefix}-`));
  return {
    env: { DATABASE_URL: "", KLANTPULS_DATA_DIR: dir },
    where: dir,
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** SIGTERM the bot and wait until it has exited (nothing to do when it already has). */
export async function stopBot(bot: ChildProcess | undefined): Promise<void> {
  if (!bot || bot.exitCode !== null) return;
  const exited = new Promise((resolve) => bot.once("exit", resolve));
  bot.kill("SIGTERM");
  await exited;
}

const bin = path.resolve(import.meta.dirname, "../bin/klantpuls.js");

/**
 * The address the bot says it is reachable at, from its start-up summary ("Klantpuls listens on
 * 0.0.0.0:3000 (all interfaces; on this machine http://127.0.0.1:3000)").
 */
export function botUrlFrom(stderr: string): string | undefined {
  return /listens on \S+ \((?:[^)]*?)(http:\/\/[^)\s]+)\)/.exec(stderr)?.[1];
}

/**
 * `klantpuls serve` in a child process; resolves with its URL once it listens, or with `until`
 * once that also appears in its log (e.g. the scheduler's start-up catch-up has finished).
 */
export function serveBot(
  env: NodeJS.ProcessEnv,
  until?: string,
): Promise<{ url: string; child: ChildProcess; listeningMs: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, "serve"], { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    let url: string | undefined;
    let listeningMs = 0;
    child.stderr?.on("data", (chunk) => {
      stderr += String(chunk);
      url ??= botUrlFrom(stderr);
      if (url && !listeningMs) listeningMs = performance.now() - started;
      if (url && (!until || stderr.includes(until))) resolve({ url, child, listeningMs });
    });
    child.on("close", (code) => reject(new Error(`serve exited (${code}): ${stderr.slice(-2000)}`)));
  });
}
