import { z } from "zod";
import { seedDatabase } from "../../../prisma/seed/load.ts";
import { isoDateIn } from "../../clock.ts";
import { analyzeTables } from "../../db/queries/maintenance.ts";
import { scoreHistory } from "../../services/score-history.ts";
import { optionalDateOption, parseCliArgs, parseOption } from "../args.ts";
import type { CliCommand } from "../command.ts";

const usage = "klantpuls seed [--customers N] [--seed S] [--as-of YYYY-MM-DD] [--replace]";

/** `klantpuls seed`: load the deterministic demo data set, then score it (with 13 weeks of history). */
export const seedCommand: CliCommand = {
  usage,
  async run(args, io) {
    const { values } = parseCliArgs(
      args,
      {
        customers: { type: "string", default: "500" },
        seed: { type: "string", default: "42" },
        "as-of": { type: "string" },
        replace: { type: "boolean", default: false },
      },
      usage,
    );
    const customers = parseOption(
      z.coerce.number().int().min(1).max(200_000),
      values.customers,
      "customers",
      usage,
    );
    const seed = parseOption(z.coerce.number().int(), values.seed, "seed", usage);
    const asOfOption = optionalDateOption(values["as-of"], "as-of", usage);
    const ctx = await io.services();
    const asOf = asOfOption ?? isoDateIn(ctx.clock.now(), ctx.timezone);
    const result = await seedDatabase(ctx.db, {
      customers,
      seed,
      asOf,
      replace: values.replace,
      log: io.err,
    });
    // Fresh statistics after a bulk load, or the planner guesses and scoring gets several times slower.
    await analyzeTables(ctx.db.sql);
    io.out(
      `Loaded ${Object.entries(result.counts)
        .map(([table, count]) => `${count} ${table}`)
        .join(", ")} in ${Math.round(result.generateAndLoadMs)} ms.`,
    );
    const scored = await scoreHistory({ ctx, asOf, weeks: 13 });
    io.out(
      `Scored ${scored.customers} customers on ${scored.runs} dates (up to ${asOf}) in ${scored.ms} ms.`,
    );
    return 0;
  },
};
