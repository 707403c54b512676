import { randomBytes } from "node:crypto";
import type { ChatUser } from "../../commands/types.ts";
import type { RunningBot } from "../main.ts";
import { SLACK_EVENTS_PATH } from "../slack/app.ts";
import type { SlackConfig } from "../slack/config.ts";
import { httpTransport, LocalSlack } from "../slack/local-slack.ts";
import type { ConsoleBackend } from "./demo-console.ts";
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
 * Point the local Slack at the running bot and give the demo user a Slack identity: their stored
 * Slack id, or a local one that the bot links by e-mail (users.info) on the first command, as in a
 * real workspace.
 */
export async function connectLocalSlack(
  local: { slack: LocalSlack; config: SlackConfig },
  bot: RunningBot,
  user: ChatUser,
): Promise<{ backend: ConsoleBackend; banner: string }> {
  const [row] = await bot.ctx.db.sql.query<{ slack_user_id: string | null }>(
    "SELECT slack_user_id FROM users WHERE id = $1",
    [user.id],
  );
  const slackUserId = row?.slack_user_id ?? `U0DEMO${user.id}`;
  local.slack.users.set(slackUserId, { id: slackUserId, name: user.name, email: user.email });
  const eventsUrl = `${bot.url}${SLACK_EVENTS_PATH}`;
  local.slack.connect(httpTransport({ eventsUrl, signingSecret: local.config.signingSecret as string }));
  return {
    backend: slackConsoleBackend({ slack: local.slack, userId: slackUserId, channelId: DEMO_CHANNEL }),
    banner:
      `\nSlack, played locally: each command is signed like Slack signs it and POSTed to ${eventsUrl};` +
      `\nthe Web API and response_url run on ${local.slack.apiUrl.replace(/\/api\/$/, "")}. /home opens the App Home tab.`,
  };
}
