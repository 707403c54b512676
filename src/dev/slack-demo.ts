import { randomBytes } from "node:crypto";
import type { SlackConfig } from "../config/slack.ts";
import { giveUsersDemoSlackIds } from "../db/queries/maintenance.ts";
import { localeTags, t, toLocale } from "../i18n/index.ts";
import type { RunningBot } from "../main.ts";
import { SLACK_EVENTS_PATH } from "../slack/app.ts";
import type { ChatUser } from "../views/chat.ts";
import type { ConsoleBackend } from "./demo-console.ts";
import { LocalSlack } from "./local-slack.ts";
import { httpTransport } from "./local-slack-transport.ts";
import { slackConsoleBackend } from "./slack-backend.ts";

const DEMO_BOT_TOKEN = "xoxb-klantpuls-local-demo";
const DEMO_CHANNEL = "C0DEMOSALES";

/** Slack's Web API and response_urls on localhost, with a fresh signing secret for this run. */
export async function startLocalSlack(): Promise<{ slack: LocalSlack; config: SlackConfig }> {
  const slack = new LocalSlack({ botToken: DEMO_BOT_TOKEN });
  await slack.start();
  return {
    slack,
    config: {
      botToken: DEMO_BOT_TOKEN,
      signingSecret: randomBytes(16).toString("hex"),
      appToken: undefined,
      apiUrl: slack.apiUrl,
      maxClockSkewSeconds: 60,
    },
  };
}

/**
 * Point the local Slack at the running bot and give every demo user a Slack identity in it (their
 * stored Slack id, or a local one that is stored now), as in a workspace where everyone already uses
 * the bot: alerts and pulses for any owner are delivered, and the console shows the demo user's.
 */
export async function connectLocalSlack(
  local: { slack: LocalSlack; config: SlackConfig },
  bot: RunningBot,
  user: ChatUser,
): Promise<{ backend: ConsoleBackend; banner: string }> {
  const users = await giveUsersDemoSlackIds(bot.ctx.db.sql);
  for (const row of users) {
    // Each person's Slack language: their stored one, and for the demo user the one chosen with
    // --lang. The bot reads it with users.info, as it does in a real workspace.
    const locale = row.id === user.id ? user.locale : toLocale(row.locale);
    local.slack.users.set(row.slackUserId, {
      id: row.slackUserId,
      name: row.name,
      email: row.email,
      locale: localeTags[locale],
    });
  }
  const slackUserId = users.find((row) => row.id === user.id)?.slackUserId ?? `U0DEMO${user.id}`;
  const eventsUrl = `${bot.url}${SLACK_EVENTS_PATH}`;
  local.slack.connect(httpTransport({ eventsUrl, signingSecret: local.config.signingSecret as string }));
  return {
    backend: slackConsoleBackend({
      slack: local.slack,
      userId: slackUserId,
      channelId: DEMO_CHANNEL,
      locale: user.locale,
    }),
    banner: t(user.locale, "console.bannerSlack", {
      eventsUrl,
      apiUrl: local.slack.apiUrl.replace(/\/api\/$/, ""),
    }),
  };
}
