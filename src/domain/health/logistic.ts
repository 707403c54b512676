/**
 * L2-regularised logistic regression by Newton's method (IRLS). A handful of features and up to a few
 * hundred thousand rows: each iteration builds the p×p Hessian in one pass and solves it by Cholesky.
 * Written here (a few dozen lines) rather than taken from `ml-logistic-regression`, which fits by plain
 * gradient descent without regularisation or convergence control, so its answer depends on the
 * learning rate and the number of steps.
 *
 * Features are standardised first (mean 0, sd 1, kept with the model) so one penalty fits all of them
 * and the intercept is the log-odds of a typical row. The intercept is not penalised.
 */
import { sigmoid } from "./special-functions.ts";

export interface LogisticModel {
  featureNames: string[];
  means: number[];
  sds: number[];
  intercept: number;
  /** One coefficient per standardised feature. */
  coefficients: number[];
}

export interface LogisticFitOptions {
  /** L2 penalty per row (total penalty = lambda × rows); default 1e-3. */
  lambda?: number;
  /**
   * Coefficients (per unit of each raw feature) the penalty pulls towards instead of 0; default all 0.
   * A strong penalty then gives this model, a weak one the data's own fit.
   */
  prior?: ArrayLike<number>;
  maxIterations?: number;
}

export function fitLogistic(
  featureNames: string[],
  rows: ReadonlyArray<ArrayLike<number>>,
  labels: ArrayLike<number>,
  options: LogisticFitOptions = {},
): LogisticModel {
  const n = rows.length;
  const p = featureNames.length;
  const { means, sds } = standardisation(rows, p);
  const lambda = (options.lambda ?? 1e-3) * Math.max(1, n);
  const positives = Array.from({ length: n }, (_, i) => labels[i]!).reduce((a, b) => a + b, 0);
  // Start at the base rate: the intercept-only model.
  const base = (positives + 0.5) / (n + 1);
  // The prior per standardised feature (a raw coefficient c is c × sd per standard deviation).
  const prior = Array.from({ length: p }, (_, j) => (options.prior?.[j] ?? 0) * sds[j]!);
  let beta = [Math.log(base / (1 - base)), ...new Array<number>(p).fill(0)];
  const z = new Float64Array(p + 1);
  for (let iteration = 0; iteration < (options.maxIterations ?? 50); iteration += 1) {
    const size = p + 1;
    const hessian = new Float64Array(size * size);
    const gradient = new Float64Array(size);
    for (let i = 0; i < n; i += 1) {
      const row = rows[i]!;
      z[0] = 1;
      for (let j = 0; j < p; j += 1) z[j + 1] = (row[j]! - means[j]!) / sds[j]!;
      let eta = 0;
      for (let j = 0; j < size; j += 1) eta += beta[j]! * z[j]!;
      const prob = sigmoid(eta);
      const weight = Math.max(prob * (1 - prob), 1e-10);
      const residual = labels[i]! - prob;
      for (let j = 0; j < size; j += 1) {
        gradient[j]! += residual * z[j]!;
        const wz = weight * z[j]!;
        for (let k = 0; k <= j; k += 1) hessian[j * size + k]! += wz * z[k]!;
      }
    }
    for (let j = 1; j < size; j += 1) {
      gradient[j]! -= lambda * (beta[j]! - prior[j - 1]!);
      hessian[j * size + j]! += lambda;
    }
    const step = solveSymmetric(hessian, gradient, size);
    beta = beta.map((value, j) => value + step[j]!);
    if (step.reduce((max, value) => Math.max(max, Math.abs(value)), 0) < 1e-8) break;
  }
  return { featureNames, means, sds, intercept: beta[0]!, coefficients: beta.slice(1) };
}

/** Log-odds contribution of each feature (0 for a feature at its training mean). */
export function contributions(model: LogisticModel, features: ArrayLike<number>): number[] {
  return model.coefficients.map(
    (coefficient, j) => coefficient * ((features[j]! - model.means[j]!) / model.sds[j]!),
  );
}

export function predictLogistic(model: LogisticModel, features: ArrayLike<number>): number {
  return sigmoid(model.intercept + contributions(model, features).reduce((a, b) => a + b, 0));
}

function standardisation(
  rows: ReadonlyArray<ArrayLike<number>>,
  p: number,
): { means: number[]; sds: number[] } {
  const means = new Array<number>(p).fill(0);
  const squares = new Array<number>(p).fill(0);
  for (const row of rows) {
    for (let j = 0; j < p; j += 1) {
      means[j]! += row[j]!;
      squares[j]! += row[j]! * row[j]!;
    }
  }
  const n = Math.max(1, rows.length);
  const sds = means.map((sum, j) => {
    const mean = sum / n;
    const variance = squares[j]! / n - mean * mean;
    // A constant feature (a source nobody delivered) gets sd 1: its standardised value is 0 for all.
    return variance > 1e-12 ? Math.sqrt(variance) : 1;
  });
  return { means: means.map((sum) => sum / n), sds };
}

/** Solves A x = b for a symmetric positive-definite A given by its lower triangle (Cholesky). */
function solveSymmetric(lower: Float64Array, b: Float64Array, size: number): number[] {
  const l = new Float64Array(size * size);
  for (let j = 0; j < size; j += 1) {
    let diagonal = lower[j * size + j]!;
    for (let k = 0; k < j; k += 1) diagonal -= l[j * size + k]! ** 2;
    const root = Math.sqrt(Math.max(diagonal, 1e-12));
    l[j * size + j] = root;
    for (let i = j + 1; i < size; i += 1) {
      let value = lower[i * size + j]!;
      for (let k = 0; k < j; k += 1) value -= l[i * size + k]! * l[j * size + k]!;
      l[i * size + j] = value / root;
    }
  }
  const y = new Array<number>(size).fill(0);
  for (let i = 0; i < size; i += 1) {
    let value = b[i]!;
    for (let k = 0; k < i; k += 1) value -= l[i * size + k]! * y[k]!;
    y[i] = value / l[i * size + i]!;
  }
  const x = new Array<number>(size).fill(0);
  for (let i = size - 1; i >= 0; i -= 1) {
    let value = y[i]!;
    for (let k = i + 1; k < size; k += 1) value -= l[k * size + i]! * x[k]!;
    x[i] = value / l[i * size + i]!;
  }
  return x;
}
