import { addDays } from "../domain/dates.ts";
import type { ServiceContext } from "./context.ts";
import { fitCalibrationAt } from "./health-model/fit-calibration.ts";
import { scoreCustomers } from "./score-customers.ts";

/**
 * Score `asOf` and the same weekday of the `weeks` weeks before it, oldest first, so trends and the
 * card's score history exist right after a first import or a demo seed. One calibration (fitted for
 * `asOf`) scores every week: the history is for display, so one fit instead of one per month keeps a
 * first start fast; the backtest fits each past date on its own past.
 */
export async function scoreHistory(options: {
  ctx: ServiceContext;
  asOf: string;
  weeks: number;
}): Promise<{ runs: number; customers: number; ms: number }> {
  const started = performance.now();
  let customers = 0;
  const { ctx, asOf } = options;
  const calibration =
    ctx.settings.health.model === "calibrated" ? await fitCalibrationAt({ ctx, asOf }) : null;
  for (let week = options.weeks; week >= 0; week--) {
    const result = await scoreCustomers({ ctx, asOf: addDays(asOf, -7 * week), calibration });
    customers = result.scored;
  }
  return { runs: options.weeks + 1, customers, ms: Math.round(performance.now() - started) };
}
