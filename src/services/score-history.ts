import { addDays } from "../domain/dates.ts";
import type { ServiceContext } from "./context.ts";
import { scoreCustomers } from "./score-customers.ts";

/**
 * Score `asOf` and the same weekday of the `weeks` weeks before it, oldest first, so trends and the
 * card's score history exist right after a first import or a demo seed.
 */
export async function scoreHistory(options: {
  ctx: ServiceContext;
  asOf: string;
  weeks: number;
}): Promise<{ runs: number; customers: number; ms: number }> {
  const started = performance.now();
  let customers = 0;
  for (let week = options.weeks; week >= 0; week--) {
    const result = await scoreCustomers({ ctx: options.ctx, asOf: addDays(options.asOf, -7 * week) });
    customers = result.scored;
  }
  return { runs: options.weeks + 1, customers, ms: Math.round(performance.now() - started) };
}
