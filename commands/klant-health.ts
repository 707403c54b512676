import { z } from "zod";
import { translator } from "../src/i18n/index.ts";
import { customerHealthCard } from "../src/services/customer-card.ts";
import { findCustomer } from "../src/services/find-customer.ts";
import type { Message } from "../src/views/message.ts";
import { customerChoices, isHelpWord, usageMessage } from "./shared.ts";
import type { ChatCommand, CommandContext } from "./types.ts";

const argsSchema = z
  .string()
  .trim()
  .min(1)
  .max(120)
  .refine((query) => !isHelpWord(query));

/** `/klant-health <customer>`: the customer's health card, or a choice when the name is ambiguous. */
export const klantHealth: ChatCommand = {
  name: "klant-health",
  async run(args: string, ctx: CommandContext): Promise<Message> {
    const t = translator(ctx.locale);
    const parsed = argsSchema.safeParse(args);
    if (!parsed.success) return usageMessage(t("health.usage"));
    const query = parsed.data;

    const found = await findCustomer({ sql: ctx.services.db.sql, query });
    switch (found.kind) {
      case "none":
        return usageMessage(`${t("health.notFound", { query })}\n${t("health.usage")}`);
      case "ambiguous":
        return customerChoices(query, found.candidates, ctx.locale, found.total);
      case "found":
        return showCustomerHealth(found.customer.id, ctx);
    }
  },
};

export async function showCustomerHealth(customerId: number, ctx: CommandContext): Promise<Message> {
  return customerHealthCard({ ctx: ctx.services, customerId, locale: ctx.locale });
}
