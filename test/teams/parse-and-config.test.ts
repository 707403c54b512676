import type { Activity } from "botbuilder";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/index.ts";
import { loadTeamsConfig, teamsEnvSchema, toTeamsConfig } from "../../src/config/teams.ts";
import { splitActionData } from "../../src/teams/action-data.ts";
import { botFrameworkAuthOptions } from "../../src/teams/bot-auth.ts";
import { baseConversationId, conversationFromActivity } from "../../src/teams/conversations.ts";
import { parseCommandText } from "../../src/teams/parse-command.ts";
import { channelMention, personalMessage } from "../support/teams-activities.ts";

/** The builders return plain JSON, as it arrives over HTTP; the code under test reads it as an Activity. */
const asActivity = (json: unknown) => json as Partial<Activity>;

const APP_ID = "11111111-2222-4333-8444-555555555555";
const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";

describe("Teams message text as a command", () => {
  it.each([
    ["klant-health acme", { kind: "command", name: "klant-health", args: "acme" }],
    ["/klant-health  Bakker Bouw ", { kind: "command", name: "klant-health", args: "Bakker Bouw" }],
    ["KLANT-RISICO MKB 5", { kind: "command", name: "klant-risico", args: "MKB 5" }],
    ["klant-kpi", { kind: "command", name: "klant-kpi", args: "" }],
    ["<at>Klantpuls</at> klant-kpi 2026-Q3", { kind: "command", name: "klant-kpi", args: "2026-Q3" }],
    [
      "klant-health Caf&eacute; &amp; Zn&nbsp;BV",
      { kind: "command", name: "klant-health", args: "Caf&eacute; & Zn BV" },
    ],
    ["<p>klant-health acme</p>", { kind: "command", name: "klant-health", args: "acme" }],
    ["help", { kind: "help" }],
    ["/hulp", { kind: "help" }],
    ["", { kind: "help" }],
    [undefined, { kind: "help" }],
    ["hallo daar", { kind: "unknown", text: "hallo daar" }],
  ])("%j", (text, expected) => {
    expect(parseCommandText(text)).toEqual(expected);
  });
});

describe("Teams click data", () => {
  it("separates the action's value from form inputs and drops nested values", () => {
    expect(splitActionData({ customerId: 7, nested: { a: 1 } })).toEqual({ value: { customerId: 7 } });
    expect(splitActionData({ customerId: "7", "form.score": "8", "form.comment": "" })).toEqual({
      value: { customerId: "7" },
      formValues: { score: "8", comment: undefined },
    });
  });
});

describe("Teams conversation references", () => {
  it("stores channels without the thread part, the user or the language", () => {
    const channel = conversationFromActivity(
      asActivity(
        channelMention("https://smba.example/emea/", { id: "29:a", aadObjectId: "aad-a", name: "A" }, "x"),
      ),
    );
    expect(channel).toMatchObject({
      conversationId: "19:general-sales@thread.tacv2",
      kind: "channel",
      aadObjectId: null,
    });
    expect(channel?.reference).not.toHaveProperty("user");
    expect(channel?.reference).not.toHaveProperty("activityId");
    expect(channel?.reference).not.toHaveProperty("locale");
    expect(baseConversationId("19:x@thread.tacv2;messageid=42")).toBe("19:x@thread.tacv2");
    const personal = conversationFromActivity(
      asActivity(
        personalMessage("https://smba.example/emea/", { id: "29:a", aadObjectId: "aad-a", name: "A" }, "x"),
      ),
    );
    expect(personal).toMatchObject({ kind: "personal", aadObjectId: "aad-a" });
    expect(personal?.reference).toHaveProperty("user.id", "29:a");
  });
});

