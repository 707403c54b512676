import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../src/db/client.ts";
import { applyMigrations } from "../../src/db/migrate.ts";
import { seedCustomers, testContext } from "../import/support.ts";
import { finished, outputMatching, runKlantpuls, stackTraceLine, startKlantpuls } from "../support/cli.ts";
import { createThrowawayPostgres, postgresSkipReason, type ThrowawayPostgres } from "../support/postgres.ts";

/**
 * The command line as an operator meets it when things go wrong: a process killed mid-import, a NUL
 * byte in an export, a port already taken. Each case runs the real `klantpuls` binary.
 */
const work = mkdtempSync(path.join(tmpdir(), "kp-cli-robust-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Write orders to the child's standard input, a batch at a time, until `ready` (the pipe stays open). */
async function feedOrdersUntil(
  child: ChildProcessWithoutNullStreams,
  ready: () => boolean | Promise<boolean>,
): Promise<void> {
  child.stdin.on("error", () => {}); // a child that exited early closes the pipe; the caller says why
  child.stdin.write("external_id,customer_external_id,ordered_on,amount\n");
  for (let batch = 0; !(await ready()); batch++) {
    if (child.exitCode !== null) return;
    const rows = Array.from({ length: 2_000 }, (_, i) => `K-${batch}-${i},C001,2026-04-01,10\n`).join("");
    if (!child.stdin.write(rows)) await Promise.race([once(child.stdin, "drain"), once(child, "exit")]);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const postgresSkip = await postgresSkipReason();

describe.skipIf(postgresSkip !== undefined)("klantpuls on PostgreSQL, when things go wrong", () => {
  let throwaway: ThrowawayPostgres;
  let db: Database;
  let env: Record<string, string>;
  beforeAll(async () => {
    throwaway = await createThrowawayPostgres("kp_cli_robust");
    db = await openDatabase({ kind: "postgres", url: throwaway.url, poolSize: 2 });
    await applyMigrations(db.sql);
    await seedCustomers(testContext(db));
    env = { DATABASE_URL: throwaway.url, KLANTPULS_SCHEDULER: "off" };
  });
  afterAll(async () => {
    await db?.close();
    await throwaway?.drop();
  });
  const count = async (sql: string) => Number((await db.sql.query<{ n: number }>(sql))[0]?.n);

  it("an import killed with kill -9 is shown as failed by `import runs`, and wrote nothing", async () => {
    const child = startKlantpuls(["import", "orders", "-"], env);
    const exited = once(child, "exit");
    // The importing transaction holds an advisory lock on its run: once it is there, the import runs.
    // pg_locks covers the whole server, where other tests import too: only this database's locks count.
    // Standard input stays open, so it cannot have finished when it is killed.
    await feedOrdersUntil(
      child,
      async () =>
        (await count(
          "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND classid = 72707371 AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
        )) > 0,
    );
    if (child.exitCode !== null) throw new Error("the import ended before it could be killed");
    child.kill("SIGKILL");
    await exited;

    const runs = await runKlantpuls(["import", "runs"], env);
    expect(runs.code).toBe(0);
    expect(runs.stdout).toMatch(/orders stdin: failed, .* — interrupted: the importing process stopped/);
    expect(await count("SELECT count(*)::int AS n FROM import_runs WHERE status = 'running'")).toBe(0);
    expect(await count("SELECT count(*)::int AS n FROM orders")).toBe(0);
  }, 240_000);

  it("a NUL byte in a field is a row error with its line, not a stack trace", async () => {
    const file = path.join(work, "nul.csv");
    writeFileSync(
      file,
      "external_id,customer_external_id,ordered_on,amount\nZ-1,C001,2026-04-01,10\nZ-2,C0\u000001,2026-04-01,10\n",
    );
    const run = await runKlantpuls(["import", "orders", file], env);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/line 3, customer_external_id .*NUL/);
    expect(`${run.stdout}${run.stderr}`).not.toMatch(stackTraceLine);
  }, 120_000);

  it("import --date-format MDY reads month-first dates; without it a contradicting file is refused", async () => {
    const file = path.join(work, "us-orders.csv");
    writeFileSync(
      file,
      'external_id,customer_external_id,ordered_on,amount\nUS-1,C001,12/1/2010,"€ 2.010,-"\nUS-2,C001,12/13/2010,10\n',
    );
    const refused = await runKlantpuls(["import", "orders", file], env);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/"12\/1\/2010" on line 2 was read day first.*--date-format MDY/);

    const run = await runKlantpuls(["import", "orders", file, "--date-format", "MDY"], env);
    expect(run.code).toBe(0);
    const rows = await db.sql.query<{ ordered_on: string; amount_cents: number }>(
      "SELECT ordered_on::text AS ordered_on, amount_cents FROM orders WHERE external_id LIKE 'US-%' ORDER BY external_id",
    );
    expect(rows).toEqual([
      { ordered_on: "2010-12-01", amount_cents: 201_000 },
      { ordered_on: "2010-12-13", amount_cents: 1_000 },
    ]);
  }, 240_000);

  it("a port already in use stops `serve` with one line and exit code 1", async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const run = await runKlantpuls(["serve"], { ...env, PORT: String(port), HOST: "127.0.0.1" });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        new RegExp(`^klantpuls serve: Port ${port} on 127\\.0\\.0\\.1 is already in use\\. .*PORT`, "m"),
      );
      expect(run.stderr).not.toMatch(stackTraceLine);
    } finally {
      taken.close();
    }
  }, 120_000);
});

