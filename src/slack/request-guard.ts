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
