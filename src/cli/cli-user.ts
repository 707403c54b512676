import type { CommandContext } from "../../commands/types.ts";
import type { Locale } from "../i18n/index.ts";
import type { ServiceContext } from "../services/context.ts";
import type { ChatUser } from "../views/chat.ts";

/** The command line acts as an administrator: whoever can run it can read the database anyway. */
export const cliUser: ChatUser = { id: 0, name: "klantpuls CLI", email: "", role: "ADMIN", locale: "nl" };

export function cliCommandContext(services: ServiceContext, locale: Locale): CommandContext {
  return { services, user: { ...cliUser, locale }, locale };
}
