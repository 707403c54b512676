import { z } from "zod";
import { getCustomerById } from "../db/queries/customers.ts";
import { translator } from "../i18n/index.ts";
import { customerHealthCard } from "../services/customer-card.ts";
import { recordOwnerPulse } from "../services/record-owner-pulse.ts";
import type { FormSpec } from "../views/chat.ts";
import { customerValue } from "./customer-actions.ts";
import type { ActionHandler, ActionRequest } from "./types.ts";

const COMMENT_MAX = 1000;
const pulseValue = customerValue.extend({ pulseId: z.coerce.number().int().positive().optional() });

/** Owners give pulses for their customers; managers and admins for any. */
function mayGivePulse(request: ActionRequest, ownerId: number | undefined): boolean {
  return request.user.role !== "MEMBER" || ownerId === request.user.id;
}

/** `pulse.add`: open the pulse form (score 0–10 and a comment) for a customer. */
export const addPulse: ActionHandler = async (request, ctx) => {
  const t = translator(request.locale);
  const value = pulseValue.parse(request.value);
  const customer = await getCustomerById(ctx.services.db.sql, value.customerId);
  if (!customer) return { kind: "reply", message: textMessage(t("actions.unknownCustomer")) };
  if (!mayGivePulse(request, customer.owner?.id)) {
    return { kind: "reply", message: textMessage(t("pulse.forbidden", { customer: customer.name })) };
  }
  return { kind: "form", form: pulseForm(request, customer.name, value) };
};

export function pulseForm(request: ActionRequest, customerName: string, value: FormSpec["value"]): FormSpec {
  const t = translator(request.locale);
  return {
    submitAction: "pulse.submit",
    title: t("pulse.formTitle"),
    submitLabel: t("pulse.submit"),
    value,
    fields: [
      {
        id: "score",
        type: "choice",
        label: t("pulse.scoreLabel", { customer: customerName }),
        options: Array.from({ length: 11 }, (_, score) => ({ value: String(score), label: String(score) })),
        required: true,
      },
      {
        id: "comment",
        type: "text",
        label: t("pulse.commentLabel"),
        multiline: true,
        required: false,
        maxLength: COMMENT_MAX,
      },
    ],
  };
}

const formSchema = z.object({
  score: z.coerce.number().int().min(0).max(10),
  comment: z.string().trim().max(COMMENT_MAX).default(""),
});

/** `pulse.submit` (form) and `pulse.answer` (a 0–10 button with `score` in its value). */
export const submitPulse: ActionHandler = async (request, ctx) => {
  const t = translator(request.locale);
  const value = pulseValue.parse(request.value);
  const raw = {
    score: request.formValues?.score ?? request.value.score,
    comment: request.formValues?.comment ?? "",
  };
  const parsed = formSchema.safeParse(raw);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0]);
      errors[field] =
        field === "comment" ? t("pulse.commentTooLong", { max: COMMENT_MAX }) : t("pulse.scoreRequired");
    }
    return { kind: "formErrors", errors };
  }
  const customer = await getCustomerById(ctx.services.db.sql, value.customerId);
  if (!customer) return { kind: "reply", message: textMessage(t("actions.unknownCustomer")) };
  if (!mayGivePulse(request, customer.owner?.id)) {
    return { kind: "reply", message: textMessage(t("pulse.forbidden", { customer: customer.name })) };
  }
  await recordOwnerPulse({
    ctx: ctx.services,
    customerId: customer.id,
    userId: request.user.id,
    score: parsed.data.score,
    comment: parsed.data.comment,
    ...(value.pulseId ? { pulseId: value.pulseId } : {}),
  });
  const card = await customerHealthCard({
    ctx: ctx.services,
    customerId: customer.id,
    locale: request.locale,
  });
  const thanks = t("pulse.saved", {
    name: request.user.name,
    score: parsed.data.score,
    customer: customer.name,
  });
  return {
    kind: "update",
    message: {
      ...card,
      text: `${thanks} ${card.text}`,
      blocks: [{ type: "context", text: `✅ ${thanks}` }, ...card.blocks],
    },
  };
};

function textMessage(text: string) {
  return { text, blocks: [{ type: "text" as const, text }], ephemeral: true };
}
