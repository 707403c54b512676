import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/command.ts";
import { deliveriesCommand } from "../../src/cli/commands/deliveries.ts";
import type { Config } from "../../src/config/index.ts";
import { LocalSlack } from "../../src/dev/local-slack.ts";
import {
  createDeliveryDispatcher,
  type DispatcherOptions,
} from "../../src/services/deliveries/dispatcher.ts";
import { enqueueDelivery, enqueueForUser } from "../../src/services/deliveries/enqueue-delivery.ts";
import type { DeliveryTarget, PlatformSender } from "../../src/services/deliveries/sender.ts";
import { updateDeliveredMessage } from "../../src/services/deliveries/update-delivery.ts";
import { slackSender } from "../../src/slack/slack-sender.ts";
import type { Message } from "../../src/views/message.ts";
import { describeEachDatabase } from "../support/each-database.ts";
import { testServiceContext } from "../support/service-context.ts";

/**
 * The outbox and dispatcher end to end against Slack played locally (the Slack engineer's LocalSlack:
 * real HTTP, Block Kit limits checked, faults on demand), on PGlite and PostgreSQL. Time is a
 * ManualClock; waiting (pace, backoff) moves it instead of sleeping.
 */

const BOT_TOKEN = "xoxb-delivery-test";
const message = (text: string): Message => ({ text, blocks: [{ type: "header", text }] });
const channel = (channelId: string): DeliveryTarget => ({ kind: "channel", channelId });

let slack: LocalSlack;
beforeAll(async () => {
  slack = new LocalSlack({ botToken: BOT_TOKEN });
  await slack.start();
});
afterAll(async () => slack.stop());

