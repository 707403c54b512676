import type { IncomingMessage, ServerResponse } from "node:http";

/** The plumbing of the stand-in's HTTP server: reading request bodies and answering JSON. */

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export function send(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader("content-type", "application/json; charset=utf-8");
  res.end(JSON.stringify(body));
}

export function parseJson(raw: string): Record<string, unknown> {
  try {
    const value = JSON.parse(raw) as unknown;
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** WebClient sends form-encoded bodies with `blocks`/`view` as JSON strings. */
export function parseApiBody(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.includes("application/json")) return parseJson(raw);
  const body: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    if (
      (key === "blocks" || key === "view" || key === "attachments" || key === "metadata") &&
      /^[[{]/.test(value)
    ) {
      try {
        body[key] = JSON.parse(value);
        continue;
      } catch {
        // Keep the raw string; the limits check reports it.
      }
    }
    body[key] = value;
  }
  return body;
}
