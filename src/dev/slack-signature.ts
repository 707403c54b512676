import { createHmac } from "node:crypto";

/** Slack's request signing (v0, HMAC-SHA256): how LocalSlack signs what it sends to the bot. */

/** The `x-slack-signature` for a body, exactly as Slack computes it. */
export function slackSignature(signingSecret: string, timestamp: number, rawBody: string): string {
  return `v0=${createHmac("sha256", signingSecret).update(`v0:${timestamp}:${rawBody}`).digest("hex")}`;
}

export function signedHeaders(
  signingSecret: string,
  rawBody: string,
  contentType: string,
  timestamp = Math.floor(Date.now() / 1000),
): Record<string, string> {
  return {
    "content-type": contentType,
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": slackSignature(signingSecret, timestamp, rawBody),
  };
}