describeEachDatabase("Slack delivery through the outbox", (database, kind) => {
  let ctx: ReturnType<typeof testServiceContext>;
  let sender: PlatformSender;
  let slept: number[];
  const dispatcher = (options: Partial<DispatcherOptions> = {}) =>
    createDeliveryDispatcher({
      ctx,
      senders: { SLACK: sender },
      sleep: async (ms) => {
        slept.push(ms);
        ctx.clock.advance(ms);
      },
      ...options,
    });
  const rows = () =>
    ctx.db.sql.query<{
      key: string;
      status: string;
      attempts: number;
      last_error: string | null;
      platform_ref: { channel: string; ts: string } | null;
      next_attempt_at: Date;
      sent_at: Date | null;
    }>(
      `SELECT key, status::text AS status, attempts, last_error, platform_ref,
              next_attempt_at AT TIME ZONE 'UTC' AS next_attempt_at, sent_at AT TIME ZONE 'UTC' AS sent_at
       FROM deliveries ORDER BY id`,
    );
  const posted = () => slack.callsTo("chat.postMessage").filter((call) => call.outcome === "ok");

  beforeEach(async () => {
    ctx = testServiceContext(database(), "2026-11-25T09:00:00Z");
    sender = slackSender({ ctx, config: { botToken: BOT_TOKEN, apiUrl: slack.apiUrl } });
    ctx.outbox.senders.SLACK = sender;
    slept = [];
    slack.calls.length = 0;
    slack.messages.length = 0;
    await ctx.db.sql.query("DELETE FROM deliveries");
  });

  it("writes once per key and sends once, recording Slack's channel and ts", async () => {
    const first = await enqueueDelivery({
      ctx,
      key: "digest:1:2026-W48",
      platform: "SLACK",
      target: channel("C0SALES"),
      kind: "digest",
      message: message("Weekoverzicht"),
    });
    const again = await enqueueDelivery({
      ctx,
      key: "digest:1:2026-W48",
      platform: "SLACK",
      target: channel("C0SALES"),
      kind: "digest",
      message: message("Weekoverzicht (again)"),
    });
    expect(first.created).toBe(true);
    expect(again).toEqual({ id: first.id, created: false });
    expect(await dispatcher().drain()).toMatchObject({ claimed: 1, sent: 1 });
    expect(await dispatcher().drain()).toMatchObject({ claimed: 0 });
    expect(posted()).toHaveLength(1);
    expect(slack.problems).toEqual([]);
    const [row] = await rows();
    expect(row).toMatchObject({ status: "SENT", attempts: 1, last_error: null });
    expect(row?.platform_ref).toEqual({ platform: "SLACK", channel: "C0SALES", ts: slack.messages[0]?.ts });
    expect(row?.sent_at?.toISOString()).toBe("2026-11-25T09:00:00.000Z");
  });

  it("a DM goes to the user's Slack id and can be updated in place later", async () => {
    const [user] = await ctx.db.sql.query<{ id: number }>(
      `INSERT INTO users (email, name, slack_user_id, locale) VALUES ($1, 'Jan', 'U0JAN', 'nl')
       ON CONFLICT (email) DO UPDATE SET slack_user_id = 'U0JAN' RETURNING id`,
      [`jan-${kind}@example.test`],
    );
    const result = await enqueueForUser({
      ctx,
      key: "alert:1:dm",
      userId: user!.id,
      kind: "alert",
      message: message("Acme 72 → 58"),
    });
    expect(result).toMatchObject({ created: true, platform: "SLACK" });
    await dispatcher().drain();
    expect(slack.messages[0]).toMatchObject({ channel: "D0JAN", version: 1 });
    expect((await rows())[0]?.platform_ref).toMatchObject({ channel: "D0JAN" });
    const updated = await updateDeliveredMessage({ ctx, key: "alert:1:dm", message: message("✅ Jan") });
    expect(updated).toEqual({ updated: true });
    expect(slack.messages[0]).toMatchObject({ version: 2, text: "✅ Jan" });
    expect(await updateDeliveredMessage({ ctx, key: "nope", message: message("x") })).toMatchObject({
      updated: false,
    });
  });

  it("a user linked to neither platform is recorded FAILED with the reason, never sent", async () => {
    const [user] = await ctx.db.sql.query<{ id: number }>(
      `INSERT INTO users (email, name) VALUES ($1, 'Nobody') ON CONFLICT (email) DO UPDATE SET name = 'Nobody'
       RETURNING id`,
      [`nobody-${kind}@example.test`],
    );
    const result = await enqueueForUser({
      ctx,
      key: "alert:2:dm",
      userId: user!.id,
      kind: "alert",
      message: message("x"),
    });
    expect(result).toMatchObject({ created: true, platform: null });
    expect(await dispatcher().drain()).toMatchObject({ claimed: 0 });
    expect((await rows())[0]).toMatchObject({ status: "FAILED" });
    expect((await rows())[0]?.last_error).toMatch(/Nobody .* has no Slack or Teams account linked/);
  });

  it("429 with Retry-After: waits at least that long, then sends once", async () => {
    slack.failNext("chat.postMessage", { kind: "rate_limited", retryAfterSeconds: 30 });
    await enqueueDelivery({
      ctx,
      key: "k429",
      platform: "SLACK",
      target: channel("C0A"),
      kind: "digest",
      message: message("x"),
    });
    expect(await dispatcher().dispatchDue()).toMatchObject({ claimed: 1, retrying: 1, sent: 0 });
    const [waiting] = await rows();
    expect(waiting).toMatchObject({ status: "PENDING", attempts: 1 });
    expect(waiting?.last_error).toMatch(/rate limited by Slack \(Retry-After 30 s\)/);
    expect(waiting?.next_attempt_at.toISOString()).toBe("2026-11-25T09:00:30.000Z");
    ctx.clock.advance(29_000);
    expect(await dispatcher().dispatchDue()).toMatchObject({ claimed: 0 });
    ctx.clock.advance(1_000);
    expect(await dispatcher().dispatchDue()).toMatchObject({ claimed: 1, sent: 1 });
    expect(slack.callsTo("chat.postMessage").map((call) => call.outcome)).toEqual(["429", "ok"]);
    expect((await rows())[0]).toMatchObject({ status: "SENT", attempts: 2, last_error: null });
  });

  it("a 429 holds back the rest of that channel without using their attempts", async () => {
    slack.failNext("chat.postMessage", { kind: "rate_limited", retryAfterSeconds: 10 });
    for (const key of ["r1", "r2", "r3"]) {
      await enqueueDelivery({
        ctx,
        key,
        platform: "SLACK",
        target: channel("C0BUSY"),
        kind: "digest",
        message: message(key),
      });
    }
    expect(await dispatcher().dispatchDue()).toMatchObject({ claimed: 3, sent: 0, retrying: 3 });
    expect((await rows()).map((row) => row.attempts)).toEqual([1, 0, 0]);
    expect(slack.callsTo("chat.postMessage")).toHaveLength(1);
    ctx.clock.advance(10_000);
    expect(await dispatcher().drain()).toMatchObject({ sent: 3 });
    expect(posted().map((call) => call.body.text)).toEqual(["r1", "r2", "r3"]);
  });

  it("5xx: retried with exponential backoff until Slack recovers", async () => {
    slack.failNext("chat.postMessage", { kind: "http", status: 503 }, { kind: "http", status: 500 });
    await enqueueDelivery({
      ctx,
      key: "k5xx",
      platform: "SLACK",
      target: channel("C0B"),
      kind: "digest",
      message: message("x"),
    });
    const d = dispatcher({ backoff: { baseMs: 5_000, maxMs: 60_000 } });
    await d.dispatchDue();
    expect((await rows())[0]?.next_attempt_at.toISOString()).toBe("2026-11-25T09:00:05.000Z");
    expect((await rows())[0]?.last_error).toBe("Slack answered HTTP 503");
    ctx.clock.advance(5_000);
    await d.dispatchDue();
    // Second failure: twice the wait.
    expect((await rows())[0]?.next_attempt_at.toISOString()).toBe("2026-11-25T09:00:15.000Z");
    ctx.clock.advance(10_000);
    expect(await d.dispatchDue()).toMatchObject({ sent: 1 });
    expect(slack.callsTo("chat.postMessage").map((call) => call.outcome)).toEqual(["503", "500", "ok"]);
  });

  it("gives up after the maximum attempts, with the last reason", async () => {
    slack.failNext("chat.postMessage", { kind: "http", status: 500 }, { kind: "http", status: 500 });
    await enqueueDelivery({
      ctx,
      key: "kmax",
      platform: "SLACK",
      target: channel("C0C"),
      kind: "digest",
      message: message("x"),
    });
    const d = dispatcher({ maxAttempts: 2, backoff: { baseMs: 1_000, maxMs: 1_000 } });
    await d.dispatchDue();
    ctx.clock.advance(1_000);
    expect(await d.dispatchDue()).toMatchObject({ failed: 1 });
    expect((await rows())[0]).toMatchObject({
      status: "FAILED",
      last_error: "gave up after 2 attempts: Slack answered HTTP 500",
    });
  });

  it("channel_not_found: FAILED at once with a readable reason, listed by `klantpuls deliveries --failed`", async () => {
    slack.missingChannels.add("C0GONE");
    await enqueueDelivery({
      ctx,
      key: "digest:9:2026-W48",
      platform: "SLACK",
      target: channel("C0GONE"),
      kind: "digest",
      message: message("x"),
    });
    await enqueueDelivery({
      ctx,
      key: "digest:1:2026-W48",
      platform: "SLACK",
      target: channel("C0OK"),
      kind: "digest",
      message: message("y"),
    });
    expect(await dispatcher().drain()).toMatchObject({ sent: 1, failed: 1 });
    expect(slack.callsTo("chat.postMessage")).toHaveLength(2);
    const output: string[] = [];
    const io = {
      config: {} as Config,
      services: async () => ctx,
      database: async () => ctx.db,
      out: (text: string) => output.push(text),
      err: (text: string) => output.push(text),
      isTty: false,
    } satisfies CliIo;
    expect(await deliveriesCommand.run(["--failed"], io)).toBe(0);
    const text = output.join("\n");
    expect(text).toContain("digest:9:2026-W48");
    expect(text).toContain("FAILED");
    expect(text).toMatch(/reason: channel_not_found: Slack channel C0GONE does not exist/);
    expect(text).not.toContain("digest:1:2026-W48");
    output.length = 0;
    await deliveriesCommand.run(["--json"], io);
    const listed = JSON.parse(output.join("")) as Array<{
      key: string;
      status: string;
      platformRef: unknown;
    }>;
    expect(listed.map((item) => [item.key, item.status])).toEqual([
      ["digest:1:2026-W48", "SENT"],
      ["digest:9:2026-W48", "FAILED"],
    ]);
  });

  it("a crash after the outbox write sends exactly once after restart", async () => {
    await enqueueDelivery({
      ctx,
      key: "crash:mid-send",
      platform: "SLACK",
      target: channel("C0D"),
      kind: "digest",
      message: message("one"),
    });
    await enqueueDelivery({
      ctx,
      key: "crash:before-claim",
      platform: "SLACK",
      target: channel("C0E"),
      kind: "digest",
      message: message("two"),
    });
    // Instance 1 claims "crash:mid-send" and dies before its send reaches Slack (the send never returns).
    const hanging: PlatformSender = { platform: "SLACK", send: () => new Promise(() => undefined) };
    const dying = createDeliveryDispatcher({ ctx, senders: { SLACK: hanging }, batchSize: 1 });
    void dying.dispatchDue();
    await waitUntil(async () =>
      (await rows()).some((row) => row.key === "crash:mid-send" && row.attempts === 1),
    );
    // Instance 2 starts: the unclaimed one goes at once, the claimed one after its lease ran out.
    const restarted = dispatcher({ leaseMs: 120_000 });
    expect(await restarted.drain()).toMatchObject({ sent: 1 });
    expect(posted().map((call) => call.body.text)).toEqual(["two"]);
    ctx.clock.advance(119_000);
    expect(await restarted.drain()).toMatchObject({ claimed: 0 });
    // The lease is timed by the database's clock (not this instance's): let it run out there.
    await database().sql.query(
      "UPDATE deliveries SET lease_until = now() - interval '1 second' WHERE key = 'crash:mid-send'",
    );
    expect(await restarted.drain()).toMatchObject({ sent: 1 });
    ctx.clock.advance(3_600_000);
    expect(await dispatcher().drain()).toMatchObject({ claimed: 0 });
    expect(
      posted()
        .map((call) => call.body.text)
        .sort(),
    ).toEqual(["one", "two"]);
    expect((await rows()).map((row) => row.status)).toEqual(["SENT", "SENT"]);
  });

  it("paces Slack to one message per second per channel; other channels do not wait", async () => {
    for (const [key, target] of [
      ["p1", "C0P"],
      ["p2", "C0P"],
      ["p3", "C0P"],
      ["q1", "C0Q"],
      ["q2", "C0Q"],
    ] as const) {
      await enqueueDelivery({
        ctx,
        key,
        platform: "SLACK",
        target: channel(target),
        kind: "digest",
        message: message(key),
      });
    }
    // The pace is waited on the fake clock (its sleep moves the ManualClock), so sent_at shows it.
    expect(await dispatcher({ concurrency: 1 }).drain()).toMatchObject({ sent: 5 });
    const sent = await rows();
    const at = (key: string) => sent.find((row) => row.key === key)?.sent_at?.getTime() ?? Number.NaN;
    expect(at("p2") - at("p1")).toBeGreaterThanOrEqual(1_000);
    expect(at("p3") - at("p2")).toBeGreaterThanOrEqual(1_000);
    expect(at("q2") - at("q1")).toBeGreaterThanOrEqual(1_000);
    // Only the waits the pace needed: two in C0P, one in C0Q.
    expect(slept.filter((ms) => ms > 0)).toHaveLength(3);
  });

  it("two dispatchers sharing the database send every delivery exactly once", async () => {
    for (let i = 0; i < 40; i += 1) {
      await enqueueDelivery({
        ctx,
        key: `share:${i}`,
        platform: "SLACK",
        target: channel(`C0S${i}`),
        kind: "digest",
        message: message(`m${i}`),
      });
    }
    const [one, two] = await Promise.all([
      dispatcher({ batchSize: 5 }).drain(),
      dispatcher({ batchSize: 5 }).drain(),
    ]);
    expect((one?.sent ?? 0) + (two?.sent ?? 0)).toBe(40);
    const texts = posted().map((call) => String(call.body.text));
    expect(texts).toHaveLength(40);
    expect(new Set(texts).size).toBe(40);
  });

  it("the background loop sends a new delivery straight away (woken by the enqueue)", async () => {
    const d = dispatcher({ pollIntervalMs: 60_000 });
    d.start();
    try {
      // Whether the first (empty) pass is still running or the loop already waits, the nudge sends it:
      // a nudge during a pass makes the loop go again instead of waiting the 60 s poll.
      await enqueueDelivery({
        ctx,
        key: "wake",
        platform: "SLACK",
        target: channel("C0W"),
        kind: "digest",
        message: message("now"),
      });
      await waitUntil(async () => (await rows())[0]?.status === "SENT");
    } finally {
      await d.stop();
    }
  });
});

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error("waitUntil: timed out");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
