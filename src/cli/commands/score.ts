import { z } from "zod";
import { AppError } from "../../app-error.ts";
import { isoDateIn } from "../../clock.ts";
import { scoreCustomers } from "../../services/score-customers.ts";
import { exportScores } from "../../services/score-export.ts";
import { scoreHistory } from "../../services/score-history.ts";
import { csvLine } from "../../views/csv.ts";
import { optionalDateOption, parseCliArgs, parseOption } from "../args.ts";
import type { CliCommand } from "../command.ts";

const usage = "klantpuls score [--as-of YYYY-MM-DD] [--history WEEKS] [--json | --csv]";

/** `klantpuls score`: compute every active customer's health as of a date and store the snapshots. */
export const scoreCommand: CliCommand = {
  usage,
  async run(args, io) {
    const { values } = parseCliArgs(
      args,
      {
        "as-of": { type: "string" },
        history: { type: "string" },
        json: { type: "boolean", default: false },
        csv: { type: "boolean", default: false },
      },
      usage,
    );
    // Options are checked before the database is opened.
    if (values.csv && values.json) {
      throw new AppError("BAD_INPUT", `--csv and --json are two outputs: choose one.\n\nUsage: ${usage}`);
    }
    if (values.history && values.csv) {
      throw new AppError("BAD_INPUT", `--csv exports one date: leave out --history.\n\nUsage: ${usage}`);
    }
    const ctx = await io.services({ asOf: optionalDateOption(values["as-of"], "as-of", usage) });
    const asOf = isoDateIn(ctx.clock.now(), ctx.timezone);
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
    if (values.csv) {
      // Every customer's score of the date, for a spreadsheet or an outside evaluation; the summary
      // goes to stderr so stdout stays one table.
      const rows = await exportScores({ ctx, asOf });
      io.out(
        [
          csvLine([
            "external_id",
            "name",
            "segment",
            "as_of",
            "standing",
            "score",
            "band",
            "churn_probability",
            "confidence",
          ]),
          ...rows.map((row) =>
            csvLine([
              row.externalId,
              row.name,
              row.segment,
              asOf,
              row.standing,
              row.score,
              row.band,
              row.churnProbability === null ? null : Number(row.churnProbability.toFixed(4)),
              row.confidence === null ? null : Number(row.confidence.toFixed(2)),
            ]),
          ),
        ].join("\n"),
      );
      io.err(`Scored ${result.scored} customers as of ${asOf}; ${result.churned} churned (no score).`);
      return 0;
    }
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
