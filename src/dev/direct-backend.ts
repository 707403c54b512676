import { runChatCommand } from "../../commands/index.ts";
import { handleAction } from "../actions/index.ts";
import type { ServiceContext } from "../services/context.ts";
import type { ChatUser } from "../views/chat.ts";
import { type ConsoleBackend, outcomeFromResult } from "./demo-console.ts";

/** The console talking to the commands and action handlers in-process, as one known user. */
export function directBackend(services: ServiceContext, user: ChatUser): ConsoleBackend {
  const ctx = { services, user, locale: user.locale };
  return {
    async command(name, args) {
      return [await runChatCommand(name, args, ctx)];
    },
    async press(action) {
      return outcomeFromResult(
        await handleAction(
          { id: action.id, value: action.value, user, locale: user.locale },
          { services, runCommand: runChatCommand },
        ),
      );
    },
    async submit(form, values) {
      return outcomeFromResult(
        await handleAction(
          { id: form.submitAction, value: form.value, user, locale: user.locale, formValues: values },
          { services, runCommand: runChatCommand },
        ),
      );
    },
  };
}
