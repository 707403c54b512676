import { klantKpi } from "../../../commands/klant-kpi.ts";
import { AppError } from "../../app-error.ts";
import { isoDateIn } from "../../clock.ts";
import { addDays } from "../../domain/dates.ts";
import { getKpis } from "../../services/get-kpis.ts";
import { renderText } from "../../views/render-text.ts";
import { isoDateOption, localeOption, parseCliArgs, parseOption } from "../args.ts";
import { cliCommandContext } from "../cli-user.ts";
import type { CliCommand } from "../command.ts";

const usage = "klantpuls kpi [--from YYYY-MM-DD --to YYYY-MM-DD] [--segment S] [--json] [--lang nl|en]";

/** `klantpuls kpi`: retention KPIs over a period (default: the last 90 days). */
export const kpiCommand: CliCommand = {
  usage,
  async run(args, io) {
    const { values } = parseCliArgs(
      args,
      {
        from: { type: "string" },
        to: { type: "string" },
        segment: { type: "string" },
        json: { type: "boolean", default: false },
        lang: { type: "string", default: "nl" },
      },
      usage,
    );
    const locale = parseOption(localeOption, values.lang, "lang", usage);
    const ctx = await io.services();
    const to = values.to
      ? parseOption(isoDateOption, values.to, "to", usage)
      : isoDateIn(ctx.clock.now(), ctx.timezone);
    const from = values.from ? parseOption(isoDateOption, values.from, "from", usage) : addDays(to, -89);
    if (from > to)
      throw new AppError("BAD_INPUT", `--from (${from}) is after --to (${to}).\n\nUsage: ${usage}`);
    if (!values.json) {
      const args = [`${from}..${to}`, values.segment ?? ""].join(" ");
      io.out(renderText(await klantKpi.run(args, cliCommandContext(ctx, locale))).text);
      return 0;
    }
    const report = await getKpis({ ctx, from, to, segment: values.segment });
    io.out(JSON.stringify(report, null, 2));
    return 0;
  },
};
