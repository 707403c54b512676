import type { TurnContext } from "botbuilder";
import { misspeltCommandText, runChatCommand } from "../../commands/index.ts";
import { t } from "../i18n/index.ts";
import { isRecord } from "./action-data.ts";
import { cardActivity, teamsInteractionKey } from "./activities.ts";
import { handleActionSubmit } from "./card-actions.ts";
import { baseConversationId, rememberConversation } from "./conversations.ts";
import { helpMessage } from "./help.ts";
import { teamsUserOrAnswer } from "./identify-user.ts";
import { parseCommandText } from "./parse-command.ts";
import type { TeamsDeps } from "./types.ts";

/**
 * A message to the bot: a command typed in a personal chat, or an @mention in a channel or group chat
 * (Teams only delivers channel messages that mention the bot). An `Action.Submit` click also arrives
 * as a message, with a value and no text.
 */
export async function handleMessage(context: TurnContext, deps: TeamsDeps): Promise<void> {
  const { activity } = context;
  // Every message refreshes the stored reference: the service URL can move, and a channel where the
  // bot was mentioned becomes a place digests can go.
  await rememberConversation(context, deps.services);
  if (!activity.text?.trim() && isRecord(activity.value)) return handleActionSubmit(context, deps);

  const parsed = parseCommandText(activity.text);
  const user = await teamsUserOrAnswer(context, deps, async (text) => {
    await context.sendActivity({ type: "message", text });
  });
  if (!user) return;
  const locale = user.locale;
  const message =
    parsed.kind === "command"
      ? await runChatCommand(parsed.name, parsed.args, {
          services: deps.services,
          user,
          locale,
          ...teamsInteractionKey(context),
          // The conversation the command was typed in: `klant-digest aan` subscribes this channel
          // (the channel itself, not the thread the command was typed in: digests start new posts).
          ...(activity.conversation?.id
            ? {
                conversation: {
                  platform: "TEAMS" as const,
                  channelId: baseConversationId(activity.conversation.id),
                },
              }
            : {}),
        })
      : helpMessage(
          locale,
          parsed.kind === "unknown"
            ? (misspeltCommandText(parsed.text, locale) ??
                t(locale, "teams.unknownText", { text: parsed.text }))
            : undefined,
          user,
        );
  deps.services.log.info(
    {
      command: parsed.kind === "command" ? parsed.name : parsed.kind,
      userId: user.id,
      scope: activity.conversation?.conversationType,
    },
    "Teams command",
  );
  await context.sendActivity(cardActivity(message, locale));
}
