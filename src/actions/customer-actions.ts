import { z } from "zod";
import { AppError } from "../app-error.ts";
import { type Locale, translator } from "../i18n/index.ts";
import { customerHealthCard } from "../services/customer-card.ts";
import type { Message, MessageAction, MessageBlock } from "../views/message.ts";
import type { ActionHandler } from "./types.ts";

export const customerValue = z.object({ customerId: z.coerce.number().int().positive() });

/** `customer.open`: show the customer's card in place of the message (a disambiguation list, a risk list). */
export const openCustomer: ActionHandler = async (request, ctx) => {
  const { customerId } = customerValue.parse(request.value);
  const message = await customerHealthCard({ ctx: ctx.services, customerId, locale: request.locale });
  return { kind: "update", message };
};

/** A command answer to share: re-run as the clicking user, so the shared card is current. */
export const shareCommandValue = z.object({
  command: z.enum(["klant-health", "klant-risico", "klant-kpi"]),
  args: z.string().max(500),
});

/**
 * `card.share`: post the card visibly in the conversation, saying who shared it. The value is a
 * customer (`{customerId}`) or a command answer (`{command, args}`, see `withShareAction`).
 */
export const shareCard: ActionHandler = async (request, ctx) => {
  const t = translator(request.locale);
  const commandCtx = { services: ctx.services, user: request.user, locale: request.locale };
  const byCommand = shareCommandValue.safeParse(request.value);
  if (byCommand.success && !ctx.runCommand) {
    throw new AppError("INTERNAL", "card.share of a command answer needs the platform's runCommand");
  }
  const card = byCommand.success
    ? await ctx.runCommand!(byCommand.data.command, byCommand.data.args, commandCtx)
    : await customerHealthCard({
        ctx: ctx.services,
        customerId: customerValue.parse(request.value).customerId,
        locale: request.locale,
      });
  const blocks = card.blocks
    .map((block) =>
      block.type === "actions"
        ? { ...block, actions: block.actions.filter((action) => action.id !== "card.share") }
        : block,
    )
    .filter((block) => block.type !== "actions" || block.actions.length > 0);
  blocks.push({ type: "context", text: t("actions.sharedBy", { name: request.user.name }) });
  return { kind: "share", message: { ...card, blocks, ephemeral: false } };
};

/**
 * Give a command answer a "Share in channel" button when it has none (the health card brings its
 * own). Short usage and error answers (no header) are not worth sharing and stay as they are.
 */
export function withShareAction(message: Message, command: string, args: string, locale: Locale): Message {
  const hasHeader = message.blocks.some((block) => block.type === "header");
  const hasShare = message.blocks.some(
    (block) => block.type === "actions" && block.actions.some((action) => action.id === "card.share"),
  );
  const value = shareCommandValue.safeParse({ command: command.replace(/^\//, ""), args: args.trim() });
  if (!hasHeader || hasShare || !value.success) return message;
  const share: MessageAction = {
    id: "card.share",
    label: translator(locale)("action.share"),
    value: value.data,
    style: "primary",
  };
  const lastActions = message.blocks.findLastIndex((block) => block.type === "actions");
  const blocks: MessageBlock[] = message.blocks.map((block, index) =>
    index === lastActions && block.type === "actions"
      ? { ...block, actions: [...block.actions, share] }
      : block,
  );
  if (lastActions < 0) {
    const footer = blocks.at(-1)?.type === "context" ? blocks.length - 1 : blocks.length;
    blocks.splice(footer, 0, { type: "actions", actions: [share] });
  }
  return { ...message, blocks };
}
