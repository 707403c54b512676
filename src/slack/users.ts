import type { WebClient } from "@slack/web-api";
import type { ServiceContext } from "../services/context.ts";
import { resolveChatUser } from "../services/resolve-user.ts";
import type { ChatUser } from "../views/chat.ts";

/** How long a Slack user's language is trusted before `users.info` is asked again. */
const PROFILE_TTL_MS = 60 * 60 * 1000;

export interface SlackProfile {
  email: string | null;
  /** Slack's language for the user ("fr-FR", "en-GB"), from `include_locale`. */
  locale: string | null;
  fetchedAt: number;
}

/** Per mounted Slack app (SlackDeps): the profiles looked up recently, so a command costs no extra Web API call. */
export type SlackProfileCache = Map<string, SlackProfile>;

/**
 * The internal user behind a Slack user: by stored Slack id, else by the e-mail Slack knows
 * (`users.info`, needs `users:read.email`), else null (the caller answers "unknown user").
 * The user's Slack language (`users.info` with `include_locale`, looked up at most once an hour)
 * becomes their Klantpuls language when it is one we speak, so alerts and pulses use it too.
 */
export async function slackChatUser(
  deps: { ctx: ServiceContext; profiles: SlackProfileCache },
  client: WebClient,
  slackUserId: string,
): Promise<ChatUser | null> {
  const { ctx } = deps;
  const profile = await slackProfile(ctx, deps.profiles, client, slackUserId);
  return resolveChatUser({
    ctx,
    platform: "SLACK",
    platformUserId: slackUserId,
    platformLocale: profile?.locale,
    lookupEmail: async () => profile?.email ?? null,
  });
}

async function slackProfile(
  ctx: ServiceContext,
  cache: SlackProfileCache,
  client: WebClient,
  slackUserId: string,
): Promise<SlackProfile | null> {
  const now = ctx.clock.now().getTime();
  const cached = cache.get(slackUserId);
  if (cached && now - cached.fetchedAt < PROFILE_TTL_MS) return cached;
  try {
    const info = await client.users.info({ user: slackUserId, include_locale: true });
    const profile: SlackProfile = {
      email: info.user?.profile?.email ?? null,
      locale: info.user?.locale ?? null,
      fetchedAt: now,
    };
    cache.set(slackUserId, profile);
    return profile;
  } catch (error) {
    ctx.log.warn({ err: error, slackUserId }, "slack users.info failed; using the stored user as it is");
    return cached ?? null;
  }
}
