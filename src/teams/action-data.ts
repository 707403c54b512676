import { type ActionId, type ActionValue, actionIds } from "../views/message.ts";
import { FORM_INPUT_PREFIX } from "../views/render-form-card.ts";

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function isActionId(id: unknown): id is ActionId {
  return typeof id === "string" && (actionIds as readonly string[]).includes(id);
}

/**
 * The data of a clicked button: the action's own value plus, on a form card, the inputs Teams merged
 * into it (named `form.<field>`). Only flat strings and numbers are kept, so a tampered payload cannot
 * smuggle objects into a handler; the handler's zod schema checks the rest.
 */
export function splitActionData(data: Record<string, unknown>): {
  value: ActionValue;
  formValues?: Record<string, string | undefined>;
} {
  const value: ActionValue = {};
  const formValues: Record<string, string | undefined> = {};
  let isForm = false;
  for (const [key, raw] of Object.entries(data)) {
    if (key.startsWith(FORM_INPUT_PREFIX)) {
      isForm = true;
      const text = typeof raw === "string" || typeof raw === "number" ? String(raw) : "";
      formValues[key.slice(FORM_INPUT_PREFIX.length)] = text === "" ? undefined : text;
    } else if (typeof raw === "string" || typeof raw === "number") {
      value[key] = raw;
    }
  }
  return isForm ? { value, formValues } : { value };
}
