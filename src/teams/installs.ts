import type { TurnContext } from "botbuilder";
import { t } from "../i18n/index.ts";
import { removeTeamsConversations } from "../services/teams-conversations.ts";
import { cardActivity } from "./activities.ts";
import { channelData, forgetConversation, rememberConversation } from "./conversations.ts";
import { activityLocale, type TeamsDeps } from "./types.ts";

/**
 * `conversationUpdate`: the bot added to a personal chat, team or group chat (store the reference,
 * say hello), the bot removed or the team deleted (forget it), a channel deleted (forget that one).
 */
export async function handleConversationUpdate(context: TurnContext, deps: TeamsDeps): Promise<void> {
  const { activity } = context;
  const botId = activity.recipient?.id;
  const event = channelData(activity).eventType;
  if (event === "teamDeleted" || activity.membersRemoved?.some((member) => member.id === botId)) {
    await forgetConversation(context, deps.services);
    return;
  }
  if (event === "channelDeleted") {
    const channelId = channelData(activity).channel?.id;
    if (channelId) await removeTeamsConversations({ ctx: deps.services, conversationId: channelId });
    return;
  }
  if (activity.membersAdded?.some((member) => member.id === botId)) {
    await rememberConversation(context, deps.services);
    deps.services.log.info(
      { conversationId: activity.conversation.id, scope: activity.conversation.conversationType },
      "Klantpuls added to a Teams conversation",
    );
    const locale = activityLocale(context, deps);
    const welcome = t(locale, "teams.welcome");
    await context.sendActivity(
      cardActivity({ text: welcome, blocks: [{ type: "text", text: welcome }] }, locale),
    );
  }
}

/** `installationUpdate`: Teams' explicit install (`add`, `add-upgrade`) and uninstall (`remove`, …). */
export async function handleInstallationUpdate(context: TurnContext, deps: TeamsDeps): Promise<void> {
  const action = String(context.activity.action ?? "");
  if (action.startsWith("remove")) await forgetConversation(context, deps.services);
  else await rememberConversation(context, deps.services);
}
