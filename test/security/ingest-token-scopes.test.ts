import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDatabase } from "../../prisma/seed/load.ts";
import type { CliIo } from "../../src/cli/command.ts";
import { tokensCommand } from "../../src/cli/commands/tokens.ts";
import { ManualClock } from "../../src/clock.ts";
import { silentLogger } from "../../src/logger.ts";
import { type RunningBot, startBot } from "../../src/main.ts";
import { hashApiToken } from "../../src/services/api-tokens.ts";
import { testConfig } from "../support/test-config.ts";

/**
 * Issue 10 item 1: ingestion tokens are scoped. Driven through the bot's real HTTP server
 * (POST /api/ingest/<kind>) and the real `klantpuls tokens` command.
 */
let bot: RunningBot;
const config = testConfig();

async function tokens(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    config,
    services: async () => bot.ctx,
    database: async () => bot.ctx.db,
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    isTty: false,
  };
  const code = await tokensCommand.run(args, io);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

async function createToken(...args: string[]): Promise<string> {
  const result = await tokens("create", ...args);
  expect(result.code).toBe(0);
  return result.out.trim();
}

function ingest(kind: string, token: string, body: string) {
  return fetch(`${bot.url}/api/ingest/${kind}`, {
    method: "POST",
    headers: { "content-type": "text/csv", authorization: `Bearer ${token}` },
    body,
  });
}

async function user(email: string) {
  const [row] = await bot.ctx.db.sql.query<{ id: number; role: string; slack_user_id: string | null }>(
    "SELECT id, role::text AS role, slack_user_id FROM users WHERE email = $1",
    [email],
  );
  return row;
}

beforeAll(async () => {
  bot = await startBot({
    config,
    clock: new ManualClock("2026-11-25T09:00:00Z"),
    log: silentLogger,
  });
  await seedDatabase(bot.ctx.db, { customers: 20, asOf: "2026-11-25" });
  await bot.ctx.db.sql.query("UPDATE users SET slack_user_id = 'U0JAN' WHERE email = 'jan@klantpuls.demo'");
});

afterAll(async () => {
  await bot?.stop();
});

describe("scoped ingestion tokens", () => {
  it("a token without the users scope gets 403 before its body is read, and nothing changes", async () => {
    const token = await createToken("erp-orders");
    const usersBefore = await bot.ctx.db.sql.query(
      "SELECT email, role::text, slack_user_id FROM users ORDER BY id",
    );
    const response = await ingest(
      "users",
      token,
      "email,name,role,slack_user_id\nmallory@evil.example,Mallory,admin,U_MALLORY\njan@klantpuls.demo,Jan de Vries,member,U_MALLORY2\n",
    );
    expect(response.status).toBe(403);
    const body = (await response.json()) as { error: string; scopes: string[] };
    expect(body.error).toMatch(/may not write users/);
    expect(body.scopes).not.toContain("users");
    expect(
      await bot.ctx.db.sql.query("SELECT email, role::text, slack_user_id FROM users ORDER BY id"),
    ).toEqual(usersBefore);
    expect(await user("mallory@evil.example")).toBeUndefined();
    // No import run was even started: the body was never read.
    const [runs] = await bot.ctx.db.sql.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM import_runs WHERE kind = 'users'",
    );
    expect(runs!.n).toBe(0);
  });

  it("tokens made before scopes existed may write every kind except users (migration default)", async () => {
    const legacy = "kp_legacy-token-made-before-scopes-existed";
    await bot.ctx.db.sql.query("INSERT INTO api_tokens (name, token_hash) VALUES ('legacy', $1)", [
      hashApiToken(legacy),
    ]);
    expect((await ingest("users", legacy, "email,name\nx@example.com,X\n")).status).toBe(403);
    const orders = await ingest("orders", legacy, "external_id,customer_external_id,ordered_on,amount\n");
    expect(orders.status).toBe(200);
  });

  it("a users token never gives a role above its max role, nor touches a user above it", async () => {
    const token = await createToken("hr-sync", "--scopes", "users", "--max-role", "manager");
    const response = await ingest(
      "users",
      token,
      "email,name,role\nmallory@evil.example,Mallory,admin\nnew.manager@klantpuls.demo,New Manager,manager\n",
    );
    expect(response.status).toBe(422);
    const report = (await response.json()) as {
      errors: Array<{ line: number; column: string; reason: string }>;
    };
    expect(report.errors).toEqual([
      expect.objectContaining({ line: 2, column: "role", reason: expect.stringMatching(/up to manager/) }),
    ]);
    expect(await user("mallory@evil.example")).toBeUndefined();
    // An existing admin cannot be demoted or re-linked by it either.
    const [admin] = await bot.ctx.db.sql.query<{ email: string; name: string }>(
      "SELECT email, name FROM users WHERE role = 'ADMIN' LIMIT 1",
    );
    const demote = await ingest(
      "users",
      token,
      `email,name,role,slack_user_id\n${admin!.email},${admin!.name},member,U_TAKEOVER\n`,
    );
    expect(demote.status).toBe(422);
    expect((await user(admin!.email))?.role).toBe("ADMIN");
  });

  it("re-linking Jan's chat account is reported in the run's report and audited", async () => {
    const token = await createToken("hr-full", "--scopes", "users,customers", "--max-role", "manager");
    const jan = await user("jan@klantpuls.demo");
    const response = await ingest(
      "users",
      token,
      "email,name,slack_user_id\njan@klantpuls.demo,Jan de Vries,U_OTHER\n",
    );
    expect(response.status).toBe(200);
    const report = (await response.json()) as { userChanges: unknown[]; runId: number };
    expect(report.userChanges).toEqual([
      { userId: jan!.id, email: "jan@klantpuls.demo", field: "slack_user_id", from: "U0JAN", to: "U_OTHER" },
    ]);
    const audit = await bot.ctx.db.sql.query<{ action: string; entity_id: string; detail: unknown }>(
      "SELECT action, entity_id, detail FROM audit_events WHERE entity = 'user' ORDER BY id",
    );
    expect(audit).toEqual([
      {
        action: "user.chat_id_changed",
        entity_id: String(jan!.id),
        detail: {
          field: "slack_user_id",
          from: "U0JAN",
          to: "U_OTHER",
          importRunId: report.runId,
          source: "api:hr-full",
        },
      },
    ]);
    // A role change within the cap is reported and audited the same way.
    const pieter = await user("pieter@klantpuls.demo");
    expect(pieter?.role).toBe("MEMBER");
    const promote = await ingest(
      "users",
      token,
      "email,name,role\npieter@klantpuls.demo,Pieter Bakker,manager\n",
    );
    expect(((await promote.json()) as { userChanges: unknown[] }).userChanges).toEqual([
      expect.objectContaining({ field: "role", from: "MEMBER", to: "MANAGER" }),
    ]);
    const [roleAudit] = await bot.ctx.db.sql.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_events WHERE action = 'user.role_changed'",
    );
    expect(roleAudit!.n).toBe(1);
  });

  it("`klantpuls tokens list` shows each token's scopes and max role", async () => {
    const listed = await tokens("list");
    expect(listed.out).toMatch(
      /erp-orders {2}active, scopes customers,invoices,orders,complaints,engagement,nps, /,
    );
    expect(listed.out).toMatch(/hr-sync {2}active, scopes users \(users up to manager\)/);
    expect(listed.out).toMatch(
      /legacy {2}active, scopes customers,invoices,orders,complaints,engagement,nps, /,
    );
    const bad = tokens("create", "x", "--scopes", "everything");
    await expect(bad).rejects.toThrow(/Unknown scope "everything"/);
  });
});
