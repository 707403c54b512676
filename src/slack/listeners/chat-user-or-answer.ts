import type { WebClient } from "@slack/web-api";
import { t } from "../../i18n/index.ts";
import type { ChatUser } from "../../views/chat.ts";
import { textMessage } from "../../views/message.ts";
import { answerPrivately, type SlackSurface } from "../surface-replies.ts";
import { slackChatUser } from "../users.ts";
import type { SlackDeps } from "./types.ts";

/**
 * The Slack user behind a command or a click, or null after answering them privately why not: "not
 * linked to a Klantpuls account" for an unknown user, "something went wrong" when the lookup failed
 * (logged). One place for the branch every listener needs.
 */
export async function chatUserOrAnswer(
  deps: SlackDeps,
  client: WebClient,
  slackUserId: string,
  surface: SlackSurface,
): Promise<ChatUser | null> {
  const user = await slackChatUser(deps, client, slackUserId).catch((error: unknown) => {
    deps.log.error({ err: error }, "slack: resolving the user failed");
    return undefined;
  });
  if (user) return user;
  const key = user === null ? "common.unknownUser" : "common.internalError";
  await answerPrivately(surface, textMessage(t(deps.locale, key)));
  return null;
}
