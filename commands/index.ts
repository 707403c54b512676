import { isAppError } from "../src/app-error.ts";
import { closestName } from "../src/domain/closest-name.ts";
import { translator } from "../src/i18n/index.ts";
import type { Message } from "../src/views/message.ts";
import { klantDigest } from "./klant-digest.ts";
import { klantHealth } from "./klant-health.ts";
import { klantKpi } from "./klant-kpi.ts";
import { klantRisico } from "./klant-risico.ts";
import { usageMessage } from "./shared.ts";
import type { ChatCommand, CommandContext } from "./types.ts";

export type { ChatCommand, CommandContext } from "./types.ts";

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
  if (!command) return usageMessage(unknownCommandText(name, ctx.locale));
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

/** "Onbekend commando “klant-riscio” — bedoelde je /klant-risico?", or the list of commands. */
export function unknownCommandText(name: string, locale: CommandContext["locale"]): string {
  const t = translator(locale);
  const typed = name.replace(/^\//, "");
  const suggestion = closestName(typed, [...chatCommands.keys()]);
  return suggestion
    ? t("commands.didYouMean", { name: `/${typed}`, suggestion: `/${suggestion}` })
    : t("unknownCommand", { name });
}

/** For free text that starts like a misspelt command ("klant-riscio acme"): the did-you-mean line, else null. */
export function misspeltCommandText(text: string, locale: CommandContext["locale"]): string | null {
  const first = (text.trim().split(/\s+/)[0] ?? "").replace(/^\//, "").toLowerCase();
  if (first === "" || chatCommands.has(first)) return null;
  return closestName(first, [...chatCommands.keys()]) ? unknownCommandText(first, locale) : null;
}
