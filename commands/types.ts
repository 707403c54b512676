import type { ChatPlatform } from "../src/domain/chat-platform.ts";
import type { Locale } from "../src/i18n/index.ts";
import type { ServiceContext } from "../src/services/context.ts";
import type { ChatUser } from "../src/views/chat.ts";
import type { Message } from "../src/views/message.ts";

export interface CommandContext {
  services: ServiceContext;
  user: ChatUser;
  locale: Locale;
  /** Where the command was typed (a Slack channel id, a Teams conversation id); absent in the CLI. */
  conversation?: { platform: ChatPlatform; channelId: string };
  /**
   * The platform's identity of this request (Slack: the slash command's trigger_id; Teams: the
   * activity id). A command that changes state claims it, so a replay changes nothing twice.
   */
  interactionKey?: string;
}

/**
 * A chat command, platform-neutral: Slack's `/klant-health acme` and Teams' `klant-health acme` both
 * end up in `run("acme", ctx)`. It parses its own arguments and returns a Message; it never throws
 * for bad input (it answers with usage instead).
 */
export interface ChatCommand {
  name: string;
  run(args: string, ctx: CommandContext): Promise<Message>;
}
