import type { WebClient } from "@slack/web-api";
import type { ChatUser } from "../../views/chat.ts";
import { type ChatFailure, chatFailureMessage } from "../../views/chat-failure.ts";
import { answerPrivately, type SlackSurface } from "../surface-replies.ts";
import { slackChatUser } from "../users.ts";
import type { SlackDeps } from "./types.ts";

/**
 * The Slack user behind a command, a click or a form, or why there is none: "unknownUser" when the
 * Slack id is not linked to a Klantpuls account, "internalError" when the lookup failed (logged here).
 * The one place for the branch every Slack listener needs.
 */
export async function chatUserOrFailure(
  deps: SlackDeps,
  client: WebClient,
  slackUserId: string,
): Promise<ChatUser | ChatFailure> {
  try {
    return (await slackChatUser(deps, client, slackUserId)) ?? "unknownUser";
  } catch (error) {
    deps.log.error({ err: error }, "slack: resolving the user failed");
    return "internalError";
  }
}

/** As `chatUserOrFailure`, answering the failure privately on the surface; null after answering. */
export async function chatUserOrAnswer(
  deps: SlackDeps,
  client: WebClient,
  slackUserId: string,
  surface: SlackSurface,
): Promise<ChatUser | null> {
  const user = await chatUserOrFailure(deps, client, slackUserId);
  if (typeof user === "object") return user;
  await answerPrivately(surface, chatFailureMessage(deps.locale, user));
  return null;
}
