import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { signedHeaders, slackSignature } from "../../src/dev/slack-signature.ts";
import {
  AS_OF,
  blocksText,
  SIGNING_SECRET,
  type SlackTestBot,
  slackUsers,
  startSlackTestBot,
  waitFor,
} from "../support/slack-bot.ts";

/**
 * The Slack bot end to end: signed requests into the real HTTP endpoint (/slack/events on the bot's
 * server), Slack's Web API and response_urls played on localhost, demo data in PGlite. Every payload
 * the bot sends is checked against the Block Kit limits by the stand-in (`slack.problems`).
 */
let t: SlackTestBot;
const { jan, pieter, stranger } = slackUsers;

beforeAll(async () => {
  // Two score dates 30 days apart, so the Home tab has trends.
  t = await startSlackTestBot({ customers: 40, scoreDates: ["2026-10-26", AS_OF] });
});
afterAll(async () => {
  await t?.close();
});
afterEach(() => {
  expect(t.slack.problems).toEqual([]);
});

async function command(text: string, options: { user?: string; command?: string; channelId?: string } = {}) {
  const before = t.slack.messages.length;
  const answer = await t.slack.slashCommand({
    command: options.command ?? "/klant-health",
    text,
    userId: options.user ?? jan.id,
    ...(options.channelId ? { channelId: options.channelId } : {}),
  });
  expect(answer.status).toBe(200);
  const message = await waitFor(() => t.slack.messages[before]);
  return { answer, message, text: blocksText(message.blocks) };
}

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await t.bot.ctx.db.sql.query<{ n: number }>(sql, params);
  return Number(row?.n ?? 0);
}

