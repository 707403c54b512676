import type { IncomingMessage } from "node:http";
import { HTTPModuleFunctions, type ReceiverProcessEventErrorHandlerArgs } from "@slack/bolt";
import type { NextFunction, Request, Response } from "express";
import type { Logger } from "../logger.ts";

/**
 * Bolt refuses stale timestamps (older than 5 minutes) but accepts ones up to an hour in the future,
 * which widens the replay window. This runs before Bolt and refuses anything stamped further ahead
 * than a small clock skew. Missing or malformed headers are left to Bolt's own 401.
 */
export function refuseFutureTimestamps(options: {
  maxSkewSeconds: number;
  log: Logger;
  now?: () => number;
}): (req: Request, res: Response, next: NextFunction) => void {
  const now = options.now ?? Date.now;
  return (req, res, next) => {
    const header = req.headers["x-slack-request-timestamp"];
    const timestamp = Number(Array.isArray(header) ? header[0] : header);
    if (Number.isFinite(timestamp) && timestamp > now() / 1000 + options.maxSkewSeconds) {
      options.log.warn({ timestamp, path: req.path }, "slack request refused: timestamp in the future");
      res.status(401).send();
      return;
    }
    next();
  };
}

/**
 * Bolt's processEventErrorHandler: a correctly signed body that is not an object (`payload=null`,
 * a JSON `null` or number) makes Bolt throw on `body.type`, which its default handler answers with
 * 500. It is a malformed request: 400, logged once, nothing processed. Anything else goes to Bolt's
 * default handler.
 */
export function refuseMalformedBodies(
  log: Logger,
): (args: ReceiverProcessEventErrorHandlerArgs) => Promise<boolean> {
  return async (args) => {
    // ExpressReceiver passes the express request, whose body it has parsed.
    const body: unknown = (args.request as IncomingMessage & { body?: unknown }).body;
    if (body !== null && typeof body === "object") {
      return HTTPModuleFunctions.defaultProcessEventErrorHandler(args);
    }
    log.warn(
      { bodyType: body === null ? "null" : typeof body },
      "slack request refused: the body is not an object",
    );
    if (!args.response.headersSent) {
      args.response.writeHead(400);
      args.response.end();
    }
    return false;
  };
}
