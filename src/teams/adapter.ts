import { TeamsAdapter } from "@microsoft/teams-ai";
import { StatusCodes } from "botbuilder";
import { AuthenticationError } from "botframework-connector";
import { botFrameworkAuthOptions, type TeamsConfig } from "./config.ts";

/** Errors jsonwebtoken throws for a token it cannot trust (a bad signature, not valid yet). */
const TOKEN_ERRORS = new Set(["JsonWebTokenError", "NotBeforeError", "TokenExpiredError"]);

/**
 * teams-ai's CloudAdapter, configured from our settings. Bot Framework does all token checks; this
 * class only fixes how one failure is reported: a token signed with an unknown key makes botbuilder
 * rethrow jsonwebtoken's own error, which CloudAdapter answers with 500. It is an authentication
 * failure like the others, so it becomes a 401 — before any bot logic runs, as for the other 401s.
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
        if (error instanceof Error && TOKEN_ERRORS.has(error.name)) {
          throw new AuthenticationError(`Unauthorized: ${error.message}`, StatusCodes.UNAUTHORIZED);
        }
        throw error;
      }
    };
  }
}
