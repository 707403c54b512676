import { type Activity, type ConversationReference, TurnContext } from "botbuilder";
import type { ServiceContext } from "../services/context.ts";
import {
  removeTeamsConversations,
  saveTeamsConversation,
  type TeamsConversation,
  type TeamsConversationKind,
} from "../services/teams-conversation-refs.ts";

interface TeamsChannelData {
  eventType?: string;
  team?: { id?: string };
  channel?: { id?: string };
  tenant?: { id?: string };
}

export function channelData(activity: Partial<Activity>): TeamsChannelData {
  return (activity.channelData ?? {}) as TeamsChannelData;
}

/**
 * A channel message's conversation id names its thread (`19:…@thread.tacv2;messageid=123`). Proactive
 * posts belong at the top of the channel, so the thread part is dropped.
 */
export function baseConversationId(conversationId: string): string {
  return conversationId.split(";messageid=")[0] ?? conversationId;
}

function conversationKind(activity: Partial<Activity>): TeamsConversationKind {
  const type = activity.conversation?.conversationType;
  if (type === "channel") return "channel";
  if (type === "groupChat") return "groupChat";
  return "personal";
}

/** The stored form of the conversation an activity came from. */
export function conversationFromActivity(activity: Partial<Activity>): TeamsConversation | null {
  if (!activity.conversation?.id || !activity.serviceUrl) return null;
  const kind = conversationKind(activity);
  const conversationId = baseConversationId(activity.conversation.id);
  const reference: Partial<ConversationReference> = TurnContext.getConversationReference(activity);
  // Without activityId a proactive send starts a new message instead of replying in a thread; the
  // user and their language only belong in a personal chat's reference.
  delete reference.activityId;
  if (kind !== "personal") {
    delete reference.user;
    delete reference.locale;
  }
  reference.conversation = { ...activity.conversation, id: conversationId };
  const data = channelData(activity);
  return {
    conversationId,
    kind,
    tenantId: activity.conversation.tenantId ?? data.tenant?.id ?? null,
    teamId: data.team?.id ?? null,
    aadObjectId: kind === "personal" ? (activity.from?.aadObjectId ?? null) : null,
    serviceUrl: activity.serviceUrl,
    reference,
  };
}

export async function rememberConversation(context: TurnContext, services: ServiceContext): Promise<void> {
  const conversation = conversationFromActivity(context.activity);
  if (conversation) await saveTeamsConversation({ ctx: services, conversation });
}

/** After an uninstall: a team takes all its channels with it, a chat only itself. */
export async function forgetConversation(context: TurnContext, services: ServiceContext): Promise<number> {
  const activity = context.activity;
  const teamId = channelData(activity).team?.id;
  const removed = await removeTeamsConversations({
    ctx: services,
    ...(teamId ? { teamId } : {}),
    conversationId: baseConversationId(activity.conversation.id),
  });
  services.log.info(
    { conversationId: activity.conversation.id, teamId, removed },
    "Teams conversation removed",
  );
  return removed;
}
