import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A stand-in for the Bot Connector service that Teams' `serviceUrl` points at. It records what the
 * bot sends (replies, updates, proactive posts), answers member look-ups from a table the test fills,
 * and — for the authentication tests — serves an OpenID document and signing keys.
 */
export interface RecordedCall {
  kind: "reply" | "post" | "update" | "member";
  method: string;
  path: string;
  conversationId: string;
  /** The activity replied to (reply) or updated (update). */
  activityId?: string;
  body: Record<string, unknown>;
  authorization: string | undefined;
}

export interface MemberInfo {
  id: string;
  name?: string;
  aadObjectId?: string;
  email?: string;
  userPrincipalName?: string;
}

export interface StandInConnector {
  url: string;
  /** Everything received, in order. */
  calls: RecordedCall[];
  /** Replies and new posts (proactive or shared), in order. */
  sent(): RecordedCall[];
  updates(): RecordedCall[];
  setMember(member: MemberInfo): void;
  /** OpenID metadata URL for ToBotFromChannelOpenIdMetadataUrl (auth tests). */
  openIdUrl: string;
  setKeys(keys: Record<string, unknown>[]): void;
  clear(): void;
  close(): Promise<void>;
}

export async function startStandInConnector(): Promise<StandInConnector> {
  const calls: RecordedCall[] = [];
  const members = new Map<string, MemberInfo>();
  let keys: Record<string, unknown>[] = [];
  let nextId = 1;
  let baseUrl = "";

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.method === "GET" && url.pathname === "/openid") {
      return send(200, {
        issuer: "https://api.botframework.com",
        jwks_uri: `${baseUrl}/keys`,
        id_token_signing_alg_values_supported: ["RS256"],
        token_endpoint_auth_methods_supported: ["private_key_jwt"],
      });
    }
    if (req.method === "GET" && url.pathname === "/keys") return send(200, { keys });

    // /v3/conversations/{conversationId}/activities[/{activityId}] and /members/{userId}
    const parts = url.pathname.split("/").map((part) => decodeURIComponent(part));
    if (parts[1] !== "v3" || parts[2] !== "conversations" || !parts[3])
      return send(404, { error: "not found" });
    const conversationId = parts[3];
    const body = req.method === "GET" ? {} : await readJson(req);
    const authorization = req.headers.authorization;
    if (parts[4] === "members" && parts[5] && req.method === "GET") {
      calls.push({ kind: "member", method: "GET", path: url.pathname, conversationId, body, authorization });
      const member = members.get(parts[5]);
      if (!member)
        return send(404, { error: { code: "MemberNotFoundInConversation", message: "member not found" } });
      return send(200, { ...member, givenName: member.name, surname: "", tenantId: "tenant" });
    }
    if (parts[4] !== "activities") return send(404, { error: "not found" });
    const activityId = parts[5];
    if (req.method === "POST") {
      calls.push({
        kind: activityId ? "reply" : "post",
        method: "POST",
        path: url.pathname,
        conversationId,
        ...(activityId ? { activityId } : {}),
        body,
        authorization,
      });
      return send(201, { id: `sent-${nextId++}` });
    }
    if (req.method === "PUT" && activityId) {
      calls.push({
        kind: "update",
        method: "PUT",
        path: url.pathname,
        conversationId,
        activityId,
        body,
        authorization,
      });
      return send(200, { id: activityId });
    }
    return send(405, { error: "method not allowed" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: baseUrl,
    calls,
    sent: () => calls.filter((call) => call.kind === "reply" || call.kind === "post"),
    updates: () => calls.filter((call) => call.kind === "update"),
    setMember: (member) => members.set(member.id, member),
    openIdUrl: `${baseUrl}/openid`,
    setKeys: (next) => {
      keys = next;
    },
    clear: () => {
      calls.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}