describe("Teams configuration", () => {
  const parse = (env: Record<string, string>) => teamsEnvSchema.safeParse(env);
  const messages = (env: Record<string, string>) => {
    const result = parse(env);
    return result.success
      ? []
      : result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
  };

  it("is off without an app id and without local mode", () => {
    expect(loadTeamsConfig({})).toBeUndefined();
    expect(loadConfig({}).teams).toBeUndefined();
  });

  it("allows running without authentication only in explicit local mode", () => {
    expect(loadTeamsConfig({ TEAMS_LOCAL_MODE: "true" })).toEqual({ auth: { kind: "local" } });
    expect(botFrameworkAuthOptions({ auth: { kind: "local" } })).toEqual({});
  });

  it("defaults to single-tenant and needs a tenant id and a password or certificate", () => {
    const config = loadTeamsConfig({
      TEAMS_APP_ID: APP_ID,
      TEAMS_APP_PASSWORD: "s3cret",
      TEAMS_APP_TENANT_ID: TENANT,
    });
    expect(config?.auth).toEqual({
      kind: "botFramework",
      appId: APP_ID,
      appType: "SingleTenant",
      tenantId: TENANT,
      credential: { kind: "password", password: "s3cret" },
    });
    expect(botFrameworkAuthOptions(config!)).toEqual({
      MicrosoftAppId: APP_ID,
      MicrosoftAppType: "SingleTenant",
      MicrosoftAppTenantId: TENANT,
      MicrosoftAppPassword: "s3cret",
    });
    expect(messages({ TEAMS_APP_ID: APP_ID })).toEqual([
      "TEAMS_APP_PASSWORD: is required for SingleTenant (or a certificate)",
      "TEAMS_APP_TENANT_ID: is required for SingleTenant",
    ]);
  });

  it("accepts a certificate instead of a password, read from a PEM file", () => {
    const env = teamsEnvSchema.parse({
      TEAMS_APP_ID: APP_ID,
      TEAMS_APP_TENANT_ID: TENANT,
      TEAMS_APP_CERT_THUMBPRINT: "AB12",
      TEAMS_APP_CERT_KEY_FILE: "/secrets/bot.pem",
    });
    const config = toTeamsConfig(env, (file) => `PEM from ${file}`);
    expect(config?.auth).toMatchObject({
      credential: { kind: "certificate", thumbprint: "AB12", privateKey: "PEM from /secrets/bot.pem" },
    });
    expect(botFrameworkAuthOptions(config!)).toMatchObject({
      CertificateThumbprint: "AB12",
      CertificatePrivateKey: "PEM from /secrets/bot.pem",
    });
  });

  it("explains every bad combination", () => {
    expect(
      messages({ TEAMS_APP_ID: "not-a-guid", TEAMS_APP_PASSWORD: "x", TEAMS_APP_TENANT_ID: TENANT })[0],
    ).toMatch(/TEAMS_APP_ID: must be a GUID/);
    expect(messages({ TEAMS_APP_PASSWORD: "x" })).toEqual([
      "TEAMS_APP_ID: is required when a Teams password, certificate or tenant id is set",
    ]);
    expect(
      messages({
        TEAMS_APP_ID: APP_ID,
        TEAMS_APP_PASSWORD: "x",
        TEAMS_APP_TENANT_ID: TENANT,
        TEAMS_LOCAL_MODE: "1",
      }),
    ).toEqual([
      "TEAMS_LOCAL_MODE: cannot be combined with TEAMS_APP_ID: with an app id requests are always authenticated",
    ]);
    expect(
      messages({
        TEAMS_APP_ID: APP_ID,
        TEAMS_APP_TENANT_ID: TENANT,
        TEAMS_APP_PASSWORD: "x",
        TEAMS_APP_CERT_THUMBPRINT: "AB",
      }),
    ).toEqual([
      "TEAMS_APP_PASSWORD: set either a password or a certificate, not both",
      "TEAMS_APP_CERT_THUMBPRINT: a certificate needs both TEAMS_APP_CERT_THUMBPRINT and TEAMS_APP_CERT_KEY_FILE",
    ]);
    expect(
      messages({
        TEAMS_APP_ID: APP_ID,
        TEAMS_APP_TYPE: "UserAssignedMSI",
        TEAMS_APP_PASSWORD: "x",
        TEAMS_APP_TENANT_ID: TENANT,
      }),
    ).toEqual(["TEAMS_APP_PASSWORD: a managed identity (UserAssignedMSI) uses no password or certificate"]);
    expect(
      messages({ TEAMS_APP_ID: APP_ID, TEAMS_APP_TYPE: "MultiTenant", TEAMS_APP_PASSWORD: "x" }),
    ).toEqual([]);
    expect(messages({ TEAMS_LOCAL_MODE: "maybe" })).toEqual(["TEAMS_LOCAL_MODE: must be true or false"]);
    expect(messages({ TEAMS_LOCAL_MODE: "true", TEAMS_BOT_DOMAIN: "https://x.example/api" })[0]).toMatch(
      /TEAMS_BOT_DOMAIN/,
    );
    expect(() => loadConfig({ TEAMS_APP_ID: APP_ID })).toThrow(
      /Invalid configuration:\n- TEAMS_APP_PASSWORD/,
    );
  });
});
