import type { App } from "@slack/bolt";
import { runChatCommand } from "../../../commands/index.ts";
import { withShareAction } from "../../actions/customer-actions.ts";
import { afterAck, answerPrivately } from "../surface-replies.ts";
import { chatUserOrAnswer } from "./chat-user-or-answer.ts";
import type { SlackDeps } from "./types.ts";

/** The slash commands, by the name typed in Slack; each runs the platform-neutral command of the same name. */
export const slashCommands = ["klant-health", "klant-risico", "klant-kpi", "klant-digest"] as const;

/**
 * Acknowledge first (Slack gives 3 seconds, a lookup on a slow database can take longer), then
 * answer through the command's `response_url`: ephemeral, with a "Share in channel" button.
 */
export function registerCommands(app: App, deps: SlackDeps): void {
  for (const name of slashCommands) {
    app.command(`/${name}`, async ({ ack, command, client }) => {
      await ack();
      await afterAck();
      const started = performance.now();
      const surface = {
        client,
        log: deps.log,
        locale: deps.locale,
        userId: command.user_id,
        channelId: command.channel_id,
        responseUrl: command.response_url,
      };
      const user = await chatUserOrAnswer(deps, client, command.user_id, surface);
      if (!user) return;
      const message = await runChatCommand(name, command.text, {
        services: deps.ctx,
        user,
        locale: user.locale,
        conversation: { platform: "SLACK", channelId: command.channel_id },
        // A trigger_id is unique per invocation and covered by the signature: a replay repeats it.
        interactionKey: `slack:command:${command.trigger_id}`,
      });
      await answerPrivately(
        { ...surface, locale: user.locale },
        withShareAction(message, name, command.text, user.locale),
      );
      deps.log.info(
        { command: name, userId: user.id, ms: Math.round(performance.now() - started) },
        "slack command answered",
      );
    });
  }
}
