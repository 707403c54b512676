import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  actionExecute,
  personalInstall,
  personalMessage,
  type TeamsUser,
} from "../support/teams-activities.ts";
import {
  createSigningKey,
  fixedTokenCredentials,
  type SigningKey,
  signBotToken,
  standInAuthSettings,
} from "../support/teams-auth.ts";
import { startTeamsTestBot, type TeamsTestBot } from "../support/teams-bot.ts";
import { adaptiveCardProblems, cardsOf } from "../support/teams-cards.ts";

/**
 * With an app id configured, Bot Framework authentication is on. Everything runs offline: the signing
 * key is made here and published by the stand-in connector's OpenID document; outgoing tokens come
 * from a credentials factory with a fixed token (MSAL itself only talks to a real https authority).
 */

const APP_ID = "11111111-2222-4333-8444-555555555555";
const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const OUTGOING_TOKEN = "outgoing-test-token";
const jan: TeamsUser = {
  id: "29:jan",
  aadObjectId: "0a1b2c3d-0000-4000-8000-00000000b001",
  name: "Jan de Vries",
};

let t: TeamsTestBot;
let key: SigningKey;
const credentials = fixedTokenCredentials(APP_ID, OUTGOING_TOKEN);

beforeAll(async () => {
  key = createSigningKey("klantpuls-test-key");
  t = await startTeamsTestBot((connector) => ({
    auth: {
      kind: "botFramework",
      appId: APP_ID,
      appType: "SingleTenant",
      tenantId: TENANT,
      credential: { kind: "password", password: "unused: the credentials factory below replaces MSAL" },
    },
    overrides: {
      // A fresh connector (random port) per file: botbuilder caches signing keys per metadata URL.
      botFrameworkAuth: standInAuthSettings(connector.openIdUrl),
      credentialsFactory: credentials.factory,
    },
  }));
  t.connector.setKeys([key.jwk]);
  t.connector.setMember({
    id: jan.id,
    aadObjectId: jan.aadObjectId,
    name: jan.name,
    email: "jan@klantpuls.demo",
  });
});

afterAll(async () => {
  await t?.close();
});

async function send(activity: { serviceUrl: string }, token: string | undefined) {
  t.connector.clear();
  const response = await fetch(`${t.bot.url}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(activity),
  });
  return { status: response.status, body: await response.text() };
}

async function nothingProcessed() {
  expect(t.connector.calls).toEqual([]);
  const [counts] = await t.bot.ctx.db.sql.query<{ conversations: number; linked: number }>(
    `SELECT (SELECT count(*) FROM teams_conversations)::int AS conversations,
            (SELECT count(*) FROM users WHERE teams_user_id IS NOT NULL)::int AS linked`,
  );
  expect(counts).toEqual({ conversations: 0, linked: 0 });
}

describe("Teams authentication (app id configured)", () => {
  it("logs that the endpoint is authenticated, with the app type", () => {
    const mounted = t.logs.find((line) => line.msg === "Teams endpoint mounted");
    expect(mounted).toMatchObject({ authenticated: true, appType: "SingleTenant" });
    expect(t.logs.some((line) => String(line.msg).includes("LOCAL MODE"))).toBe(false);
  });

  it("refuses requests without a valid token with 401 and processes nothing", async () => {
    const activity = personalMessage(t.connector.url, jan, "klant-health acme");
    const claims = { appId: APP_ID, serviceUrl: activity.serviceUrl };
    const otherKey = createSigningKey(key.kid);
    const cases: Array<[string, string | undefined]> = [
      ["no token", undefined],
      ["not a JWT", "not-a-token"],
      ["signed with another key (same kid)", signBotToken(otherKey, claims)],
      ["unknown key id", signBotToken(key, claims, "some-other-kid")],
      ["wrong audience", signBotToken(key, { ...claims, appId: "99999999-2222-4333-8444-555555555555" })],
      ["wrong issuer", signBotToken(key, { ...claims, issuer: "https://evil.example" })],
      ["expired", signBotToken(key, { ...claims, expiresIn: -3600 })],
      ["for another service URL", signBotToken(key, { ...claims, serviceUrl: "https://smba.example/other" })],
    ];
    const statuses: Record<string, number> = {};
    for (const [name, token] of cases) {
      statuses[name] = (await send(activity, token)).status;
      await nothingProcessed();
    }
    expect(statuses).toEqual(Object.fromEntries(cases.map(([name]) => [name, 401])));
    // A click is refused the same way.
    const click = actionExecute(t.connector.url, jan, {
      verb: "customer.open",
      data: { customerId: 1 },
      replyToId: "x",
    });
    expect((await send(click, undefined)).status).toBe(401);
    await nothingProcessed();
  });

  it("accepts a correctly signed token and answers with the bot's own outgoing token", async () => {
    const activity = personalMessage(t.connector.url, jan, "klant-health acme");
    const token = signBotToken(key, { appId: APP_ID, serviceUrl: activity.serviceUrl });
    const result = await send(activity, token);
    expect(result.status).toBe(200);
    const [reply] = t.connector.sent();
    expect(reply?.authorization).toBe(`Bearer ${OUTGOING_TOKEN}`);
    expect(credentials.scopes).toContain("https://api.botframework.com/.default");
    const [card] = cardsOf(reply!.body);
    expect(adaptiveCardProblems(card)).toEqual([]);
    // The member look-up for the e-mail was authenticated too.
    expect(t.connector.calls.find((call) => call.kind === "member")?.authorization).toBe(
      `Bearer ${OUTGOING_TOKEN}`,
    );
  });

  it("answers an authenticated click in the HTTP response", async () => {
    const [acme] = await t.bot.ctx.db.sql.query<{ id: number }>(
      "SELECT id FROM customers WHERE external_id = 'K-1001'",
    );
    const click = actionExecute(t.connector.url, jan, {
      verb: "customer.open",
      data: { customerId: acme!.id },
      replyToId: "sent-1",
    });
    const result = await send(click, signBotToken(key, { appId: APP_ID, serviceUrl: click.serviceUrl }));
    expect(result.status).toBe(200);
    const body = JSON.parse(result.body) as { type: string; value: unknown };
    expect(body.type).toBe("application/vnd.microsoft.card.adaptive");
    expect(adaptiveCardProblems(body.value)).toEqual([]);
    expect(t.connector.updates()[0]?.authorization).toBe(`Bearer ${OUTGOING_TOKEN}`);
  });

  it("sends proactive messages with the bot's token", async () => {
    for (const activity of personalInstall(t.connector.url, jan)) {
      const token = signBotToken(key, { appId: APP_ID, serviceUrl: activity.serviceUrl });
      expect((await send(activity, token)).status).toBe(200);
    }
    const [user] = await t.bot.ctx.db.sql.query<{ id: number }>(
      "SELECT id FROM users WHERE email = 'jan@klantpuls.demo'",
    );
    t.connector.clear();
    await t.bot.ctx.outbox.senders.TEAMS!.send(
      { kind: "user", userId: user!.id },
      { text: "Pulse", blocks: [{ type: "text", text: "Hoe staat Acme ervoor?" }] },
      { locale: "nl" },
    );
    const [post] = t.connector.sent();
    expect(post).toMatchObject({ kind: "post", authorization: `Bearer ${OUTGOING_TOKEN}` });
  });
});
