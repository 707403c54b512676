import { z } from "zod";
import { listUsersByName } from "../db/queries/users.ts";
import { translator } from "../i18n/index.ts";
import {
  type ActResult,
  type AlertAction,
  actOnAlerts,
  checkAlertAccess,
} from "../services/alerts/act-on-alerts.ts";
import { proactiveSettings } from "../services/alerts/proactive-settings.ts";
import { customerHealthCard } from "../services/customer-card.ts";
import {
  type AlertCardView,
  alertCard,
  alertStatusText,
  reasonCodes,
  reasonLabel,
} from "../views/alert-card.ts";
import type { ActionResult, FormField, FormSpec } from "../views/chat.ts";
import type { Message } from "../views/message.ts";
import { textMessage } from "../views/message.ts";
import { customerValue } from "./customer-actions.ts";
import type { ActionHandler, ActionRequest } from "./types.ts";

/** A button on an alert: the alerts it acts on (one customer's), and where the button is. */
const alertValue = z.object({
  ids: z
    .string()
    .regex(/^\d+(,\d+){0,19}$/)
    .transform((ids) => ids.split(",").map(Number)),
  customerId: z.coerce.number().int().positive(),
  src: z.enum(["dm", "card"]).default("dm"),
});

const reasonField = z
  .string()
  .optional()
  .transform((value) => (value ? z.enum(reasonCodes).parse(value) : null));

const SNOOZE_CHOICES = [7, 14, 30] as const;
const MAX_ASSIGNEES = 100;

/** `alert.ack`: ask for an optional reason, then acknowledge (`alert.acksubmit`). */
export const acknowledgeAlert: ActionHandler = (request, ctx) =>
  openAlertForm(request, ctx, (t, value) => ({
    submitAction: "alert.acksubmit",
    title: t("alerts.form.ackTitle"),
    submitLabel: t("alerts.form.ackSubmit"),
    value,
    fields: [reasonChoice(request)],
  }));

/** `alert.snooze`: ask how long (default 7 days) and an optional reason, then snooze (`alert.snoozesubmit`). */
export const snoozeAlert: ActionHandler = (request, ctx) =>
  openAlertForm(request, ctx, (t, value) => ({
    submitAction: "alert.snoozesubmit",
    title: t("alerts.form.snoozeTitle"),
    submitLabel: t("alerts.form.snoozeSubmit"),
    value,
    fields: [
      {
        id: "days",
        type: "choice",
        label: t("alerts.form.snoozeDays"),
        options: snoozeOptions(proactiveSettings(ctx.services).alerts.snoozeDays).map((days) => ({
          value: String(days),
          label: t("alerts.form.days", { days }),
        })),
        required: true,
        initial: String(proactiveSettings(ctx.services).alerts.snoozeDays),
      },
      reasonChoice(request),
    ],
  }));

/** `alert.reassign`: choose a colleague, then hand the alerts over (`alert.reassignsubmit`). */
export const reassignAlert: ActionHandler = async (request, ctx) => {
  const users = await listUsersByName(ctx.services.db.sql, MAX_ASSIGNEES);
  return openAlertForm(request, ctx, (t, value) => ({
    submitAction: "alert.reassignsubmit",
    title: t("alerts.form.reassignTitle"),
    submitLabel: t("alerts.form.reassignSubmit"),
    value,
    fields: [
      {
        id: "assignee",
        type: "choice",
        label: t("alerts.form.assignee"),
        options: users.map((user) => ({ value: String(user.id), label: user.name })),
        required: true,
      },
    ],
  }));
};

export const submitAcknowledge: ActionHandler = async (request, ctx) => {
  const reason = reasonField.safeParse(request.formValues?.reason);
  if (!reason.success)
    return { kind: "formErrors", errors: { reason: translator(request.locale)("alerts.form.badReason") } };
  return act(request, ctx, { kind: "acknowledge", reason: reason.data });
};

