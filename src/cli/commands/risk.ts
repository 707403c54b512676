import { z } from "zod";
import { klantRisico } from "../../../commands/klant-risico.ts";
import { matchSegment } from "../../../commands/shared.ts";
import { AppError } from "../../app-error.ts";
import { reasonText } from "../../domain/health/reason-text.ts";
import { getRiskList } from "../../services/risk-list.ts";
import { renderText } from "../../views/render-text.ts";
import { localeOption, optionalDateOption, parseCliArgs, parseOption } from "../args.ts";
import { cliCommandContext } from "../cli-user.ts";
import type { CliCommand } from "../command.ts";

const usage = "klantpuls risk [--segment S] [--limit N] [--as-of YYYY-MM-DD] [--json] [--lang nl|en|fr]";

/** `klantpuls risk`: at-risk customers by revenue at risk (like /klant-risico). */
export const riskCommand: CliCommand = {
  usage,
  async run(args, io) {
    const { values } = parseCliArgs(
      args,
      {
        segment: { type: "string" },
        limit: { type: "string", default: "10" },
        "as-of": { type: "string" },
        json: { type: "boolean", default: false },
        lang: { type: "string", default: "nl" },
      },
      usage,
    );
    const locale = parseOption(localeOption, values.lang, "lang", usage);
    const limit = parseOption(z.coerce.number().int().min(1).max(10_000), values.limit, "limit", usage);
    const asOf = optionalDateOption(values["as-of"], "as-of", usage);
    const ctx = await io.services({ asOf });
    const segment = await matchSegment(values.segment?.trim() ? [values.segment.trim()] : [], ctx, locale);
    if (!segment.ok) throw new AppError("BAD_INPUT", `--segment: ${segment.problem}\n\nUsage: ${usage}`);
    if (!values.json) {
      const args = [segment.segment ?? "", String(Math.min(limit, 50))].join(" ");
      io.out(renderText(await klantRisico.run(args, cliCommandContext(ctx, locale)), { width: 160 }).text);
      return 0;
    }
    const list = await getRiskList({ ctx, segment: segment.segment, limit });
    io.out(
      JSON.stringify(
        list.customers.map((row) => ({
          customer: row.customer,
          score: row.score,
          band: row.band,
          revenueAtRisk: row.revenueAtRisk,
          topReason: row.topReason ? reasonText(row.topReason, locale) : null,
        })),
        null,
        2,
      ),
    );
    return 0;
  },
};
