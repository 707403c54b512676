import { randomBytes } from "node:crypto";
import type { BotAnswer, BotTransport } from "./local-slack-transport.ts";
import type { ShownMessage, ShownView, SlackWorkspace } from "./local-slack-workspace.ts";

/**
 * The client side of the local Slack: what a person does in Slack (a slash command, a click, a modal
 * submitted, the Home tab opened) as the request Slack would send the bot, with trigger ids and
 * response_urls from the workspace.
 */

/** Sends one request to the bot and returns its ack (LocalSlack times and parses it). */
export type SendToBot = (request: Parameters<BotTransport>[0]) => Promise<BotAnswer>;

/** `/klant-health acme` typed in a channel: a signed, form-encoded slash command. */
export async function slashCommand(
  slack: SlackWorkspace,
  toBot: SendToBot,
  options: {
    command: string;
    text: string;
    userId: string;
    channelId?: string;
  },
): Promise<BotAnswer & { responseUrl: string; triggerId: string }> {
  const channel = options.channelId ?? "C0SALES";
  const responseUrl = slack.newResponseUrl({ channel, userId: options.userId });
  const triggerId = slack.newTrigger(options.userId);
  const user = slack.users.get(options.userId);
  const fields: Record<string, string> = {
    token: "local-verification-token",
    team_id: slack.teamId,
    team_domain: "klantpuls-local",
    channel_id: channel,
    channel_name: channel === "C0SALES" ? "sales" : channel.toLowerCase(),
    user_id: options.userId,
    user_name: user?.name ?? options.userId,
    command: options.command.startsWith("/") ? options.command : `/${options.command}`,
    text: options.text,
    api_app_id: "A0KLANTPULS",
    is_enterprise_install: "false",
    response_url: responseUrl,
    trigger_id: triggerId,
  };
  const rawBody = new URLSearchParams(fields).toString();
  const answer = await toBot({
    payloadType: "slash_commands",
    payload: fields,
    rawBody,
    contentType: "application/x-www-form-urlencoded",
  });
  return { ...answer, responseUrl, triggerId };
}

/** Buttons on a message or view, in display order, as the demo console numbers them. */
export function buttons(
  source: ShownMessage | ShownView,
): Array<{ actionId: string; blockId: string; text: string; value: string }> {
  const blocks = "ts" in source ? source.blocks : ((source.view.blocks as unknown[]) ?? []);
  const found: Array<{ actionId: string; blockId: string; text: string; value: string }> = [];
  blocks.forEach((block, index) => {
    const b = block as { type: string; block_id?: string; elements?: unknown[] };
    if (b.type !== "actions") return;
    for (const element of b.elements ?? []) {
      const e = element as { type: string; action_id: string; text: { text: string }; value?: string };
      if (e.type !== "button") continue;
      found.push({
        actionId: e.action_id,
        blockId: b.block_id ?? `b${index}`,
        text: e.text.text,
        value: e.value ?? "",
      });
    }
  });
  return found;
}

/** A click on a button of a message or of a view (home tab, modal): a signed `block_actions`. */
export async function click(
  slack: SlackWorkspace,
  toBot: SendToBot,
  options: {
    userId: string;
    source: ShownMessage | ShownView;
    /** Action id ("customer.open:1"), a neutral id (first such button), or the position in `buttons()`. */
    button: string | number;
  },
): Promise<BotAnswer & { triggerId: string }> {
  const all = buttons(options.source);
  const button =
    typeof options.button === "number"
      ? all[options.button]
      : all.find(
          (candidate) =>
            candidate.actionId === options.button || candidate.actionId.startsWith(`${options.button}:`),
        );
  if (!button) throw new Error(`No button ${String(options.button)} on this message or view`);
  const triggerId = slack.newTrigger(options.userId);
  const user = {
    id: options.userId,
    username: slack.users.get(options.userId)?.name ?? options.userId,
    team_id: slack.teamId,
  };
  const action = {
    type: "button",
    action_id: button.actionId,
    block_id: button.blockId,
    text: { type: "plain_text", text: button.text, emoji: true },
    value: button.value,
    action_ts: `${Date.now() / 1000}`,
  };
  // What every block_actions payload carries; the container differs for a message and for a view.
  const common = {
    type: "block_actions",
    user,
    api_app_id: "A0KLANTPULS",
    token: "local-verification-token",
    trigger_id: triggerId,
    team: { id: slack.teamId, domain: "klantpuls-local" },
    actions: [action],
  };
  let payload: Record<string, unknown>;
  if ("ts" in options.source) {
    const message = options.source;
    payload = {
      ...common,
      container: {
        type: "message",
        message_ts: message.ts,
        channel_id: message.channel,
        is_ephemeral: message.ephemeral,
      },
      channel: { id: message.channel, name: message.channel.toLowerCase() },
      // Slack leaves `message` out for ephemeral messages.
      ...(message.ephemeral
        ? {}
        : { message: { ts: message.ts, text: message.text, blocks: message.blocks } }),
      response_url: slack.newResponseUrl({
        channel: message.channel,
        userId: options.userId,
        sourceTs: message.ts,
      }),
    };
  } else {
    const view = options.source;
    payload = {
      ...common,
      container: { type: "view", view_id: view.id },
      view: { ...view.view, id: view.id, team_id: slack.teamId },
    };
  }
  const answer = await sendInteractive(toBot, payload);
  return { ...answer, triggerId };
}