export const submitSnooze: ActionHandler = async (request, ctx) => {
  const t = translator(request.locale);
  const days = z.coerce
    .number()
    .int()
    .min(1)
    .max(90)
    .safeParse(request.formValues?.days ?? request.value.days);
  const reason = reasonField.safeParse(request.formValues?.reason);
  if (!days.success || !reason.success) {
    const errors: Record<string, string> = {};
    if (!days.success) errors.days = t("alerts.form.badDays");
    if (!reason.success) errors.reason = t("alerts.form.badReason");
    return { kind: "formErrors", errors };
  }
  return act(request, ctx, { kind: "snooze", days: days.data, reason: reason.data });
};

export const submitReassign: ActionHandler = async (request, ctx) => {
  const assignee = z.coerce.number().int().positive().safeParse(request.formValues?.assignee);
  if (!assignee.success) {
    return {
      kind: "formErrors",
      errors: { assignee: translator(request.locale)("alerts.form.badAssignee") },
    };
  }
  return act(request, ctx, { kind: "reassign", assigneeId: assignee.data });
};

/** `alert.open`: the customer's card for the clicker, the alert message stays as it is. */
export const openAlertCustomer: ActionHandler = async (request, ctx) => {
  const { customerId } = customerValue.parse(request.value);
  const card = await customerHealthCard({
    ctx: ctx.services,
    customerId: customerId,
    locale: request.locale,
  });
  return { kind: "reply", message: { ...card, ephemeral: true } };
};

async function openAlertForm(
  request: ActionRequest,
  ctx: Parameters<ActionHandler>[1],
  build: (t: ReturnType<typeof translator>, value: FormSpec["value"]) => FormSpec,
): Promise<ActionResult> {
  const t = translator(request.locale);
  const value = alertValue.parse(request.value);
  const access = await checkAlertAccess({ ctx: ctx.services, actor: request.user, alertIds: value.ids });
  if (access.status === "gone") return reply(t("alerts.gone"));
  if (access.status === "forbidden")
    return reply(t("alerts.forbidden", { customer: access.view.customer.name }));
  return {
    kind: "form",
    form: build(t, { ids: value.ids.join(","), customerId: value.customerId, src: value.src }),
  };
}

async function act(
  request: ActionRequest,
  ctx: Parameters<ActionHandler>[1],
  action: AlertAction,
): Promise<ActionResult> {
  const t = translator(request.locale);
  const value = alertValue.parse(request.value);
  const result: ActResult = await actOnAlerts({
    ctx: ctx.services,
    actor: request.user,
    alertIds: value.ids,
    action,
    from: value.src,
  });
  switch (result.status) {
    case "gone":
      return reply(t("alerts.gone"));
    case "badAssignee":
      return { kind: "formErrors", errors: { assignee: t("alerts.form.badAssignee") } };
    case "forbidden":
      return reply(t("alerts.forbidden", { customer: result.view.customer.name }));
    case "done":
    case "already":
      return { kind: "update", message: await updatedMessage(request, ctx, result.view, value.src) };
  }
}

/** The clicked message again: the alert DM with its status line, or the health card with it on top. */
async function updatedMessage(
  request: ActionRequest,
  ctx: Parameters<ActionHandler>[1],
  view: AlertCardView,
  source: "dm" | "card",
): Promise<Message> {
  if (source === "dm") return alertCard(view, request.locale, "dm");
  const card = await customerHealthCard({
    ctx: ctx.services,
    customerId: view.customer.id,
    locale: request.locale,
  });
  const status = view.outcome ? alertStatusText(view, request.locale) : null;
  return status ? { ...card, blocks: [{ type: "context", text: status }, ...card.blocks] } : card;
}

function reasonChoice(request: ActionRequest): FormField {
  const t = translator(request.locale);
  return {
    id: "reason",
    type: "choice",
    label: t("alerts.form.reason"),
    options: reasonCodes.map((code) => ({ value: code, label: reasonLabel(code, request.locale) })),
    required: false,
  };
}

function snoozeOptions(defaultDays: number): number[] {
  return [...new Set([defaultDays, ...SNOOZE_CHOICES])].sort((a, b) => a - b);
}

function reply(text: string): ActionResult {
  return { kind: "reply", message: textMessage(text) };
}
