import { z } from "zod";
import { AppError } from "../../app-error.ts";
import type { AlertKind } from "../../domain/alerts/rules.ts";
import { listAlerts } from "../../services/alerts/list-alerts.ts";
import { findCustomer } from "../../services/find-customer.ts";
import { alertHeadline } from "../../views/alert-card.ts";
import { localeOption, parseCliArgs, parseOption } from "../args.ts";
import type { CliCommand } from "../command.ts";

const usage = "klantpuls alerts [--open] [--customer Q] [--limit N] [--json] [--lang nl|en]";

/**
 * `klantpuls alerts`: alerts with their state and audit trail (who acknowledged, snoozed, reassigned,
 * escalated, resolved, and when), newest first. `--open` keeps the live ones (not resolved).
 */
export const alertsCommand: CliCommand = {
  usage,
  async run(args, io) {
    const { values } = parseCliArgs(
      args,
      {
        open: { type: "boolean", default: false },
        customer: { type: "string" },
        limit: { type: "string", default: "50" },
        json: { type: "boolean", default: false },
        lang: { type: "string", default: "nl" },
      },
      usage,
    );
    const locale = parseOption(localeOption, values.lang, "lang", usage);
    const limit = parseOption(z.coerce.number().int().min(1).max(10_000), values.limit, "limit", usage);
    const ctx = await io.services();
    let customerIds: number[] | undefined;
    if (values.customer !== undefined) {
      const found = await findCustomer({ sql: ctx.db.sql, query: values.customer });
      if (found.kind === "none")
        throw new AppError(
          "NOT_FOUND",
          `--customer: no customer matches "${values.customer}".\n\nUsage: ${usage}`,
        );
      customerIds = found.kind === "found" ? [found.customer.id] : found.candidates.map((c) => c.id);
    }
    const alerts = await listAlerts({
      ctx,
      liveOnly: values.open,
      limit,
      ...(customerIds ? { customerIds } : {}),
    });
    if (values.json) {
      io.out(JSON.stringify(alerts, null, 2));
      return 0;
    }
    if (alerts.length === 0) {
      io.out(values.open ? "No open alerts." : "No alerts.");
      return 0;
    }
    for (const alert of alerts) {
      const who = alert.assignee ?? alert.owner ?? "—";
      io.out(
        `#${alert.id}  ${alert.status.padEnd(12)} ${alert.customer.name} (${alert.customer.externalId}) · ${alertHeadline({ kind: alert.kind as AlertKind, detail: alert.detail }, locale)} · ${who} · opened ${alert.openedAt}`,
      );
      for (const event of alert.trail) {
        const extra = [event.detail.reason, event.detail.until, event.detail.why]
          .filter((value) => typeof value === "string" && value !== "")
          .join(", ");
        io.out(
          `      ${event.at}  ${event.action.padEnd(18)} ${event.actor ?? "Klantpuls"}${extra ? ` (${extra})` : ""}`,
        );
      }
    }
    return 0;
  },
};
