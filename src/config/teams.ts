import { readFileSync } from "node:fs";
import type { ConfigurationBotFrameworkAuthenticationOptions } from "botbuilder";
import type { ServiceClientCredentialsFactory } from "botframework-connector";
import { z } from "zod";
import { configError, optionalString } from "./env.ts";

/**
 * The Teams section of the configuration. Teams is off unless a bot app id is configured (the normal,
 * authenticated case) or local mode is switched on explicitly (no app id, no authentication: only for
 * a developer's machine with the Bot Framework Emulator or the test suite).
 */
export type TeamsAppType = "SingleTenant" | "MultiTenant" | "UserAssignedMSI";

export type TeamsCredential =
  | { kind: "password"; password: string }
  | { kind: "certificate"; thumbprint: string; privateKey: string }
  /** A user-assigned managed identity: the app id is the identity's client id, no secret. */
  | { kind: "managedIdentity" };

export type TeamsAuth =
  | { kind: "local" }
  | {
      kind: "botFramework";
      appId: string;
      appType: TeamsAppType;
      tenantId?: string;
      credential: TeamsCredential;
    };

/**
 * Set from code only, never from the environment: the test suite points the token checks at a local
 * OpenID document and supplies outgoing tokens; a sovereign cloud would use the same settings.
 */
export interface TeamsOverrides {
  botFrameworkAuth?: Partial<ConfigurationBotFrameworkAuthenticationOptions>;
  credentialsFactory?: ServiceClientCredentialsFactory;
}

export interface TeamsConfig {
  auth: TeamsAuth;
  /** Public host name of the bot (validDomains in the app package), e.g. klantpuls.example.com. */
  botDomain?: string;
  /** The Teams app id in the manifest; the bot id when unset. */
  manifestId?: string;
  overrides?: TeamsOverrides;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const optionalGuid = optionalString.refine((value) => value === undefined || GUID.test(value), {
  message: "must be a GUID such as 00000000-0000-0000-0000-000000000000",
});

const flag = z
  .string()
  .trim()
  .toLowerCase()
  .optional()
  .refine((value) => value === undefined || ["", "true", "false", "1", "0", "yes", "no"].includes(value), {
    message: "must be true or false",
  })
  .transform((value) => value === "true" || value === "1" || value === "yes");

export const teamsEnvSchema = z
  .object({
    /** The Azure Bot's Microsoft App ID. Setting it switches authentication on. */
    TEAMS_APP_ID: optionalGuid,
    TEAMS_APP_PASSWORD: optionalString,
    TEAMS_APP_CERT_THUMBPRINT: optionalString,
    /** PEM file with the certificate's private key (read once at start-up). */
    TEAMS_APP_CERT_KEY_FILE: optionalString,
    TEAMS_APP_TENANT_ID: optionalGuid,
    TEAMS_APP_TYPE: z.enum(["SingleTenant", "MultiTenant", "UserAssignedMSI"]).default("SingleTenant"),
    /** Run the Teams endpoint WITHOUT authentication (no app id). Never in production. */
    TEAMS_LOCAL_MODE: flag,
    TEAMS_BOT_DOMAIN: optionalString.refine(
      (value) => value === undefined || /^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(value),
      { message: "must be a host name without scheme or path, e.g. klantpuls.example.com" },
    ),
    TEAMS_MANIFEST_ID: optionalGuid,
  })
  .superRefine((env, issue) => {
    const problem = (path: string, message: string) =>
      issue.addIssue({ code: "custom", path: [path], message });
    const hasCertificate = Boolean(env.TEAMS_APP_CERT_THUMBPRINT || env.TEAMS_APP_CERT_KEY_FILE);
    if (!env.TEAMS_APP_ID) {
      if (env.TEAMS_APP_PASSWORD || hasCertificate || env.TEAMS_APP_TENANT_ID) {
        problem("TEAMS_APP_ID", "is required when a Teams password, certificate or tenant id is set");
      }
      return;
    }
    if (env.TEAMS_LOCAL_MODE) {
      problem(
        "TEAMS_LOCAL_MODE",
        "cannot be combined with TEAMS_APP_ID: with an app id requests are always authenticated",
      );
    }
    if (env.TEAMS_APP_PASSWORD && hasCertificate) {
      problem("TEAMS_APP_PASSWORD", "set either a password or a certificate, not both");
    }
    if (hasCertificate && !(env.TEAMS_APP_CERT_THUMBPRINT && env.TEAMS_APP_CERT_KEY_FILE)) {
      problem(
        "TEAMS_APP_CERT_THUMBPRINT",
        "a certificate needs both TEAMS_APP_CERT_THUMBPRINT and TEAMS_APP_CERT_KEY_FILE",
      );
    }
    if (env.TEAMS_APP_TYPE === "UserAssignedMSI") {
      if (env.TEAMS_APP_PASSWORD || hasCertificate) {
        problem("TEAMS_APP_PASSWORD", "a managed identity (UserAssignedMSI) uses no password or certificate");
      }
    } else if (!env.TEAMS_APP_PASSWORD && !hasCertificate) {
      problem("TEAMS_APP_PASSWORD", `is required for ${env.TEAMS_APP_TYPE} (or a certificate)`);
    }
    if (env.TEAMS_APP_TYPE !== "MultiTenant" && !env.TEAMS_APP_TENANT_ID) {
      problem("TEAMS_APP_TENANT_ID", `is required for ${env.TEAMS_APP_TYPE}`);
    }
  });

export type TeamsEnv = z.infer<typeof teamsEnvSchema>;

/** Undefined when Teams is off; throws a CONFIG AppError listing every problem. */
export function loadTeamsConfig(env: NodeJS.ProcessEnv): TeamsConfig | undefined {
  const parsed = teamsEnvSchema.safeParse(env);
  if (!parsed.success) throw configError(parsed.error);
  return toTeamsConfig(parsed.data);
}

/** Build the Teams section from validated variables; undefined means Teams is off. */
export function toTeamsConfig(
  env: TeamsEnv,
  readKeyFile: (file: string) => string = (file) => readFileSync(file, "utf8"),
): TeamsConfig | undefined {
  const common = {
    ...(env.TEAMS_BOT_DOMAIN ? { botDomain: env.TEAMS_BOT_DOMAIN.toLowerCase() } : {}),
    ...(env.TEAMS_MANIFEST_ID ? { manifestId: env.TEAMS_MANIFEST_ID.toLowerCase() } : {}),
  };
  if (!env.TEAMS_APP_ID) return env.TEAMS_LOCAL_MODE ? { auth: { kind: "local" }, ...common } : undefined;
  let credential: TeamsCredential;
  if (env.TEAMS_APP_TYPE === "UserAssignedMSI") credential = { kind: "managedIdentity" };
  else if (env.TEAMS_APP_PASSWORD) credential = { kind: "password", password: env.TEAMS_APP_PASSWORD };
  else {
    credential = {
      kind: "certificate",
      thumbprint: env.TEAMS_APP_CERT_THUMBPRINT ?? "",
      privateKey: readKeyFile(env.TEAMS_APP_CERT_KEY_FILE ?? ""),
    };
  }
  return {
    auth: {
      kind: "botFramework",
      appId: env.TEAMS_APP_ID.toLowerCase(),
      appType: env.TEAMS_APP_TYPE,
      ...(env.TEAMS_APP_TENANT_ID ? { tenantId: env.TEAMS_APP_TENANT_ID.toLowerCase() } : {}),
      credential,
    },
    ...common,
  };
}
