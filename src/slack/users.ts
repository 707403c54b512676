import type { WebClient } from "@slack/web-api";
import type { ChatUser } from "../../commands/types.ts";
import type { ServiceContext } from "../services/context.ts";
import { resolveChatUser } from "../services/resolve-user.ts";

/**
 * The internal user behind a Slack user: by stored Slack id, else by the e-mail Slack knows
 * (`users.info`, needs `users:read.email`), else null (the caller answers "unknown user").
 */
export async function slackChatUser(
  ctx: ServiceContext,
  client: WebClient,
  slackUserId: string,
): Promise<ChatUser | null> {
  return resolveChatUser({
    ctx,
    platform: "slack",
    platformUserId: slackUserId,
    lookupEmail: async () => {
      try {
        const info = await client.users.info({ user: slackUserId });
        return info.user?.profile?.email ?? null;
      } catch (error) {
        ctx.log.warn({ err: error, slackUserId }, "slack users.info failed; treating the user as unknown");
        return null;
      }
    },
  });
}
