import { isAppError } from "../app-error.ts";
import { type Locale, translator } from "../i18n/index.ts";
import { healthCard } from "../views/health-card.ts";
import { type Message, textMessage } from "../views/message.ts";
import type { ServiceContext } from "./context.ts";
import { getCustomerHealth } from "./get-customer-health.ts";

/**
 * The health card for a customer id (`/klant-health` after the lookup, and every button that opens a
 * customer: a choice, the risk list, App Home, an alert, a pulse). The customer may be gone since the
 * button was sent: that is said in the reader's language, not the service's.
 */
export async function customerHealthCard(options: {
  ctx: ServiceContext;
  customerId: number;
  locale: Locale;
}): Promise<Message> {
  try {
    const health = await getCustomerHealth({ ctx: options.ctx, customerId: options.customerId });
    return healthCard(health, options.locale);
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") {
      return textMessage(translator(options.locale)("actions.unknownCustomer"));
    }
    throw error;
  }
}
