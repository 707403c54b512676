import { TeamsInfo, type TurnContext } from "botbuilder";
import type { ServiceContext } from "../services/context.ts";
import { resolveChatUser } from "../services/resolve-user.ts";
import type { ChatUser } from "../views/chat.ts";
import { type ChatFailure, chatFailureText } from "../views/chat-failure.ts";
import { activityLocale, type TeamsDeps } from "./types.ts";

/**
 * The internal user behind a Teams activity: by the stored AAD object id, else by the e-mail address
 * Teams knows for the member (looked up once, then the id is remembered). Null means unknown.
 * The activity's locale (the Teams client language) becomes the user's language when we speak it.
 */
export async function identifyUser(context: TurnContext, services: ServiceContext): Promise<ChatUser | null> {
  const from = context.activity.from;
  // The AAD object id is the same for every bot in the tenant; `from.id` (29:…) is per bot. The
  // Emulator sends no AAD id, so fall back to its user id there.
  const platformUserId = from?.aadObjectId ?? from?.id;
  if (!platformUserId) return null;
  return resolveChatUser({
    ctx: services,
    platform: "TEAMS",
    platformUserId,
    platformLocale: context.activity.locale,
    lookupEmail: async () => {
      try {
        const member = await TeamsInfo.getMember(context, from.id);
        return member.email ?? member.userPrincipalName ?? null;
      } catch (error) {
        services.log.warn(
          { err: error, conversationId: context.activity.conversation?.id },
          "Teams member lookup failed",
        );
        return null;
      }
    },
  });
}

/**
 * The user behind a message or a click, or null after answering why not through `answer` (a reply, or
 * an invoke response): not linked to a Klantpuls account, or the lookup failed (logged). The one place
 * for the branch every Teams handler needs.
 */
export async function teamsUserOrAnswer(
  context: TurnContext,
  deps: TeamsDeps,
  answer: (text: string) => Promise<void>,
): Promise<ChatUser | null> {
  let failure: ChatFailure;
  try {
    const user = await identifyUser(context, deps.services);
    if (user) return user;
    deps.services.log.info(
      { aadObjectId: context.activity.from?.aadObjectId },
      "Teams activity from an unknown user",
    );
    failure = "unknownUser";
  } catch (error) {
    deps.services.log.error({ err: error }, "Teams: resolving the user failed");
    failure = "internalError";
  }
  await answer(chatFailureText(activityLocale(context, deps), failure));
  return null;
}
