/**
 * Bot Framework activities shaped as Teams sends them, and a way to post them to the bot's real
 * /api/messages endpoint.
 */
export const BOT_ID = "28:klantpuls-bot";
export const BOT_NAME = "Klantpuls";
export const TENANT_ID = "72f988bf-86f1-41af-91ab-2d7cd011db47";
export const TEAM_ID = "19:team-sales@thread.tacv2";
export const CHANNEL_ID = "19:general-sales@thread.tacv2";

export interface TeamsUser {
  /** The per-bot Teams user id (29:…). */
  id: string;
  aadObjectId: string;
  name: string;
}

let sequence = 0;

function base(
  serviceUrl: string,
  user: TeamsUser,
  conversation: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) {
  sequence += 1;
  return {
    id: `incoming-${sequence}`,
    timestamp: new Date().toISOString(),
    channelId: "msteams",
    serviceUrl,
    from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
    recipient: { id: BOT_ID, name: BOT_NAME },
    conversation,
    locale: "nl-NL",
    ...extra,
  };
}

export function personalConversation(user: TeamsUser) {
  return { conversationType: "personal", tenantId: TENANT_ID, id: `a:personal-${user.aadObjectId}` };
}

function teamChannelData(channelId = CHANNEL_ID) {
  return {
    tenant: { id: TENANT_ID },
    team: { id: TEAM_ID, name: "Sales" },
    channel: { id: channelId, name: "General" },
  };
}

/** A message typed in the personal chat with the bot. */
export function personalMessage(serviceUrl: string, user: TeamsUser, text: string) {
  return base(serviceUrl, user, personalConversation(user), {
    type: "message",
    text,
    textFormat: "plain",
    channelData: { tenant: { id: TENANT_ID } },
  });
}

/** A channel post that @mentions the bot; Teams puts the mention in the text and in an entity. */
export function channelMention(
  serviceUrl: string,
  user: TeamsUser,
  text: string,
  threadId = "1700000000000",
) {
  const mention = `<at>${BOT_NAME}</at>`;
  return base(
    serviceUrl,
    user,
    {
      conversationType: "channel",
      isGroup: true,
      tenantId: TENANT_ID,
      id: `${CHANNEL_ID};messageid=${threadId}`,
    },
    {
      type: "message",
      text: `${mention} ${text}`,
      textFormat: "plain",
      entities: [{ type: "mention", text: mention, mentioned: { id: BOT_ID, name: BOT_NAME } }],
      channelData: teamChannelData(),
    },
  );
}

/** A click on an Action.Execute button (Universal Actions). */
export function actionExecute(
  serviceUrl: string,
  user: TeamsUser,
  options: {
    verb: string;
    data: Record<string, unknown>;
    replyToId: string;
    conversation?: Record<string, unknown>;
  },
) {
  return base(serviceUrl, user, options.conversation ?? personalConversation(user), {
    type: "invoke",
    name: "adaptiveCard/action",
    replyToId: options.replyToId,
    value: { action: { type: "Action.Execute", verb: options.verb, data: options.data }, trigger: "manual" },
    channelData: { tenant: { id: TENANT_ID }, source: { name: "message" } },
  });
}

/** A click on an older Action.Submit button: a message with a value and no text. */
export function actionSubmit(
  serviceUrl: string,
  user: TeamsUser,
  value: Record<string, unknown>,
  replyToId: string,
) {
  return base(serviceUrl, user, personalConversation(user), {
    type: "message",
    replyToId,
    value,
    channelData: { tenant: { id: TENANT_ID } },
  });
}

/** The app installed in a personal chat: Teams sends conversationUpdate (bot added) and installationUpdate. */
export function personalInstall(serviceUrl: string, user: TeamsUser) {
  return [
    base(serviceUrl, user, personalConversation(user), {
      type: "conversationUpdate",
      membersAdded: [{ id: BOT_ID }],
      channelData: { tenant: { id: TENANT_ID } },
    }),
    base(serviceUrl, user, personalConversation(user), {
      type: "installationUpdate",
      action: "add",
      channelData: { tenant: { id: TENANT_ID } },
    }),
  ];
}

export function personalUninstall(serviceUrl: string, user: TeamsUser) {
  return base(serviceUrl, user, personalConversation(user), {
    type: "installationUpdate",
    action: "remove",
    channelData: { tenant: { id: TENANT_ID } },
  });
}

/** The app added to a team: the conversation is the team's General channel. */
export function teamInstall(serviceUrl: string, user: TeamsUser) {
  return base(
    serviceUrl,
    user,
    { conversationType: "channel", isGroup: true, tenantId: TENANT_ID, id: CHANNEL_ID },
    {
      type: "conversationUpdate",
      membersAdded: [{ id: BOT_ID }],
      channelData: { ...teamChannelData(), eventType: "teamMemberAdded" },
    },
  );
}

export function teamUninstall(serviceUrl: string, user: TeamsUser) {
  return base(
    serviceUrl,
    user,
    { conversationType: "channel", isGroup: true, tenantId: TENANT_ID, id: CHANNEL_ID },
    {
      type: "conversationUpdate",
      membersRemoved: [{ id: BOT_ID }],
      channelData: { ...teamChannelData(), eventType: "teamMemberRemoved" },
    },
  );
}

export interface PostResult {
  status: number;
  body: unknown;
}

/** POST an activity to the bot's /api/messages, as the Bot Connector does. */
export async function postActivity(botUrl: string, activity: unknown, token?: string): Promise<PostResult> {
  const response = await fetch(`${botUrl}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(activity),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON (CloudAdapter answers errors in plain text).
  }
  return { status: response.status, body };
}
