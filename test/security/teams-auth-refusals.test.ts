import { createServer } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { personalMessage, postActivity, type TeamsUser } from "../support/teams-activities.ts";
import {
  createSigningKey,
  fixedTokenCredentials,
  type SigningKey,
  signBotToken,
  standInAuthSettings,
} from "../support/teams-auth.ts";
import { startTeamsTestBot, type TeamsTestBot } from "../support/teams-bot.ts";
import type { StandInConnector } from "../support/teams-connector.ts";

/**
 * Issue 10 item 3: with Bot Framework authentication on, a request that cannot be authenticated is
 * refused with 401 (bad token) or 503 (identity metadata unreachable), with no detail in the body;
 * it is logged as one JSON line (an outage once), and botbuilder writes no stack trace to the console.
 */
const APP_ID = "11111111-2222-4333-8444-666666666666";
const jan: TeamsUser = { id: "29:jan", aadObjectId: "0a1b2c3d-0000-4000-8000-00000000d001", name: "Jan" };

function authOn(openIdUrl: string) {
  return (_connector: StandInConnector) => ({
    auth: {
      kind: "botFramework" as const,
      appId: APP_ID,
      appType: "SingleTenant" as const,
      tenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47",
      credential: { kind: "password" as const, password: "unused" },
    },
    overrides: {
      botFrameworkAuth: standInAuthSettings(openIdUrl),
      credentialsFactory: fixedTokenCredentials(APP_ID, "outgoing").factory,
    },
  });
}

/** A local port nobody listens on: fetching the metadata there fails with ECONNREFUSED. */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/openid`;
}

const consoleError = vi.spyOn(console, "error");
const consoleWarn = vi.spyOn(console, "warn");
afterEach(() => {
  consoleError.mockClear();
  consoleWarn.mockClear();
});

describe("identity metadata unreachable", () => {
  let t: TeamsTestBot;
  let key: SigningKey;
  beforeAll(async () => {
    key = createSigningKey("unreachable-key");
    const url = await closedPortUrl();
    t = await startTeamsTestBot(authOn(url), { seed: false });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("answers 503 with no detail, logs the outage once as JSON, prints no stack trace", async () => {
    const activity = personalMessage(t.connector.url, jan, "klant-health acme");
    const token = signBotToken(key, { appId: APP_ID, serviceUrl: activity.serviceUrl });
    const answers = [
      await postActivity(t.bot.url, activity, token),
      await postActivity(t.bot.url, activity, token),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(503);
      expect(answer.body).toEqual({ error: "service unavailable" });
    }
    const outage = t.logs.filter((line) => String(line.msg).includes("identity metadata"));
    expect(outage).toHaveLength(1);
    expect(outage[0]).toMatchObject({ level: 50, status: 503 });
    expect(String(outage[0]!.reason)).toMatch(/ECONNREFUSED|openID|fetch/i);
    expect(consoleError).not.toHaveBeenCalled();
    expect(consoleWarn).not.toHaveBeenCalled();
    expect(t.connector.calls).toEqual([]);
  });
});

describe("refused tokens", () => {
  let t: TeamsTestBot;
  let key: SigningKey;
  beforeAll(async () => {
    key = createSigningKey("refusal-key");
    let openIdUrl = "";
    t = await startTeamsTestBot(
      (connector) => {
        openIdUrl = connector.openIdUrl;
        return authOn(openIdUrl)(connector);
      },
      { seed: false },
    );
    t.connector.setKeys([key.jwk]);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("answers 401 with no detail, one JSON log line each, and no console stack trace", async () => {
    const activity = personalMessage(t.connector.url, jan, "klant-health acme");
    const claims = { appId: APP_ID, serviceUrl: activity.serviceUrl };
    const tokens = [
      undefined,
      signBotToken(createSigningKey(key.kid), claims),
      signBotToken(key, { ...claims, appId: "99999999-2222-4333-8444-555555555555" }),
      signBotToken(key, { ...claims, expiresIn: -3600 }),
    ];
    for (const token of tokens) {
      const answer = await postActivity(t.bot.url, activity, token);
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({ error: "unauthorized" });
    }
    expect(t.logs.filter((line) => line.msg === "Teams request refused")).toHaveLength(tokens.length);
    expect(consoleError).not.toHaveBeenCalled();
    expect(consoleWarn).not.toHaveBeenCalled();
    // A good token still works.
    const ok = await postActivity(t.bot.url, activity, signBotToken(key, claims));
    expect(ok.status).toBe(200);
  });
});
