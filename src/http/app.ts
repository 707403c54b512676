import express from "express";
import type { ServiceContext } from "../services/context.ts";
import { createIngestRouter } from "./ingest-route.ts";

/**
 * The bot's one HTTP server. Platform layers mount their routes on it (Slack's receiver at
 * /slack/events, Teams at /api/messages, ingestion at /api/ingest/:kind); this file only adds what
 * they share: a health check and a last-resort error handler that never leaks a stack trace.
 */
export function createHttpApp(ctx: ServiceContext): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.get("/healthz", async (_req, res) => {
    try {
      await ctx.db.sql.query("SELECT 1");
      res.json({ ok: true, database: ctx.db.kind });
    } catch (error) {
      ctx.log.error({ err: error }, "health check failed");
      res.status(503).json({ ok: false, error: "database unavailable" });
    }
  });
  app.use(createIngestRouter(ctx));
  return app;
}

/** Registered last: unknown routes get a 404 and errors a short JSON body, with the detail in the log. */
export function finishHttpApp(app: express.Express, ctx: ServiceContext): void {
  app.use((_req, res) => {
    res.status(404).json({ error: "not found" });
  });
  app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const status =
      typeof (error as { status?: unknown }).status === "number" ? (error as { status: number }).status : 500;
    if (status >= 500) ctx.log.error({ err: error }, "http request failed");
    if (!res.headersSent)
      res.status(status).json({ error: status >= 500 ? "internal error" : String((error as Error).message) });
  });
}
