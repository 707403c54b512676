import express from "express";
import { type MessageKey, t, toLocale } from "../i18n/index.ts";

const pages = {
  "/privacy": { title: "legal.privacy.title", body: "legal.privacy.body" },
  "/terms": { title: "legal.terms.title", body: "legal.terms.body" },
} as const satisfies Record<string, { title: MessageKey; body: MessageKey }>;

/**
 * The privacy statement and terms of use, served by the bot itself so the Teams manifest's
 * `privacyUrl` and `termsOfUseUrl` (https://<bot domain>/privacy, /terms) always lead somewhere.
 * Language: `?lang=en` (or fr), else the browser's Accept-Language, else Dutch.
 */
export function createLegalRouter(): express.Router {
  const router = express.Router();
  for (const [path, keys] of Object.entries(pages)) {
    router.get(path, (req, res) => {
      const lang =
        typeof req.query.lang === "string" ? req.query.lang : req.acceptsLanguages("nl", "en", "fr");
      const locale = toLocale(lang || undefined);
      const title = escapeHtml(t(locale, keys.title));
      const body = escapeHtml(t(locale, keys.body));
      res
        .type("html")
        .send(
          `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${title}</title></head>` +
            `<body><h1>${title}</h1><p>${body}</p></body></html>`,
        );
    });
  }
  return router;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
