import type { IncomingMessage } from "node:http";
import express from "express";
import { z } from "zod";
import { importKinds, isImportKind } from "../import/kinds.ts";
import { JsonBodyError, jsonArrayElements } from "../import/read-json.ts";
import { dateOrderFromText } from "../import/reading-rules.ts";
import { verifyApiToken } from "../services/api-tokens.ts";
import type { ServiceContext } from "../services/context.ts";
import { type ImportSource, importData } from "../services/import-data.ts";

/**
 * `POST /api/ingest/:kind` — the CSV import over HTTP, for ERP connectors and scheduled exports.
 * Body: CSV (any content type but JSON) or a JSON array of row objects, either streamed straight
 * into the import in bounded batches (never the whole body in memory). Same validation and
 * all-or-nothing semantics as `klantpuls import`; in a JSON row, a key that is no column of the kind
 * is that row's error.
 *   401 missing/wrong/revoked bearer token (checked before the body is read; nothing written)
 *   403 the token's scopes do not include this kind (checked before the body is read; nothing written)
 *   400 a JSON body that is not a JSON array (nothing written)
 *   413 body larger than the limit (the import's transaction is rolled back)
 *   422 the row report when rows are invalid or the file is unusable (nothing written)
 *   200 the report with counts
 * Query: `dry_run=1`, `skip_invalid=1`, `date_format=MDY` (dates month first; default: day first
 * unless the file shows otherwise).
 */
export interface IngestRouterOptions {
  /** Largest accepted body; default 50 MB. */
  maxBodyBytes?: number;
}

const DEFAULT_MAX_BODY = 50 * 1024 * 1024;

const flag = z
  .enum(["1", "0", "true", "false", "yes", "no", ""])
  .optional()
  .transform((value) => value === "1" || value === "true" || value === "yes");
const querySchema = z.object({
  dry_run: flag,
  skip_invalid: flag,
  date_format: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined) return undefined;
      const order = dateOrderFromText(value);
      if (!order) ctx.addIssue({ code: "custom", message: "date_format takes DMY or MDY" });
      return order;
    }),
});

class PayloadTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`request body larger than ${limit} bytes`);
  }
}

export function createIngestRouter(ctx: ServiceContext, options: IngestRouterOptions = {}): express.Router {
  const maxBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const router = express.Router();

  router.post("/api/ingest/:kind", async (req, res) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get("authorization") ?? "");
    const token = match ? await verifyApiToken({ ctx, token: match[1]! }) : null;
    if (!token) {
      res.set("WWW-Authenticate", 'Bearer realm="klantpuls"').set("Connection", "close");
      res.status(401).json({ error: "missing, unknown or revoked bearer token" });
      return;
    }
    const kind = String(req.params.kind);
    if (!isImportKind(kind)) {
      res
        .set("Connection", "close")
        .status(404)
        .json({ error: `unknown kind "${kind}"`, kinds: importKinds });
      return;
    }
    if (!token.scopes.includes(kind)) {
      // Refused before a byte of the body is read: a token for orders cannot write users.
      ctx.log.warn(
        { tokenName: token.name, kind, scopes: token.scopes },
        "ingest refused: kind not in the token's scopes",
      );
      res
        .set("Connection", "close")
        .status(403)
        .json({
          error: `token "${token.name}" may not write ${kind}: its scopes are ${token.scopes.join(", ")}. Create a token with --scopes ${kind} (klantpuls tokens create).`,
          scopes: token.scopes,
        });
      return;
    }
    const query = querySchema.safeParse(req.query);
    if (!query.success) {
      res.set("Connection", "close").status(400).json({
        error: "dry_run and skip_invalid take 1/0 or true/false; date_format takes DMY or MDY",
      });
      return;
    }
    const declared = Number(req.get("content-length") ?? Number.NaN);
    if (declared > maxBytes) {
      tooLarge(res, maxBytes);
      return;
    }

    const name = `api:${token.name}`;
    let source: ImportSource;
    try {
      if (req.is("application/json")) {
        source = { format: "rows", name, rows: jsonArrayElements(limited(req, maxBytes)) };
      } else {
        source = {
          format: "csv",
          name,
          bytes: limited(req, maxBytes),
          totalBytes: Number.isFinite(declared) ? declared : undefined,
        };
      }
      const report = await importData({
        ctx,
        kind,
        source,
        dryRun: query.data.dry_run,
        skipInvalid: query.data.skip_invalid,
        maxRole: token.maxRole,
        dateOrder: query.data.date_format,
      });
      const ok = report.status === "completed" || report.status === "completed_with_errors";
      res.status(ok ? 200 : 422).json(report);
    } catch (error) {
      if (error instanceof PayloadTooLarge) {
        tooLarge(res, maxBytes);
        return;
      }
      if (error instanceof JsonBodyError) {
        res.set("Connection", "close").status(400).json({ error: error.message });
        return;
      }
      throw error;
    }
  });
  return router;
}

function tooLarge(res: express.Response, limit: number): void {
  // The rest of the body is not read; closing the connection stops the client from sending it.
  res
    .set("Connection", "close")
    .status(413)
    .json({
      error: `body larger than the limit of ${limit} bytes (${(limit / 1024 / 1024).toFixed(1)} MB): nothing was imported; split the export into smaller parts`,
    });
}

async function* limited(req: IncomingMessage, limit: number): AsyncGenerator<Uint8Array> {
  let received = 0;
  for await (const chunk of req) {
    received += (chunk as Buffer).length;
    if (received > limit) throw new PayloadTooLarge(limit);
    yield chunk as Buffer;
  }
}
