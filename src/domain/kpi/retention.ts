/**
 * Retention and churn as percentages with full precision (80 means 80 %). Null when there were no
 * customers at the start: a rate over nothing is not 0 %, it is unknown.
 */

/**
 * (customers at end − new customers in period) / customers at start × 100.
 * Worked example from ARCHITECTURE.md: start 250, new 60, end 260 → 80.
 */
export function retentionRate(input: {
  customersAtStart: number;
  newCustomers: number;
  customersAtEnd: number;
}): number | null {
  if (input.customersAtStart <= 0) return null;
  return ((input.customersAtEnd - input.newCustomers) / input.customersAtStart) * 100;
}

/** Customers lost in the period / customers at start × 100. */
export function churnRate(input: { lost: number; atStart: number }): number | null {
  if (input.atStart <= 0) return null;
  return (input.lost / input.atStart) * 100;
}