describe("klantpuls on the embedded database, when an import is killed", () => {
  const dataDir = path.join(work, "data");
  const env = { DATABASE_URL: "", KLANTPULS_DATA_DIR: dataDir, KLANTPULS_SCHEDULER: "off" };
  beforeAll(async () => {
    const db = await openDatabase({ kind: "pglite", dataDir });
    try {
      await applyMigrations(db.sql);
      await seedCustomers(testContext(db));
    } finally {
      await db.close();
    }
  });

  it("the next start marks the killed import failed, and `import runs` says so", async () => {
    // The orders come on standard input, which stays open: however fast the machine, the import is
    // still reading (its run recorded as running, nothing committed) when it is killed.
    const child = startKlantpuls(["import", "orders", "-"], env);
    const exited = once(child, "exit");
    const reading = outputMatching(child, /^reading\b.*rows\/s/m);
    let settled = false;
    // Settled either way: printed the line, or exited before it (then `await reading` says why).
    const settle = () => {
      settled = true;
    };
    reading.then(settle, settle);
    await feedOrdersUntil(child, () => settled);
    await reading;
    child.kill("SIGKILL");
    await exited;

    const runs = await runKlantpuls(["import", "runs", "--json"], env);
    expect(runs.code).toBe(0);
    const [last] = JSON.parse(runs.stdout) as Array<{ kind: string; status: string; failure: string }>;
    expect(last).toMatchObject({
      kind: "orders",
      status: "failed",
      failure: expect.stringMatching(/^interrupted/),
    });
    const db = await openDatabase({ kind: "pglite", dataDir });
    try {
      expect((await db.sql.query<{ n: number }>("SELECT count(*)::int AS n FROM orders"))[0]?.n).toBe(0);
    } finally {
      await db.close();
    }
  }, 240_000);

  it("`import orders -` reads the CSV from standard input, as piped from an ERP export", async () => {
    const child = startKlantpuls(["import", "orders", "-"], env);
    child.stdin.end(
      "external_id,customer_external_id,ordered_on,amount\nP-1,C001,2026-04-01,10\nP-2,C001,2026-04-02,12.50\n",
    );
    const run = await finished(child);
    expect(run.stdout).toMatch(
      /Imported orders from stdin .*: 2 rows read — 2 new, 0 updated, 0 unchanged\./,
    );
    expect(run.code).toBe(0);
  }, 120_000);

  it("`import` of a file imported before, with nothing changed since, says so and reads it no further", async () => {
    const file = path.join(work, "repeat-orders.csv");
    writeFileSync(file, "external_id,customer_external_id,ordered_on,amount\nR-1,C001,2026-05-01,10\n");
    const first = await runKlantpuls(["import", "orders", file, "--no-rescore"], env);
    expect(first.stdout).toMatch(/1 new, 0 updated, 0 unchanged/);
    const runId = /Import run #(\d+)/.exec(first.stdout)?.[1];
    const again = await runKlantpuls(["import", "orders", file, "--no-rescore"], env);
    expect(again.stdout).toMatch(/1 rows read — 0 new, 0 updated, 1 unchanged\./);
    expect(again.stdout).toContain(
      `The same file as import run #${runId}, and nothing it wrote has changed since`,
    );
    expect(again.code).toBe(0);
  }, 120_000);
});
