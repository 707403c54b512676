import { z } from "zod";
import { isoDateIn } from "../../clock.ts";
import { scoreCustomers } from "../../services/score-customers.ts";
import { scoreHistory } from "../../services/score-history.ts";
import { isoDateOption, parseCliArgs, parseOption } from "../args.ts";
import type { CliCommand } from "../command.ts";

const usage = "klantpuls score [--as-of YYYY-MM-DD] [--history WEEKS] [--json]";

/** `klantpuls score`: compute every active customer's health as of a date and store the snapshots. */
export const scoreCommand: CliCommand = {
  usage,
  async run(args, io) {
    const { values } = parseCliArgs(
      args,
      { "as-of": { type: "string" }, history: { type: "string" }, json: { type: "boolean", default: false } },
      usage,
    );
    const ctx = await io.services();
    const asOf = values["as-of"]
      ? parseOption(isoDateOption, values["as-of"], "as-of", usage)
      : isoDateIn(ctx.clock.now(), ctx.timezone);
    if (values.history) {
      const weeks = parseOption(z.coerce.number().int().min(1).max(260), values.history, "history", usage);
      const result = await scoreHistory({ ctx, asOf, weeks });
      io.out(
        values.json
          ? JSON.stringify(result)
          : `Scored ${result.customers} customers on ${result.runs} dates in ${result.ms} ms.`,
      );
      return 0;
    }
    const result = await scoreCustomers({ ctx, asOf });
    if (values.json) {
      io.out(JSON.stringify(result));
      return 0;
    }
    const { HEALTHY, ATTENTION, AT_RISK } = result.bands;
    io.out(
      `Scored ${result.scored} customers as of ${asOf}: ${HEALTHY} healthy, ${ATTENTION} attention, ${AT_RISK} at risk ` +
        `(aggregate ${result.timings.aggregateMs} ms, score ${result.timings.scoreMs} ms, write ${result.timings.writeMs} ms).`,
    );
    return 0;
  },
};
