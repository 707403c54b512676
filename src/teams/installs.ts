import type { TurnContext } from "botbuilder";
import { t } from "../i18n/index.ts";
import { removeTeamsConversations } from "../services/teams-conversation-refs.ts";
import { cardActivity } from "./activities.ts";
import { channelData, forgetConversation, rememberConversation } from "./conversations.ts";
import { identifyUser } from "./identify-user.ts";
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
    await linkInstallingUser(context, deps);
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
  else {
    await rememberConversation(context, deps.services);
    await linkInstallingUser(context, deps);
  }
}

/**
 * A personal install links the installing user to their Klantpuls account (by e-mail, as a first
 * message would). Proactive messages go to users whose Teams id is known, so without this someone
 * who installs the app but never types in it would never get their alerts or pulses. Best effort:
 * an unknown or unreachable member only means they are linked later, on their first message.
 */
async function linkInstallingUser(context: TurnContext, deps: TeamsDeps): Promise<void> {
  // Only a personal chat is one person's install; no type at all is the Emulator's personal chat.
  const scope = context.activity.conversation?.conversationType;
  if (scope === "channel" || scope === "groupChat") return;
  try {
    const user = await identifyUser(context, deps.services);
    if (!user)
      deps.services.log.info(
        { aadObjectId: context.activity.from?.aadObjectId },
        "Teams install by an unknown user",
      );
  } catch (error) {
    deps.services.log.warn({ err: error }, "could not link the Teams user who installed Klantpuls");
  }
}
