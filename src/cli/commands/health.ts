import { showCustomerHealth } from "../../../commands/klant-health.ts";
import { reasonText } from "../../domain/health/reason-text.ts";
import { findCustomer } from "../../services/find-customer.ts";
import { getCustomerHealth } from "../../services/get-customer-health.ts";
import { shownFigures } from "../../services/health-model/book-at.ts";
import { renderText } from "../../views/render-text.ts";
import { localeOption, optionalDateOption, parseCliArgs, parseOption } from "../args.ts";
import { cliCommandContext } from "../cli-user.ts";
import type { CliCommand } from "../command.ts";

const usage = "klantpuls health <customer> [--as-of YYYY-MM-DD] [--json] [--lang nl|en|fr]";

/** `klantpuls health acme`: the same card as `/klant-health acme`, or JSON for scripts. */
export const healthCommand: CliCommand = {
  usage,
  async run(args, io) {
    const { values, positionals } = parseCliArgs(
      args,
      {
        "as-of": { type: "string" },
        json: { type: "boolean", default: false },
        lang: { type: "string", default: "nl" },
      },
      usage,
      true,
    );
    const locale = parseOption(localeOption, values.lang, "lang", usage);
    const query = positionals.join(" ").trim();
    if (!query) {
      io.err(`Usage: ${usage}`);
      return 2;
    }
    const asOf = optionalDateOption(values["as-of"], "as-of", usage);
    const ctx = await io.services({ asOf });
    const found = await findCustomer({ sql: ctx.db.sql, query });
    if (!values.json) {
      // Not found or several: say so with the CLI's usage (not the chat command's) and fail.
      if (found.kind === "none") {
        io.err(
          `No customer found for "${query}". Try part of the name or the customer number.\n\nUsage: ${usage}`,
        );
        return 1;
      }
      if (found.kind === "ambiguous") {
        const names = found.candidates.map((c) => `  ${c.externalId}  ${c.name}`).join("\n");
        const more =
          found.total > found.candidates.length ? `\n  +${found.total - found.candidates.length} more` : "";
        io.err(
          `Several customers match "${query}":\n${names}${more}\nType more of the name or the customer number.\n\nUsage: ${usage}`,
        );
        return 1;
      }
      const message = await showCustomerHealth(found.customer.id, cliCommandContext(ctx, locale));
      io.out(renderText(message).text);
      return 0;
    }
    if (found.kind !== "found") {
      io.out(
        JSON.stringify({
          error: found.kind === "none" ? "not_found" : "ambiguous",
          query,
          candidates:
            found.kind === "ambiguous"
              ? found.candidates.map((c) => ({ id: c.id, externalId: c.externalId, name: c.name }))
              : [],
        }),
      );
      return 1;
    }
    const view = await getCustomerHealth({ ctx, customerId: found.customer.id });
    const { customer, health } = view;
    io.out(
      JSON.stringify(
        {
          customer: {
            id: customer.id,
            externalId: customer.externalId,
            name: customer.name,
            segment: customer.segment,
            owner: customer.owner
              ? { id: customer.owner.id, name: customer.owner.name, email: customer.owner.email }
              : null,
          },
          asOf: view.asOf,
          scoredOn: view.scoredOn,
          // A churned customer has no score or band; its signals still explain what happened before it left.
          standing: view.standing,
          ...shownFigures(view.standing, health),
          confidence: health.confidence,
          trend: view.trend,
          trendSince: view.trendSince,
          signals: health.signals.map((signal) => ({
            key: signal.key,
            score: signal.score,
            weight: signal.weight,
            reason: reasonText(signal.reason, locale),
          })),
        },
        null,
        2,
      ),
    );
    return 0;
  },
};
