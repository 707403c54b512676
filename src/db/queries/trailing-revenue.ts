/**
 * A customer's revenue over the 12 months up to a date — invoiced in the 365 days up to and including
 * it — as a scalar subquery to use in any statement. Card, alerts, escalation and pulses all show this
 * one figure, so it is written once. `customer` and `asOf` are SQL expressions of the enclosing query
 * (e.g. `a.customer_id`, `$3`); the result is float8 cents.
 */
export function trailingRevenueCents(customer: string, asOf: string): string {
  return `(SELECT COALESCE(sum(i.amount_cents), 0)::float8 FROM invoices i
              WHERE i.customer_id = ${customer} AND i.issued_on > (${asOf})::date - 365 AND i.issued_on <= (${asOf})::date)`;
}
