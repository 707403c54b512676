import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";

/**
 * `fetch` for answers a person is waiting for (response_url, the interactive Web API client): a
 * connection reset is retried once, on a NEW connection. Right after a restart (ours, a proxy's or
 * Slack's edge) the pooled keep-alive socket can be dead; the first write then fails with ECONNRESET
 * or "other side closed", and a second try through the same pool may pick another dead socket. The
 * retry therefore goes through node:http with `agent: false` (one fresh socket, closed afterwards):
 * Node's global fetch offers no public way to ask for a fresh connection without adding undici.
 * Only resets are retried: a timeout or an HTTP error is answered as it is.
 */
const RESET_CODES = new Set(["ECONNRESET", "EPIPE", "ECONNABORTED", "UND_ERR_SOCKET", "UND_ERR_CLOSED"]);

export function isConnectionReset(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && RESET_CODES.has(code)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

export async function fetchRetryingReset(
  input: string | URL | Request,
  init?: RequestInit,
): Promise<Response> {
  try {
    return await fetch(input, init);
  } catch (error) {
    if (!isConnectionReset(error) || init?.signal?.aborted) throw error;
    const body = bodyBytes(init?.body);
    // A body we cannot replay (a stream, multipart form data) is not retried.
    if (body === undefined) throw error;
    return fetchOnFreshConnection(String(input instanceof Request ? input.url : input), init ?? {}, body);
  }
}

function bodyBytes(body: RequestInit["body"]): Buffer | null | undefined {
  if (body === undefined || body === null) return null;
  if (typeof body === "string") return Buffer.from(body, "utf8");
  if (body instanceof URLSearchParams) return Buffer.from(body.toString(), "utf8");
  if (body instanceof Uint8Array) return Buffer.from(body);
  if (body instanceof ArrayBuffer) return Buffer.from(new Uint8Array(body));
  return undefined;
}

function fetchOnFreshConnection(url: string, init: RequestInit, body: Buffer | null): Promise<Response> {
  const target = new URL(url);
  const headers = Object.fromEntries(new Headers(init.headers).entries());
  if (body && !headers["content-type"] && typeof init.body === "string") {
    headers["content-type"] = "text/plain;charset=UTF-8";
  }
  if (body && init.body instanceof URLSearchParams && !headers["content-type"]) {
    headers["content-type"] = "application/x-www-form-urlencoded;charset=UTF-8";
  }
  if (body) headers["content-length"] = String(body.length);
  const request = target.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise<Response>((resolve, reject) => {
    const req = request(
      target,
      {
        method: init.method ?? "GET",
        headers,
        agent: false,
        ...(init.signal ? { signal: init.signal } : {}),
      },
      (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", reject);
        res.on("end", () => {
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            if (Array.isArray(value)) for (const item of value) responseHeaders.append(name, item);
            else if (value !== undefined) responseHeaders.set(name, value);
          }
          const status = res.statusCode ?? 502;
          const nullBody = status === 204 || status === 304;
          resolve(
            new Response(nullBody ? null : Buffer.concat(chunks), {
              status,
              statusText: res.statusMessage ?? "",
              headers: responseHeaders,
            }),
          );
        });
      },
    );
    req.on("error", reject);
    req.end(body ?? undefined);
  });
}
