import express from "express";
import { isDatabaseUnavailable } from "../db/client.ts";
import { pingDatabase } from "../db/queries/maintenance.ts";
import type { ServiceContext } from "../services/context.ts";
import { createIngestRouter } from "./ingest-route.ts";
import { createLegalRouter } from "./legal-pages.ts";

/**
 * The bot's one HTTP server. Platform layers mount their routes on it (Slack's receiver at
 * /slack/events, Teams at /api/messages, ingestion at /api/ingest/:kind); this file only adds what
 * they share: a health check and a last-resort error handler that never leaks a stack trace.
 */
export function createHttpApp(
  ctx: ServiceContext,
  options: { healthTimeoutMs?: number | undefined } = {},
): express.Express {
  const healthTimeoutMs = options.healthTimeoutMs ?? DEFAULT_HEALTH_TIMEOUT_MS;
  const app = express();
  app.disable("x-powered-by");
  app.get("/healthz", async (_req, res) => {
    try {
      await withDeadline(pingDatabase(ctx.db.sql), healthTimeoutMs);
      res.json({ ok: true, database: ctx.db.kind });
    } catch (error) {
      ctx.log.error({ err: error }, "health check failed");
      res.status(503).json({ ok: false, error: "database unavailable" });
    }
  });
  app.use(createLegalRouter());
  app.use(createIngestRouter(ctx));
  return app;
}

/** A load balancer gives up after a few seconds; /healthz must answer before that, also when the database hangs. */
const DEFAULT_HEALTH_TIMEOUT_MS = 1_500;

/**
 * The work's result, or a rejection once `ms` have passed. The work itself is not cancelled (the
 * database's own timeouts end it); the caller just stops waiting.
 */
function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from the database within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** Registered last: unknown routes get a 404 and errors a short JSON body, with the detail in the log. */
export function finishHttpApp(app: express.Express, ctx: ServiceContext): void {
  app.use((_req, res) => {
    res.status(404).json({ error: "not found" });
  });
  app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const status = isDatabaseUnavailable(error)
      ? 503
      : typeof (error as { status?: unknown }).status === "number"
        ? (error as { status: number }).status
        : 500;
    if (status >= 500) ctx.log.error({ err: error }, "http request failed");
    if (!res.headersSent)
      res.status(status).json({
        error:
          status === 503
            ? "database unavailable"
            : status >= 500
              ? "internal error"
              : String((error as Error).message),
      });
  });
}
