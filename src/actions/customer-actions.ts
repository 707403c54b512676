import { z } from "zod";
import { showCustomerHealth } from "../../commands/klant-health.ts";
import { translator } from "../i18n/index.ts";
import type { ActionHandler } from "./types.ts";

export const customerValue = z.object({ customerId: z.coerce.number().int().positive() });

/** `customer.open`: show the customer's card in place of the message (a disambiguation list, a risk list). */
export const openCustomer: ActionHandler = async (request, ctx) => {
  const { customerId } = customerValue.parse(request.value);
  const message = await showCustomerHealth(customerId, {
    services: ctx.services,
    user: request.user,
    locale: request.locale,
  });
  return { kind: "update", message };
};

/** `card.share`: post the card visibly in the conversation, saying who shared it. */
export const shareCard: ActionHandler = async (request, ctx) => {
  const { customerId } = customerValue.parse(request.value);
  const t = translator(request.locale);
  const card = await showCustomerHealth(customerId, {
    services: ctx.services,
    user: request.user,
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
