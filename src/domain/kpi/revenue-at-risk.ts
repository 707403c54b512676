/**
 * What-if for revenue at risk: how much revenue a churn rate loses, and what lowering it keeps.
 * Worked example (ARCHITECTURE.md): €1,000,000 over 50 customers (€20,000 each); 30 % churn loses
 * €300,000, 20 % loses €200,000, so going from 30 to 20 % keeps €100,000.
 */
export interface WhatIfInput {
  /** Cents, trailing 12 months. */
  totalRevenue: number;
  customers: number;
  /** Percentage: 30 = 30 %. */
  churnRate: number;
  /** Optional churn rate to compare with, percentage. */
  targetChurnRate?: number;
}

export interface ChurnLoss {
  churnRate: number;
  /** Expected customers lost; fractional on purpose (50 × 33 % = 16.5). */
  customersLost: number;
  /** Cents, rounded to a whole cent. */
  revenueLost: number;
}

export interface WhatIfResult extends ChurnLoss {
  /** Cents, rounded; null without customers. */
  revenuePerCustomer: number | null;
  /** Present when a target churn rate was given. */
  target?: ChurnLoss & {
    /** Cents kept by reaching the target instead of the current churn (negative if the target is worse). */
    revenueKept: number;
  };
}

export function revenueAtRiskWhatIf(input: WhatIfInput): WhatIfResult {
  const loss = (churnRate: number): ChurnLoss => ({
    churnRate,
    customersLost: (input.customers * churnRate) / 100,
    revenueLost: Math.round((input.totalRevenue * churnRate) / 100),
  });
  const current = loss(input.churnRate);
  const revenuePerCustomer = input.customers > 0 ? Math.round(input.totalRevenue / input.customers) : null;
  if (input.targetChurnRate === undefined) return { ...current, revenuePerCustomer };
  const target = loss(input.targetChurnRate);
  return {
    ...current,
    revenuePerCustomer,
    target: { ...target, revenueKept: current.revenueLost - target.revenueLost },
  };
}

export interface AtRiskWhatIf {
  /** Churn among the at-risk customers now and in the what-if, whole percentages. */
  fromRate: number;
  toRate: number;
  /** Cents kept by the lower churn. */
  revenueKept: number;
}

/**
 * The what-if a manager reads under revenue at risk: "if churn among the at-risk customers falls from
 * 30 % to 20 %, € 100.000 stays". The current rate is the at-risk customers' mean churn chance,
 * rounded to a whole percent; the what-if is 10 points lower (not below 0).
 */
export function atRiskWhatIf(input: {
  revenueAtRisk: number;
  customers: number;
  churnProbability: number;
}): AtRiskWhatIf | null {
  if (input.customers === 0 || input.revenueAtRisk <= 0) return null;
  const fromRate = Math.round(input.churnProbability * 100);
  const toRate = Math.max(0, fromRate - 10);
  const result = revenueAtRiskWhatIf({
    totalRevenue: input.revenueAtRisk,
    customers: input.customers,
    churnRate: fromRate,
    targetChurnRate: toRate,
  });
  return { fromRate, toRate, revenueKept: result.target!.revenueKept };
}
