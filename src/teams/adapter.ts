import { AsyncLocalStorage } from "node:async_hooks";
import { format } from "node:util";
import { TeamsAdapter } from "@microsoft/teams-ai";
import { type Activity, StatusCodes } from "botbuilder";
import { AuthenticationError } from "botframework-connector";
import type { TeamsConfig } from "../config/teams.ts";
import type { Logger } from "../logger.ts";
import { botFrameworkAuthOptions } from "./bot-auth.ts";

/** Errors jsonwebtoken throws for a token it cannot trust (a bad signature, not valid yet). */
const TOKEN_ERRORS = new Set(["JsonWebTokenError", "NotBeforeError", "TokenExpiredError"]);

/** Why a request to /api/messages is refused before any bot logic runs. */
export interface AuthRefusal {
  /** 401: the token is missing or not trusted. 503: the identity metadata could not be fetched. */
  status: 401 | 503;
  reason: string;
}

/**
 * teams-ai's CloudAdapter, configured from our settings. Bot Framework does all token checks; this
 * class only decides how a failure is answered. botbuilder's own `process` answers a failed check
 * with the error's message in the body (for an unreachable metadata endpoint: a 500 naming the host
 * and the DNS error) and writes the stack trace to the console. So the request is authenticated here
 * first (`refusal`), the refusal answered without detail and logged once through our JSON logger;
 * only an accepted request reaches `process` (which checks again, against the cached keys).
 */
export class KlantpulsTeamsAdapter extends TeamsAdapter {
  constructor(config: TeamsConfig) {
    super(botFrameworkAuthOptions(config), config.overrides?.credentialsFactory);
    const auth = this.botFrameworkAuthentication;
    const authenticateRequest = auth.authenticateRequest.bind(auth);
    auth.authenticateRequest = async (activity, authHeader) => {
      try {
        return await authenticateRequest(activity, authHeader);
      } catch (error) {
        // A token signed with an unknown key: jsonwebtoken's own error, an authentication failure like the others.
        if (error instanceof Error && TOKEN_ERRORS.has(error.name)) {
          throw new AuthenticationError(`Unauthorized: ${error.message}`, StatusCodes.UNAUTHORIZED);
        }
        throw error;
      }
    };
  }

  /** Null when the request may be processed; otherwise how to refuse it. Never throws. */
  async refusal(activity: Activity, authHeader: string, log: Logger): Promise<AuthRefusal | null> {
    routeBotbuilderConsoleOnce();
    try {
      await authConsole.run(log, () =>
        this.botFrameworkAuthentication.authenticateRequest(activity, authHeader),
      );
      return null;
    } catch (error) {
      return classifyAuthFailure(error);
    }
  }
}

/**
 * A refused token is a 401. Anything else — the OpenID metadata or its signing keys unreachable (DNS,
 * connection refused, a 5xx: botbuilder reports those as AuthenticationError 500) — means we cannot
 * tell, which is our problem, not the caller's: 503, so the Bot Connector retries later.
 */
export function classifyAuthFailure(error: unknown): AuthRefusal {
  const message = error instanceof Error ? error.message : String(error);
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  if (error instanceof AuthenticationError && status === StatusCodes.UNAUTHORIZED) {
    return { status: 401, reason: message };
  }
  if (error instanceof Error && TOKEN_ERRORS.has(error.name)) return { status: 401, reason: message };
  return { status: 503, reason: message };
}

/**
 * Logs refusals as one JSON line each, without a stack trace; an identity-metadata outage is logged
 * once as an error when it starts (and once when it ends), not once per request.
 */
export function refusalLogger(log: Logger) {
  let outage = false;
  let refusedDuringOutage = 0;
  return {
    refused(refusal: AuthRefusal, context: { serviceUrl?: string | undefined }) {
      if (refusal.status === 401) {
        log.warn(
          { status: 401, reason: refusal.reason, serviceUrl: context.serviceUrl },
          "Teams request refused",
        );
        return;
      }
      refusedDuringOutage += 1;
      if (outage) return;
      outage = true;
      log.error(
        { status: 503, reason: refusal.reason },
        "Teams: cannot fetch the Bot Framework identity metadata; refusing requests with 503 until it answers",
      );
    },
    accepted() {
      if (!outage) return;
      log.info({ refused: refusedDuringOutage }, "Teams: identity metadata reachable again");
      outage = false;
      refusedDuringOutage = 0;
    },
  };
}

/**
 * botframework-connector writes what it finds wrong with a token straight to the console (multi-line:
 * the PEM keys it tried, a TokenExpiredError's stack) on every refused request. During our
 * authentication check those writes go to our JSON logger at debug level instead, first line only;
 * console output anywhere else is left alone. Hand-rolled because the library offers no logger hook.
 */
const authConsole = new AsyncLocalStorage<Logger>();
let consoleRouted = false;

function routeBotbuilderConsoleOnce(): void {
  if (consoleRouted) return;
  consoleRouted = true;
  for (const level of ["error", "warn", "log"] as const) {
    const original = console[level];
    console[level] = (...args: unknown[]) => {
      const log = authConsole.getStore();
      if (!log) {
        original.apply(console, args);
        return;
      }
      const first = format(...args).split("\n", 1)[0] ?? "";
      log.debug({ detail: first.slice(0, 300) }, "Teams: botbuilder authentication detail");
    };
  }
}
