import { z } from "zod";
import { getCustomerById } from "../db/queries/customers.ts";
import { scheduledPulseState } from "../db/queries/owner-pulses.ts";
import { translator } from "../i18n/index.ts";
import type { ActionResult } from "../views/chat.ts";
import { pulseForm, submitPulse } from "./pulse-actions.ts";
import type { ActionHandler } from "./types.ts";

/**
 * Answers to scheduled owner pulses. A 0–10 click (`pulse.answer`) or the form (`pulse.submit`) with a
 * `pulseId` answers that pulse in place through the existing pulse handler, unless it has expired.
 * A repeated click with the same score (a double click) records nothing new. After an answer the
 * message offers "add a comment" (`pulse.comment`), the optional second step.
 */
const scheduledValue = z.object({
  customerId: z.coerce.number().int().positive(),
  pulseId: z.coerce.number().int().positive().optional(),
  score: z.coerce.number().int().min(0).max(10).optional(),
});

export const answerScheduledPulse: ActionHandler = async (request, ctx) => {
  const t = translator(request.locale);
  const value = scheduledValue.parse(request.value);
  if (!value.pulseId) return submitPulse(request, ctx);
  const pulse = await scheduledPulseState(ctx.services.db.sql, {
    pulseId: value.pulseId,
    customerId: value.customerId,
    now: ctx.services.clock.now(),
  });
  if (!pulse) return reply(t("actions.badRequest"));
  if (pulse.expired && !pulse.answered) return reply(t("pulses.expired"));
  const score = request.formValues?.score ?? request.value.score;
  const isRepeat =
    pulse.answered &&
    request.formValues === undefined &&
    score !== undefined &&
    Number(score) === pulse.score;
  const result: ActionResult = isRepeat
    ? { kind: "reply", message: textMessage(t("pulses.alreadyAnswered", { score: pulse.score ?? "—" })) }
    : await submitPulse(request, ctx);
  if (result.kind !== "update") return result;
  const answered = Number(score);
  return {
    kind: "update",
    message: {
      ...result.message,
      blocks: [
        ...result.message.blocks.slice(0, 1),
        {
          type: "actions",
          actions: [
            {
              id: "pulse.comment",
              label: t("pulses.addComment"),
              value: { customerId: value.customerId, pulseId: value.pulseId, score: answered },
            },
          ],
        },
        ...result.message.blocks.slice(1),
      ],
    },
  };
};

/** `pulse.comment`: the pulse form with the score already chosen, to add a comment to the same pulse. */
export const commentScheduledPulse: ActionHandler = async (request, ctx) => {
  const t = translator(request.locale);
  const value = scheduledValue.parse(request.value);
  const customer = await getCustomerById(ctx.services.db.sql, value.customerId);
  if (!customer) return reply(t("actions.unknownCustomer"));
  const form = pulseForm(request, customer.name, {
    customerId: value.customerId,
    ...(value.pulseId ? { pulseId: value.pulseId } : {}),
  });
  return {
    kind: "form",
    form: {
      ...form,
      fields: form.fields.map((field) =>
        field.id === "score" && field.type === "choice" && value.score !== undefined
          ? { ...field, initial: String(value.score) }
          : field,
      ),
    },
  };
};

function textMessage(text: string) {
  return { text, blocks: [{ type: "text" as const, text }], ephemeral: true };
}

function reply(text: string): ActionResult {
  return { kind: "reply", message: textMessage(text) };
}
