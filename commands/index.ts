import { isAppError } from "../src/app-error.ts";
import { translator } from "../src/i18n/index.ts";
import type { Message } from "../src/views/message.ts";
import { klantDigest } from "./klant-digest.ts";
import { klantHealth } from "./klant-health.ts";
import { klantKpi } from "./klant-kpi.ts";
import { klantRisico } from "./klant-risico.ts";
import { usageMessage } from "./shared.ts";
import type { ChatCommand, CommandContext } from "./types.ts";

export type { ChatCommand, ChatUser, CommandContext } from "./types.ts";

/** Every chat command, by the name users type (without the slash). Register new ones here. */
export const chatCommands: ReadonlyMap<string, ChatCommand> = new Map(
  [klantHealth, klantRisico, klantKpi, klantDigest].map((command) => [command.name, command]),
);

/**
 * Run a chat command by name. Never throws: bad input and known errors become a clear answer, and
 * anything unexpected is logged with its detail while the user gets a short apology.
 */
export async function runChatCommand(name: string, args: string, ctx: CommandContext): Promise<Message> {
  const t = translator(ctx.locale);
  const command = chatCommands.get(name.replace(/^\//, "").toLowerCase());
  if (!command) return usageMessage(t("unknownCommand", { name }));
  try {
    return await command.run(args, ctx);
  } catch (error) {
    if (isAppError(error) && error.code !== "INTERNAL" && error.code !== "DATABASE") {
      return usageMessage(error.userMessage);
    }
    ctx.services.log.error({ err: error, command: name, args, userId: ctx.user.id }, "chat command failed");
    return usageMessage(t("common.internalError"));
  }
}