/** Submit a modal with the given values by block id (a select's value or a text input's text). */
export async function submitView(
  slack: SlackWorkspace,
  toBot: SendToBot,
  options: {
    userId: string;
    viewId: string;
    values: Record<string, string | undefined>;
  },
): Promise<BotAnswer> {
  const shown = slack.views.get(options.viewId);
  if (!shown) throw new Error(`No view ${options.viewId}`);
  const state: Record<string, Record<string, unknown>> = {};
  for (const block of (shown.view.blocks as Array<Record<string, unknown>>) ?? []) {
    if (block.type !== "input") continue;
    const element = block.element as {
      type: string;
      action_id: string;
      options?: Array<{ text: unknown; value: string }>;
    };
    const blockId = String(block.block_id);
    const raw = options.values[blockId];
    if (element.type === "static_select") {
      const option = element.options?.find((candidate) => candidate.value === raw);
      state[blockId] = { [element.action_id]: { type: "static_select", selected_option: option ?? null } };
    } else {
      state[blockId] = { [element.action_id]: { type: element.type, value: raw ?? null } };
    }
  }
  const payload = {
    type: "view_submission",
    team: { id: slack.teamId, domain: "klantpuls-local" },
    user: {
      id: options.userId,
      username: slack.users.get(options.userId)?.name ?? options.userId,
      team_id: slack.teamId,
    },
    api_app_id: "A0KLANTPULS",
    token: "local-verification-token",
    trigger_id: slack.newTrigger(options.userId),
    view: {
      ...shown.view,
      id: options.viewId,
      team_id: slack.teamId,
      state: { values: state },
      hash: `h${shown.version}`,
    },
    response_urls: [],
  };
  const answer = await sendInteractive(toBot, payload);
  const body = answer.body as { response_action?: string } | undefined;
  // An empty ack closes the modal; `response_action: "errors"` keeps it open.
  if (answer.status === 200 && !body?.response_action) shown.closed = true;
  return answer;
}

/** The user opens the bot's Home tab: an `app_home_opened` event (optionally as Slack's retry). */
export async function openHome(
  slack: SlackWorkspace,
  toBot: SendToBot,
  options: {
    userId: string;
    eventId?: string;
    retryNum?: number;
  },
): Promise<BotAnswer & { eventId: string }> {
  const eventId = options.eventId ?? `Ev${randomBytes(6).toString("hex").toUpperCase()}`;
  const payload = {
    token: "local-verification-token",
    team_id: slack.teamId,
    api_app_id: "A0KLANTPULS",
    event: {
      type: "app_home_opened",
      user: options.userId,
      channel: `D${options.userId.slice(1)}`,
      tab: "home",
      event_ts: `${Date.now() / 1000}`,
    },
    type: "event_callback",
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      { team_id: slack.teamId, user_id: slack.botUserId, is_bot: true, is_enterprise_install: false },
    ],
  };
  const answer = await toBot({
    payloadType: "events_api",
    payload,
    rawBody: JSON.stringify(payload),
    contentType: "application/json",
    ...(options.retryNum !== undefined ? { retryNum: options.retryNum } : {}),
  });
  return { ...answer, eventId };
}

function sendInteractive(toBot: SendToBot, payload: Record<string, unknown>): Promise<BotAnswer> {
  return toBot({
    payloadType: "interactive",
    payload,
    rawBody: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    contentType: "application/x-www-form-urlencoded",
  });
}
