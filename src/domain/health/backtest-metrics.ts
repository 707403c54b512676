/**
 * Measures of how well a risk ranking predicted churn, on pooled (customer, as-of date) rows.
 * Risk is "higher = more likely to churn"; labels are 1 for churned in the horizon.
 */

/** AUC: the chance that a random churner ranks riskier than a random stayer (ties count half). */
export function auc(risk: ArrayLike<number>, labels: ArrayLike<number>): number | null {
  const n = risk.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => risk[a]! - risk[b]!);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && risk[order[j + 1]!] === risk[order[i]!]) j += 1;
    const averageRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k += 1) {
      if (labels[order[k]!]) {
        positives += 1;
        rankSum += averageRank;
      }
    }
    i = j + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return null;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Quintile (1..5) of each value within its group; higher value → higher quintile. Ties share one. */
export function quintiles(values: ArrayLike<number>): Uint8Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const result = new Uint8Array(n);
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && values[order[j + 1]!] === values[order[i]!]) j += 1;
    const quintile = Math.min(5, Math.floor((((i + j) / 2) * 5) / n) + 1);
    for (let k = i; k <= j; k += 1) result[order[k]!] = quintile;
    i = j + 1;
  }
  return result;
}

export interface RateRow {
  customers: number;
  churned: number;
  churnRate: number | null;
}

export function rate(customers: number, churned: number): RateRow {
  return { customers, churned, churnRate: customers > 0 ? churned / customers : null };
}

/** Churn rate per decile of risk (decile 1 = least risky). */
export function deciles(
  risk: ArrayLike<number>,
  labels: ArrayLike<number>,
): Array<RateRow & { decile: number; meanPredicted: number }> {
  const n = risk.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => risk[a]! - risk[b]!);
  return Array.from({ length: 10 }, (_, d) => {
    const slice = order.slice(Math.floor((d * n) / 10), Math.floor(((d + 1) * n) / 10));
    const churned = slice.reduce((sum, i) => sum + (labels[i] ? 1 : 0), 0);
    const mean = slice.reduce((sum, i) => sum + risk[i]!, 0) / Math.max(1, slice.length);
    return { decile: d + 1, meanPredicted: mean, ...rate(slice.length, churned) };
  });
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
