import { z } from "zod";
import { klantRisico } from "../../../commands/klant-risico.ts";
import { listAtRisk } from "../../services/list-at-risk.ts";
import { renderText } from "../../views/render-text.ts";
import { localeOption, parseCliArgs, parseOption } from "../args.ts";
import { cliCommandContext } from "../cli-user.ts";
import type { CliCommand } from "../command.ts";

const usage = "klantpuls risk [--segment S] [--limit N] [--json] [--lang nl|en]";

/** `klantpuls risk`: at-risk customers by revenue at risk (like /klant-risico). */
export const riskCommand: CliCommand = {
  usage,
  async run(args, io) {
    const { values } = parseCliArgs(
      args,
      {
        segment: { type: "string" },
        limit: { type: "string", default: "10" },
        json: { type: "boolean", default: false },
        lang: { type: "string", default: "nl" },
      },
      usage,
    );
    const locale = parseOption(localeOption, values.lang, "lang", usage);
    const limit = parseOption(z.coerce.number().int().min(1).max(10_000), values.limit, "limit", usage);
    const ctx = await io.services();
    if (!values.json) {
      const args = [values.segment ?? "", String(Math.min(limit, 50))].join(" ");
      io.out(renderText(await klantRisico.run(args, cliCommandContext(ctx, locale)), { width: 160 }).text);
      return 0;
    }
    const list = await listAtRisk({ ctx, segment: values.segment, limit });
    io.out(
      JSON.stringify(
        list.customers.map((row) => ({
          customer: row.customer,
          score: row.score,
          band: row.band,
          revenueAtRisk: row.revenueAtRisk,
          topReason: row.topReason?.[locale] ?? null,
        })),
        null,
        2,
      ),
    );
    return 0;
  },
};
