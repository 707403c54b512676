import { createSign, generateKeyPairSync, type KeyObject } from "node:crypto";
import { MsalServiceClientCredentialsFactory } from "botframework-connector";

/**
 * Test-issued Bot Framework tokens, fully offline: an RSA key made here, published by the stand-in
 * connector as a JWKS, and tokens shaped like the ones the Bot Connector sends to a bot.
 */
export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  /** The public key as the JWKS entry the OpenID document points at. */
  jwk: Record<string, unknown>;
}

export function createSigningKey(kid: string): SigningKey {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const { n, e } = publicKey.export({ format: "jwk" });
  return { kid, privateKey, jwk: { kty: "RSA", use: "sig", kid, n, e, endorsements: ["msteams"] } };
}

export interface TokenClaims {
  appId: string;
  serviceUrl: string;
  issuer?: string;
  /** Seconds from now; negative for an expired token. */
  expiresIn?: number;
}

export function signBotToken(key: SigningKey, claims: TokenClaims, kid = key.kid): string {
  const now = Math.floor(Date.now() / 1000);
  const header = { alg: "RS256", typ: "JWT", kid };
  const payload = {
    iss: claims.issuer ?? "https://api.botframework.com",
    aud: claims.appId,
    serviceurl: claims.serviceUrl,
    nbf: now - 60,
    iat: now - 60,
    exp: now + (claims.expiresIn ?? 600),
  };
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const unsigned = `${encode(header)}.${encode(payload)}`;
  const signature = createSign("RSA-SHA256").update(unsigned).sign(key.privateKey).toString("base64url");
  return `${unsigned}.${signature}`;
}

/**
 * Outgoing tokens without a login server: MSAL only accepts real https authorities, so the
 * credentials factory gets a client that hands out a fixed token and records the scopes asked for.
 */
export function fixedTokenCredentials(appId: string, token: string) {
  const scopes: string[] = [];
  const client = {
    async acquireTokenByClientCredential(request: { scopes: string[] }) {
      scopes.push(...request.scopes);
      return { accessToken: token, expiresOn: new Date(Date.now() + 3_600_000) };
    },
  };
  const factory = new MsalServiceClientCredentialsFactory(
    appId,
    client as unknown as ConstructorParameters<typeof MsalServiceClientCredentialsFactory>[1],
  );
  return { factory, scopes };
}

/** The full group of endpoint settings: setting any one of them drops every public-cloud default. */
export function standInAuthSettings(openIdUrl: string) {
  return {
    ToBotFromChannelOpenIdMetadataUrl: openIdUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: openIdUrl,
    ToBotFromChannelTokenIssuer: "https://api.botframework.com",
    ToChannelFromBotLoginUrl: "https://login.microsoftonline.com/botframework.com",
    ToChannelFromBotOAuthScope: "https://api.botframework.com",
    OAuthUrl: "https://api.botframework.com",
    CallerId: "urn:botframework:azure",
    ValidateAuthority: true,
  };
}