describe("slash commands", () => {
  it("/klant-health acme: acks at once, answers the card ephemerally through response_url", async () => {
    const { answer, message, text } = await command("acme");
    expect(answer.body).toBeUndefined();
    expect(message).toMatchObject({ ephemeral: true, visibleTo: jan.id, channel: "C0SALES" });
    expect(message.text).toMatch(/^Acme: \d+\/100/);
    expect(text).toMatch(/Acme/);
    expect(text).toMatch(/Waarom/);
    // The reasons, stored as data, arrive as sentences.
    expect(text).toMatch(/laatste bestelling \d+ dagen geleden/);
    expect(text).not.toMatch(/undefined|\[object Object\]/);
    const buttons = t.slack.buttons(message).map((button) => button.text);
    expect(buttons).toEqual(["Notitie / pulse", "Deel in kanaal"]);
    const responses = t.slack.callsTo("response_url");
    expect(responses.at(-1)?.body).toMatchObject({ response_type: "ephemeral", replace_original: false });
  });

  it("links the Slack user by e-mail once, then by stored id", async () => {
    await command("acme");
    const [row] = await t.bot.ctx.db.sql.query<{ slack_user_id: string }>(
      "SELECT slack_user_id FROM users WHERE email = 'jan@klantpuls.demo'",
    );
    expect(row?.slack_user_id).toBe(jan.id);
    expect(t.slack.callsTo("users.info").filter((call) => call.body.user === jan.id)).toHaveLength(1);
  });

  it("help, no argument, unknown customer: usage, no card", async () => {
    for (const text of ["", "help"]) {
      const { text: shown } = await command(text);
      expect(shown).toMatch(/Gebruik: `\/klant-health &lt;klant&gt;`/);
    }
    const { text: unknown, message } = await command("zzqxv-bestaat-niet");
    expect(unknown).toMatch(/Geen klant gevonden voor “zzqxv-bestaat-niet”/);
    expect(t.slack.buttons(message)).toEqual([]);
  });

  it("an ambiguous name gives one button per candidate; a click replaces the list with that card", async () => {
    const { message, text } = await command("bakker");
    expect(text).toMatch(/Meerdere klanten passen bij “bakker”/);
    const buttons = t.slack.buttons(message);
    expect(buttons.map((button) => button.text)).toEqual(
      expect.arrayContaining(["Bakker Bouw B.V.", "Bakker Bouwmaterialen BV"]),
    );
    const messagesBefore = t.slack.messages.length;
    const index = buttons.findIndex((button) => button.text === "Bakker Bouwmaterialen BV");
    const click = await t.slack.click({ userId: jan.id, source: message, button: index });
    expect(click.status).toBe(200);
    await waitFor(() => message.version === 2);
    expect(t.slack.messages.length).toBe(messagesBefore);
    expect(message.ephemeral).toBe(true);
    expect(blocksText(message.blocks)).toMatch(/Bakker Bouwmaterialen BV/);
    expect(t.slack.callsTo("response_url").at(-1)?.body).toMatchObject({ replace_original: true });
  });

  it("/klant-risico: the at-risk list with open buttons and a share button; bad arguments get usage", async () => {
    const { text, message } = await command("", { command: "/klant-risico" });
    expect(text).toMatch(/Klanten met risico/);
    const labels = t.slack.buttons(message).map((button) => button.text);
    expect(labels.at(-1)).toBe("Deel in kanaal");
    expect(labels.some((label) => label.startsWith("Open: "))).toBe(true);

    const bad = await command("99", { command: "/klant-risico" });
    expect(bad.text).toMatch(/“99” is geen geldig aantal/);
    const segment = await command("Onbekend", { command: "/klant-risico" });
    expect(segment.text).toMatch(/Onbekend segment “Onbekend”/);
    const mkb = await command("MKB 3", { command: "/klant-risico" });
    expect(mkb.text).toMatch(/Klanten met risico · MKB|Geen klanten in de risicozone · MKB/);
  });

  it("/klant-kpi: KPIs for the default period and a named one; a bad period gets usage", async () => {
    const { text, message } = await command("", { command: "/klant-kpi" });
    expect(text).toMatch(/KPI's/);
    expect(text).toMatch(/Retentie/);
    expect(t.slack.buttons(message).map((button) => button.text)).toEqual(["Deel in kanaal"]);
    const quarter = await command("2026-Q3 Enterprise", { command: "/klant-kpi" });
    expect(quarter.text).toMatch(/Enterprise/);
    const bad = await command("2026-13", { command: "/klant-kpi" });
    expect(bad.text).toMatch(/Gebruik: `\/klant-kpi/);
  });

  it("/klant-digest subscribes the channel it is typed in (managers only) and reports its status", async () => {
    const channel = "C0MANAGERS";
    const refused = await command("aan", { command: "/klant-digest", user: pieter.id, channelId: channel });
    expect(refused.text).toMatch(/alleen managers/);
    expect(await count("SELECT count(*)::int AS n FROM channel_subscriptions")).toBe(0);

    const on = await command("aan MKB vrijdag 16:00", { command: "/klant-digest", channelId: channel });
    expect(on.message).toMatchObject({ ephemeral: true, channel });
    const [subscription] = await t.bot.ctx.db.sql.query<Record<string, unknown>>(
      `SELECT platform::text AS platform, channel_id, segment, day_of_week, time_of_day, active
       FROM channel_subscriptions`,
    );
    expect(subscription).toEqual({
      platform: "SLACK",
      channel_id: channel,
      segment: "MKB",
      day_of_week: 5,
      time_of_day: "16:00",
      active: true,
    });
    expect(
      (await command("status", { command: "/klant-digest", user: pieter.id, channelId: channel })).text,
    ).toMatch(/MKB/);
    await command("uit", { command: "/klant-digest", channelId: channel });
    expect(await count("SELECT count(*)::int AS n FROM channel_subscriptions WHERE active")).toBe(0);
  });

  it("an unknown Slack user gets the 'ask an admin' answer and no data", async () => {
    const { text, message } = await command("acme", { user: stranger.id });
    expect(text).toMatch(/Ik ken je nog niet als gebruiker van Klantpuls/);
    expect(text).not.toMatch(/Acme/);
    expect(t.slack.buttons(message)).toEqual([]);
    expect(await count("SELECT count(*)::int AS n FROM users WHERE slack_user_id = $1", [stranger.id])).toBe(
      0,
    );
  });
});

describe("buttons", () => {
  it("Share posts the card visibly in the channel, saying who shared it", async () => {
    const { message } = await command("acme");
    await t.slack.click({ userId: jan.id, source: message, button: "card.share" });
    const shared = await waitFor(() => t.slack.messages.find((m) => !m.ephemeral && m.channel === "C0SALES"));
    expect(blocksText(shared.blocks)).toMatch(/Gedeeld door Jan de Vries/);
    expect(t.slack.buttons(shared).map((button) => button.text)).not.toContain("Deel in kanaal");
  });

  it("Share of a command answer re-runs it and posts it visibly", async () => {
    const { message } = await command("", { command: "/klant-kpi", channelId: "C0MGMT" });
    const share = t.slack.buttons(message).find((button) => button.text === "Deel in kanaal");
    await t.slack.click({ userId: jan.id, source: message, button: share?.actionId ?? "" });
    const shared = await waitFor(() => t.slack.messages.find((m) => !m.ephemeral && m.channel === "C0MGMT"));
    expect(blocksText(shared.blocks)).toMatch(/KPI's[\s\S]*Gedeeld door Jan de Vries/);
  });

  it("429 with Retry-After is waited out and the post then succeeds", async () => {
    const { message } = await command("acme", { channelId: "C0RATE" });
    t.slack.failNext("chat.postMessage", { kind: "rate_limited", retryAfterSeconds: 1 });
    await t.slack.click({ userId: jan.id, source: message, button: "card.share" });
    const shared = await waitFor(() => t.slack.messages.find((m) => !m.ephemeral && m.channel === "C0RATE"));
    // That the wait was Retry-After's is in the client's own log line below; no stopwatch needed.
    expect(blocksText(shared.blocks)).toMatch(/Acme/);
    const outcomes = t.slack
      .callsTo("chat.postMessage")
      .filter((call) => call.body.channel === "C0RATE")
      .map((call) => call.outcome);
    expect(outcomes).toEqual(["429", "ok"]);
    expect(t.logs.some((line) => /rate limiting\. Will retry in 1 seconds/.test(line.msg))).toBe(true);
  });

  it("channel_not_found is logged and explained to the user, and the bot keeps working", async () => {
    t.slack.missingChannels.add("C0PRIVATE");
    const { message } = await command("acme", { channelId: "C0PRIVATE" });
    const before = t.slack.messages.length;
    await t.slack.click({ userId: jan.id, source: message, button: "card.share" });
    const notice = await waitFor(() => t.slack.messages.slice(before).find((m) => m.ephemeral));
    expect(blocksText(notice.blocks)).toMatch(/Ik kan hier niet posten \(channel_not_found\)/);
    expect(notice.visibleTo).toBe(jan.id);
    expect(
      t.logs.some(
        (line) => line.msg === "slack: sharing in the channel failed" && line.code === "channel_not_found",
      ),
    ).toBe(true);
    const again = await command("acme", { channelId: "C0PRIVATE" });
    expect(again.text).toMatch(/Acme/);
  });

  it("a tampered button value gets 'expired or invalid', not a crash", async () => {
    const { message } = await command("acme");
    const tampered = {
      ...message,
      blocks: message.blocks.map((block) =>
        (block as { type: string }).type === "actions"
          ? {
              ...(block as object),
              elements: [
                {
                  type: "button",
                  action_id: "customer.open:0",
                  text: { type: "plain_text", text: "x" },
                  value: "{]",
                },
              ],
            }
          : block,
      ),
    };
    const before = t.slack.messages.length;
    await t.slack.click({ userId: jan.id, source: tampered, button: 0 });
    const reply = await waitFor(() => t.slack.messages.slice(before).find((m) => m.ephemeral));
    expect(blocksText(reply.blocks)).toMatch(/Deze knop is verlopen of ongeldig/);
    expect(message.version).toBe(1);
  });
});

describe("the pulse modal", () => {
  it("opens at once, rejects a missing score in the ack, saves a valid one and updates the card", async () => {
    const { message } = await command("acme");
    const pulsesBefore = await count("SELECT count(*)::int AS n FROM owner_pulses");
    const callsBefore = t.slack.calls.length;
    const click = await t.slack.click({ userId: jan.id, source: message, button: "pulse.add" });
    expect(click.status).toBe(200);
    // views.open is the first Web API call after the click: no database work before it.
    const firstCall = await waitFor(() =>
      t.slack.calls.slice(callsBefore).find((call) => call.method !== "response_url"),
    );
    expect(firstCall).toMatchObject({ method: "views.open", outcome: "ok" });
    const view = await waitFor(() =>
      [...t.slack.views.values()].find(
        (v) => v.userId === jan.id && v.view.callback_id === "pulse.submit" && !v.closed,
      ),
    );
    expect(blocksText(view.view.blocks)).toMatch(/Hoe waarschijnlijk beveelt Acme ons aan/);

    const rejected = await t.slack.submitView({
      userId: jan.id,
      viewId: view.id,
      values: { comment: "zonder score" },
    });
    expect(rejected.body).toEqual({
      response_action: "errors",
      errors: { score: "Kies een score van 0 t/m 10." },
    });
    expect(view.closed).toBe(false);
    expect(await count("SELECT count(*)::int AS n FROM owner_pulses")).toBe(pulsesBefore);

    const saved = await t.slack.submitView({
      userId: jan.id,
      viewId: view.id,
      values: { score: "7", comment: "bellen over betalingen" },
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toBeUndefined();
    expect(view.closed).toBe(true);
    await waitFor(() => message.version === 2);
    expect(blocksText(message.blocks)).toMatch(/je inschatting 7\/10 voor Acme is opgeslagen/);
    expect(
      await count("SELECT count(*)::int AS n FROM owner_pulses WHERE score = 7 AND comment = $1", [
        "bellen over betalingen",
      ]),
    ).toBe(1);
  });

  it("a submission from someone Klantpuls does not know saves nothing and says why, as commands do", async () => {
    const { message } = await command("acme");
    await t.slack.click({ userId: jan.id, source: message, button: "pulse.add" });
    const view = await waitFor(() =>
      [...t.slack.views.values()].find(
        (v) => v.userId === jan.id && v.view.callback_id === "pulse.submit" && !v.closed,
      ),
    );
    const pulsesBefore = await count("SELECT count(*)::int AS n FROM owner_pulses");
    const before = t.slack.messages.length;
    const submitted = await t.slack.submitView({
      userId: stranger.id,
      viewId: view.id,
      values: { score: "3" },
    });
    expect(submitted.status).toBe(200);
    const answer = await waitFor(() =>
      t.slack.messages.slice(before).find((m) => /Ik ken je nog niet/.test(blocksText(m.blocks))),
    );
    expect(answer.ephemeral).toBe(true);
    expect(await count("SELECT count(*)::int AS n FROM owner_pulses")).toBe(pulsesBefore);
  });

  it("a member who does not own the customer sees the refusal in the modal", async () => {
    const { message } = await command("acme", { user: pieter.id });
    await t.slack.click({ userId: pieter.id, source: message, button: "pulse.add" });
    const view = await waitFor(() =>
      [...t.slack.views.values()].find((v) => v.userId === pieter.id && v.version === 2),
    );
    expect(blocksText(view.view.blocks)).toMatch(/Alleen de accountmanager van Acme/);
  });
});

describe("App Home", () => {
  it("publishes my customers with bands and trends, my alerts and how to use the commands", async () => {
    const opened = await t.slack.openHome({ userId: jan.id });
    expect(opened.status).toBe(200);
    const home = await waitFor(() => t.slack.homeView(jan.id));
    const text = blocksText(home.view.blocks);
    expect(text).toMatch(/Hoi Jan de Vries/);
    expect(text).toMatch(/Mijn klanten \(\d+\)/);
    expect(text).toMatch(/\*Acme\* · \d+ · risico · trend [+−-]?\d+/);
    expect(text).toMatch(/Mijn open signalen/);
    expect(text).toMatch(/\/klant-health &lt;klant&gt;/);
    // A click in the Home tab has no message to replace: the card arrives by DM.
    const open = t.slack.buttons(home).find((button) => button.text === "Open: Acme");
    await t.slack.click({ userId: jan.id, source: home, button: open?.actionId ?? "" });
    const dm = await waitFor(() => t.slack.messages.find((m) => m.channel === `D${jan.id.slice(1)}`));
    expect(blocksText(dm.blocks)).toMatch(/Acme/);
  });

  it("a retried event (X-Slack-Retry-Num) is not processed twice", async () => {
    const first = await t.slack.openHome({ userId: pieter.id });
    await waitFor(() => t.slack.homeView(pieter.id));
    const publishes = () =>
      t.slack.callsTo("views.publish").filter((call) => call.body.user_id === pieter.id).length;
    expect(publishes()).toBe(1);
    const retry = await t.slack.openHome({ userId: pieter.id, eventId: first.eventId, retryNum: 1 });
    expect(retry.status).toBe(200);
    // The retry is handled after the ack: wait for the bot to say it skipped it, then count.
    await waitFor(() => t.logs.some((line) => line.msg === "slack: event already handled, retry skipped"));
    expect(publishes()).toBe(1);
  });

  it("an unknown user sees how to get access and no data", async () => {
    await t.slack.openHome({ userId: stranger.id });
    const home = await waitFor(() => t.slack.homeView(stranger.id));
    expect(blocksText(home.view.blocks)).toMatch(/Ik ken je nog niet als gebruiker/);
    expect(blocksText(home.view.blocks)).not.toMatch(/Mijn klanten/);
  });
});

describe("request verification", () => {
  const body = () =>
    new URLSearchParams({
      command: "/klant-health",
      text: "acme",
      user_id: jan.id,
      channel_id: "C0SALES",
      team_id: "T0LOCAL",
      response_url: "http://127.0.0.1:9/never",
      trigger_id: "1.2",
    }).toString();
  const contentType = "application/x-www-form-urlencoded";

  async function post(headers: Record<string, string>, raw = body()) {
    return fetch(t.eventsUrl, {
      method: "POST",
      headers: { "content-type": contentType, ...headers },
      body: raw,
    });
  }

  it("refuses forged, unsigned, stale and future-stamped requests with 401 and changes nothing", async () => {
    const callsBefore = t.slack.calls.length;
    const pulsesBefore = await count("SELECT count(*)::int AS n FROM owner_pulses");
    const now = Math.floor(Date.now() / 1000);
    const forged = signedHeaders("0000000000000000wrongsecret00000", body(), contentType);
    const stale = signedHeaders(SIGNING_SECRET, body(), contentType, now - 6 * 60);
    const future = signedHeaders(SIGNING_SECRET, body(), contentType, now + 10 * 60);
    const changedBody = signedHeaders(SIGNING_SECRET, body(), contentType);
    expect((await post(forged)).status).toBe(401);
    expect((await post({})).status).toBe(401);
    expect((await post(stale)).status).toBe(401);
    expect((await post(future)).status).toBe(401);
    expect((await post(changedBody, body().replace("acme", "bakker"))).status).toBe(401);

    // A forged pulse submission writes nothing.
    const payload = {
      type: "view_submission",
      user: { id: jan.id },
      team: { id: "T0LOCAL" },
      view: {
        id: "VFAKE",
        callback_id: "pulse.submit",
        private_metadata: JSON.stringify({ value: { customerId: 1 } }),
        state: { values: { score: { score: { type: "static_select", selected_option: { value: "1" } } } } },
      },
    };
    const raw = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const ts = now;
    const response = await post(
      {
        "x-slack-request-timestamp": String(ts),
        "x-slack-signature": slackSignature("forged-secret-0000000000", ts, raw),
      },
      raw,
    );
    expect(response.status).toBe(401);

    // Bolt refuses before dispatching anything, so once the 401s are in, nothing can follow.
    expect(t.slack.calls.length).toBe(callsBefore);
    expect(await count("SELECT count(*)::int AS n FROM owner_pulses")).toBe(pulsesBefore);
  });

  it("answers a signed body that is not an object (payload=null, JSON null) with 400, not 500", async () => {
    const callsBefore = t.slack.calls.length;
    const formNull = "payload=null";
    const form = await post(signedHeaders(SIGNING_SECRET, formNull, contentType), formNull);
    expect(form.status).toBe(400);
    const jsonNull = "null";
    const json = await post(signedHeaders(SIGNING_SECRET, jsonNull, "application/json"), jsonNull);
    expect(json.status).toBe(400);
    expect(t.slack.calls.length).toBe(callsBefore);
    expect(t.logs.some((line) => line.msg === "slack request refused: the body is not an object")).toBe(true);
  });

  it("accepts a small clock skew into the future", async () => {
    const now = Math.floor(Date.now() / 1000);
    const before = t.slack.messages.length;
    const raw = body().replace("http://127.0.0.1:9/never", "");
    const response = await post(signedHeaders(SIGNING_SECRET, raw, contentType, now + 30), raw);
    expect(response.status).toBe(200);
    // Without a response_url the answer comes ephemerally through the Web API: wait for it, so it
    // cannot land in the next test.
    await waitFor(() => t.slack.messages[before]);
  });
});

describe("a database that does not answer", () => {
  it("still acks commands and clicks, opens the modal, and answers once the database does", async () => {
    const sql = t.bot.ctx.db.sql;
    const original = sql.query.bind(sql);
    const { message: card } = await command("acme");
    // Every raw query waits for the gate: while it is shut, nothing that needs the database can finish.
    // Acks and the modal arriving while it is shut show they never wait for the database, with no stopwatch.
    let openGate: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      openGate = resolve;
    });
    let held = 0;
    sql.query = async (text, params) => {
      held += 1;
      await gate;
      return original(text, params);
    };
    try {
      const before = t.slack.messages.length;
      const answer = await t.slack.slashCommand({ command: "/klant-health", text: "acme", userId: jan.id });
      expect(answer.status).toBe(200);

      const click = await t.slack.click({ userId: jan.id, source: card, button: "pulse.add" });
      expect(click.status).toBe(200);
      const opened = await waitFor(() =>
        t.slack.callsTo("views.open").find((call) => call.body.trigger_id === click.triggerId),
      );
      expect(opened.outcome).toBe("ok");
      await waitFor(() => held > 0);
      expect(t.slack.messages.length).toBe(before); // the answer is still waiting for the database

      openGate();
      const late = await waitFor(() => t.slack.messages[before], 30_000);
      expect(blocksText(late.blocks)).toMatch(/Acme/);
    } finally {
      openGate();
      sql.query = original;
    }
  });
});
