import { connect, createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.ts";
import { LocalSlack } from "../../src/dev/local-slack.ts";
import { httpTransport } from "../../src/dev/local-slack-transport.ts";
import { type RunningBot, startBot } from "../../src/main.ts";
import { createApiToken } from "../../src/services/api-tokens.ts";
import { createThrowawayPostgres, postgresSkipReason, type ThrowawayPostgres } from "../support/postgres.ts";
import { localSlackConfig, TEST_BOT_TOKEN, TEST_SIGNING_SECRET, testConfig } from "../support/test-config.ts";

/**
 * A stalled database: the bot reaches PostgreSQL through a TCP proxy in the test that, on command,
 * stops forwarding (connections stay open, nothing arrives: a hung server or a black-holed network).
 * With the timeouts set small, every entry point must answer instead of hanging: /healthz 503, the
 * ingestion API 503, and a Slack user gets the apology. No timing is asserted, only that answers come.
 */
class StallingProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private stalled = false;

  constructor(private readonly target: { host: string; port: number }) {}

  async start(): Promise<number> {
    this.server = createServer((client) => {
      this.sockets.add(client);
      client.on("close", () => this.sockets.delete(client));
      client.on("error", () => undefined);
      if (this.stalled) return; // accepted, never connected: the connect timeout must fire
      const upstream = connect(this.target);
      this.sockets.add(upstream);
      upstream.on("close", () => this.sockets.delete(upstream));
      upstream.on("error", () => client.destroy());
      client.on("data", (chunk) => {
        if (!this.stalled) upstream.write(chunk);
      });
      upstream.on("data", (chunk) => {
        if (!this.stalled) client.write(chunk);
      });
      client.on("end", () => upstream.end());
      upstream.on("end", () => client.end());
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    return (this.server.address() as { port: number }).port;
  }

  /** From now on nothing is forwarded in either direction. */
  stall(): void {
    this.stalled = true;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

const postgresSkip = await postgresSkipReason();

describe.skipIf(postgresSkip !== undefined)("a stalled PostgreSQL", () => {
  let throwaway: ThrowawayPostgres;
  let proxy: StallingProxy;
  let slack: LocalSlack;
  let bot: RunningBot;
  let token: string;
  beforeAll(async () => {
    throwaway = await createThrowawayPostgres("kp_stall");
    const direct = new URL(throwaway.url);
    proxy = new StallingProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    const viaProxy = new URL(throwaway.url);
    viaProxy.port = String(await proxy.start());
    slack = new LocalSlack({
      botToken: TEST_BOT_TOKEN,
      users: [{ id: "U0JAN", name: "jan", email: "jan@klantpuls.demo" }],
    });
    await slack.start();
    bot = await startBot({
      config: testConfig({
        database: {
          kind: "postgres",
          url: viaProxy.toString(),
          poolSize: 3,
          timeouts: { connectMs: 500, statementMs: 500, idleInTransactionMs: 2_000 },
        },
        http: { port: 0, host: "127.0.0.1", healthTimeoutMs: 300 },
        slack: localSlackConfig(slack.apiUrl),
      }),
      clock: new ManualClock("2026-11-25T09:00:00Z"),
    });
    slack.connect(
      httpTransport({ eventsUrl: `${bot.url}/slack/events`, signingSecret: TEST_SIGNING_SECRET }),
    );
    token = (await createApiToken({ ctx: bot.ctx, name: "erp-stall" })).token;
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
    proxy.stall();
  }, 120_000);
  afterAll(async () => {
    // Closing the proxy breaks the stalled connections, so the pool can end.
    await proxy?.stop();
    await bot?.stop();
    await slack?.stop();
    await throwaway?.drop();
  });

  it("/healthz answers 503", async () => {
    const response = await fetch(`${bot.url}/healthz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ ok: false, error: "database unavailable" });
  });

  it("the ingestion API answers 503 instead of hanging", async () => {
    const response = await fetch(`${bot.url}/api/ingest/orders`, {
      method: "POST",
      headers: { "content-type": "text/csv", authorization: `Bearer ${token}` },
      body: "external_id,customer_external_id,ordered_on,amount\nS-1,C001,2026-04-01,10\n",
    });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ error: "database unavailable" });
  });

  it("a Slack user gets the apology", async () => {
    const posted = new Promise<string>((resolve) =>
      slack.onActivity((activity) => {
        if (activity.kind === "message" && activity.change === "posted") resolve(activity.message.text ?? "");
      }),
    );
    const answer = await slack.slashCommand({ command: "/klant-health", text: "acme", userId: "U0JAN" });
    expect(answer.status).toBe(200);
    expect(await posted).toMatch(/Er ging iets mis aan onze kant/);
  });
});
