import { signedHeaders } from "./slack-signature.ts";

/** The way from LocalSlack's client side (a person typing, clicking) to the bot, and the bot's ack. */

/** How a request reaches the bot: HTTP to /slack/events by default; tests plug in Socket Mode. */
export type BotTransport = (request: {
  payloadType: "slash_commands" | "interactive" | "events_api";
  payload: Record<string, unknown>;
  /** The form- or JSON-encoded HTTP body, as Slack would send it. */
  rawBody: string;
  contentType: string;
  retryNum?: number;
}) => Promise<{ status: number; body: string }>;

export interface BotAnswer {
  status: number;
  /** The HTTP body of the ack, parsed when it is JSON. */
  body: unknown;
  ackMs: number;
}

/** A transport that POSTs signed requests to the bot's `/slack/events`. */
export function httpTransport(options: { eventsUrl: string; signingSecret: string }): BotTransport {
  return async ({ rawBody, contentType, retryNum }) => {
    const headers = signedHeaders(options.signingSecret, rawBody, contentType);
    if (retryNum !== undefined) {
      headers["x-slack-retry-num"] = String(retryNum);
      headers["x-slack-retry-reason"] = "http_timeout";
    }
    const response = await fetch(options.eventsUrl, { method: "POST", headers, body: rawBody });
    return { status: response.status, body: await response.text() };
  };
}
