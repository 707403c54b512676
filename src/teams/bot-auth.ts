import type { ConfigurationBotFrameworkAuthenticationOptions } from "botbuilder";
import type { TeamsConfig } from "../config/teams.ts";

/** The settings botbuilder's ConfigurationBotFrameworkAuthentication reads, from our config. */
export function botFrameworkAuthOptions(config: TeamsConfig): ConfigurationBotFrameworkAuthenticationOptions {
  const { auth } = config;
  const base: ConfigurationBotFrameworkAuthenticationOptions =
    auth.kind === "local"
      ? {}
      : {
          MicrosoftAppId: auth.appId,
          MicrosoftAppType: auth.appType,
          ...(auth.tenantId ? { MicrosoftAppTenantId: auth.tenantId } : {}),
          ...(auth.credential.kind === "password" ? { MicrosoftAppPassword: auth.credential.password } : {}),
          ...(auth.credential.kind === "certificate"
            ? {
                CertificateThumbprint: auth.credential.thumbprint,
                CertificatePrivateKey: auth.credential.privateKey,
              }
            : {}),
        };
  return { ...base, ...(config.overrides?.botFrameworkAuth ?? {}) };
}

/** The bot's app id, or "" in local mode (botbuilder's convention for "no authentication"). */
export function botAppId(config: TeamsConfig): string {
  return config.auth.kind === "botFramework" ? config.auth.appId : "";
}
