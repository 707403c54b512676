/**
 * Deterministic demo data for Klantpuls: users, customers and three years of ERP history up to `asOf`.
 *
 * Pure: no I/O, no clock, no Math.random. The same options give byte-identical output. Every customer's
 * history comes from its own PRNG streams (seed × stream × customer index), so the output does not
 * depend on the batch size and `generateDemoBatches` streams 20,000 customers in bounded memory.
 *
 * ## A hidden process, not the score's rules (docs/demo-data.md has the full description)
 *
 * Churn and every signal come from one hidden per-customer process that knows nothing of how Klantpuls
 * scores, so a backtest on this data is not circular:
 *
 * - **Traits**, drawn once: segment; customer since (45 % before the history, the rest arriving evenly
 *   during it); kind (new customers may only try: 1–3 orders, then gone; 15 % buy by the season); a base
 *   order rate from a gamma mixture (a long tail of irregular buyers); order size; a payment habit
 *   (60 % about on time, 27 % a little late, 13 % chronic late payers who are loyal all the same); web,
 *   newsletter and complaint propensities.
 * - **Latent state** z (satisfaction and financial health in one number), weekly AR(1) around the
 *   customer's own mean: z ← m + 0.96 (z − m) + 0.2 ε, with bad events (≈ one in two years, a drop of
 *   0.8–2.2 that fades), rare good ones, and occasional slow declines that lower m over 12–40 weeks.
 * - **Churn**: weekly hazard = segment × (1 + 1.5 e^(−tenure weeks / 40)) × (0.0011 e^(−1.5 z) + 0.0005).
 *   The first part follows the state (slow decliners, visible in the data); the second does not (abrupt
 *   leavers: a takeover, a lost tender). A customer that leaves stops ordering and engaging; the ERP marks
 *   only part of the leavers CHURNED (Enterprise 75 %, MKB 50 %, Retail 35 %, trials 15 %), 2–10 weeks
 *   after they left; the rest stay ACTIVE and go silent.
 * - **Signals**, each from z with noise of its own: orders Poisson per week at rate × e^(0.55 z) × season
 *   × calendar; order size × e^(0.2 z); invoices paid per the habit plus 10 × max(0, −z − 0.2) days ×
 *   a cash sensitivity, some never paid by customers leaving in trouble; web visits × e^(0.7 z); newsletter
 *   opens logistic in z; meetings, calls, e-mails; complaints × e^(−0.9 z) (and most bad events bring one);
 *   NPS 8.1 + 1.6 z + noise to a survey reaching each customer every four months; owner pulses
 *   7.2 + 1.6 z + noise, planted as the monthly pulse job asks (each owner's top 5 accounts by trailing
 *   revenue, last 12 months, 70 % answered).
 * - A few order lines are **credit notes** (negative amount and quantity, external id `CN-…`); they are
 *   not orders. `DemoCustomer.hidden` carries the ground truth (left when and why); it is never loaded.
 *
 * ## Planted walk-through customers (K-1001…K-1008, see `demoPlantedCustomers`)
 *
 * Acme (Jan's key account, declining: ordering less, paying later, a severe open complaint, NPS 4 after
 * 8), Bakker Bouw (healthy), Bakker Bouwmaterialen (slow decline), Café Hôtel Léon (recovered), Van Dijk
 * Logistiek (sudden drop), Peeters Metaal (churned), Janssens Food (silent churn), De Groot (attention).
 * Their latent state is scripted; their rows come from the same emission code as everyone else's.
 *
 * ## Users
 *
 * One admin, two managers and eight account owners (see generate/users.ts); Jan de Vries is a manager
 * who also owns key accounts, Acme among them. Everyone uses locale nl except Sophie Maes (en).
 *
 * ## Volume (seed 42, 500 customers, asOf 2026-06-30)
 *
 * See docs/demo-data.md for the measured counts, churn rates and the share of one-time buyers.
 */
import { plantedCustomers } from "./generate/planted.ts";
import type { DemoPlantedInfo } from "./generate/types.ts";

export {
  countDemoRows,
  generateDemoBatches,
  generateDemoCustomers,
  generateDemoData,
} from "./generate/api.ts";
export type * from "./generate/types.ts";
export { demoUsers } from "./generate/users.ts";

/**
 * The planted walk-through customers, always the first ones generated (K-1001, K-1002, …), so tests and
 * the demo can point at them. With fewer customers than these only the first ones exist.
 */
export const demoPlantedCustomers: readonly DemoPlantedInfo[] = plantedCustomers.map(
  ({ externalId, name, segment, ownerEmail, role, description }) => ({
    externalId,
    name,
    segment,
    ownerEmail,
    role,
    description,
  }),
);
