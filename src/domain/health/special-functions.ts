/**
 * The few special functions the repeat-buying model needs. Written here because the npm packages that
 * provide log-gamma (@stdlib/math-base-special-gammaln) pull in about a hundred sub-packages for one
 * 20-line function; this is the classic Lanczos approximation (g = 7, n = 9), accurate to ~1e-15.
 */
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** ln Γ(x) for x > 0. */
export function logGamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  if (x < 0.5) {
    // Reflection: Γ(x)Γ(1−x) = π / sin(πx).
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  }
  const z = x - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i += 1) sum += LANCZOS[i]! / (z + i);
  const t = z + 7.5;
  return HALF_LOG_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** 1 / (1 + e^−x), without overflow for large |x|. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** ln(p / (1 − p)), with p clamped away from 0 and 1 so the result stays finite. */
export function logit(p: number, epsilon = 1e-6): number {
  const clamped = Math.min(1 - epsilon, Math.max(epsilon, p));
  return Math.log(clamped / (1 - clamped));
}

/** B₂ₖ / 2k for k = 1…6: ψ(z) ≈ ln z − 1/(2z) − Σ B₂ₖ / (2k z²ᵏ). */
const DIGAMMA_SERIES = [1 / 12, -1 / 120, 1 / 252, -1 / 240, 1 / 132, -691 / 32760];

/**
 * ψ(x) = d/dx ln Γ(x) for x > 0: the recurrence ψ(x) = ψ(x + 1) − 1/x up to x ≥ 10, then the
 * asymptotic series (truncation error below 1e-15 there).
 */
export function digamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  let shift = 0;
  let z = x;
  while (z < 10) {
    shift -= 1 / z;
    z += 1;
  }
  const inv2 = 1 / (z * z);
  let series = 0;
  for (let k = DIGAMMA_SERIES.length - 1; k >= 0; k -= 1) series = (series + DIGAMMA_SERIES[k]!) * inv2;
  return shift + Math.log(z) - 0.5 / z - series;
}

export interface MinimizeResult {
  point: number[];
  value: number;
  iterations: number;
}

/**
 * BFGS quasi-Newton minimisation with a backtracking (Armijo) line search, for the 4-parameter BG/NBD
 * likelihood. Deterministic. Written here because it is small for a dense 4×4 problem, and npm has no
 * well-kept optimiser worth a dependency (`fmin` has been unmaintained since 2017; the larger numeric
 * libraries bring far more than this).
 *
 * `f` returns the value at a point and writes its gradient; a non-finite value marks a point outside
 * the domain, which the line search backs away from. The inverse-Hessian estimate starts from the
 * finite-difference Hessian of the gradient at the start when that is positive definite (n more
 * evaluations; from a start near the optimum, as a warm start is, BFGS then needs about 3 iterations
 * instead of 15–20), else from steepest descent and a scaled identity.
 *
 * It stops when the quasi-Newton step, the estimated distance to the optimum, is within
 * `stepTolerance` in every coordinate, or when neither that direction nor the steepest descent gives a
 * decrease (the optimum to within rounding, or the domain's edge). Near the optimum a sum over
 * thousands of terms only resolves changes of about 1e-14 of its size while the gradient stays
 * accurate: the line search lets `relativeNoise` of the value pass as no increase, so the last steps
 * are taken on the gradient's word instead of stalling.
 */
export function minimizeBfgs(
  f: (point: number[], gradient: number[]) => number,
  start: number[],
  options: { maxIterations?: number; stepTolerance?: number; maxStep?: number; relativeNoise?: number } = {},
): MinimizeResult {
  const n = start.length;
  const maxIterations = options.maxIterations ?? 200;
  const stepTolerance = options.stepTolerance ?? 1e-8;
  const maxStep = options.maxStep ?? 1;
  const relativeNoise = options.relativeNoise ?? 1e-13;
  let point = [...start];
  let gradient = new Array<number>(n).fill(0);
  let value = f(point, gradient);
  if (!Number.isFinite(value)) return { point, value, iterations: 0 };
  // The inverse-Hessian estimate; null: not known, take a steepest-descent step.
  let inverse = inverseIfPositiveDefinite(finiteDifferenceHessian(f, point, gradient));
  let iterations = 0;
  for (; iterations < maxIterations; iterations += 1) {
    const direction = inverse ? negate(times(inverse, gradient)) : negate(gradient);
    if (inverse && maxAbs(direction) <= stepTolerance) break;
    const slope = dot(gradient, direction);
    if (!(slope < 0)) {
      // Not a descent direction: the estimate went bad (start afresh from steepest descent), or the
      // gradient is zero or not a number.
      if (inverse === null) break;
      inverse = null;
      continue;
    }
    // A step of steepest descent (or a long quasi-Newton step) is capped at maxStep per coordinate.
    let step = Math.min(1, maxStep / maxAbs(direction));
    const noise = relativeNoise * Math.abs(value);
    const nextGradient = new Array<number>(n).fill(0);
    let next: number[] = [];
    let nextValue = Number.NaN;
    let accepted = false;
    for (let tries = 0; tries < 40; tries += 1) {
      next = point.map((v, i) => v + step * direction[i]!);
      nextValue = f(next, nextGradient);
      if (Number.isFinite(nextValue) && nextValue <= value + 1e-4 * step * slope + noise) {
        accepted = true;
        break;
      }
      // The minimum of the quadratic through value, slope and nextValue, within [0.1, 0.5] of the step.
      const quadratic = Number.isFinite(nextValue)
        ? (-slope * step * step) / (2 * (nextValue - value - slope * step))
        : 0;
      step = Math.min(0.5 * step, Math.max(0.1 * step, quadratic));
    }
    if (!accepted) {
      // No decrease along the quasi-Newton direction: one more try along the steepest descent.
      if (inverse === null) break;
      inverse = null;
      continue;
    }
    const s = next.map((v, i) => v - point[i]!);
    if (maxAbs(s) <= stepTolerance) {
      // The step taken was within tolerance: converged. Against the domain's edge the direction stays
      // long while every accepted step is cut short, so the direction alone would never say so.
      point = next;
      value = nextValue;
      gradient = nextGradient;
      iterations += 1;
      break;
    }
    const y = nextGradient.map((v, i) => v - gradient[i]!);
    const sy = dot(s, y);
    // After a steepest-descent step: a scaled identity (Nocedal & Wright eq. 6.20) to update.
    inverse ??= identity(n, sy > 0 ? sy / dot(y, y) : 1);
    // Curvature condition: without it the update would lose positive definiteness; skip it then.
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) inverse = bfgsUpdate(inverse, s, y, sy);
    point = next;
    value = nextValue;
    gradient = nextGradient;
  }
  return { point, value, iterations };
}

/** H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ with ρ = 1 / (yᵀ s). */
function bfgsUpdate(inverse: number[][], s: number[], y: number[], sy: number): number[][] {
  const rho = 1 / sy;
  const hy = times(inverse, y);
  const yhy = dot(y, hy);
  return inverse.map((row, i) =>
    row.map((h, j) => h - rho * (hy[i]! * s[j]! + s[i]! * hy[j]!) + (rho * rho * yhy + rho) * s[i]! * s[j]!),
  );
}

/** Forward differences of the gradient (step 1e-5 per coordinate), symmetrised; null outside the domain. */
function finiteDifferenceHessian(
  f: (point: number[], gradient: number[]) => number,
  point: number[],
  gradient: number[],
): number[][] | null {
  const h = 1e-5;
  const rows: number[][] = [];
  for (let i = 0; i < point.length; i += 1) {
    const shifted = point.map((v, j) => (i === j ? v + h : v));
    const shiftedGradient = new Array<number>(point.length).fill(0);
    if (!Number.isFinite(f(shifted, shiftedGradient))) return null;
    rows.push(shiftedGradient.map((v, j) => (v - gradient[j]!) / h));
  }
  return rows.map((row, i) => row.map((v, j) => (v + rows[j]![i]!) / 2));
}

/** The inverse of a symmetric matrix through its Cholesky factor L (A = L Lᵀ); null unless positive definite. */
function inverseIfPositiveDefinite(matrix: number[][] | null): number[][] | null {
  if (matrix === null) return null;
  const n = matrix.length;
  const lower = matrix.map(() => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i += 1) {
    for (let j = 0; j <= i; j += 1) {
      let sum = matrix[i]![j]!;
      for (let k = 0; k < j; k += 1) sum -= lower[i]![k]! * lower[j]![k]!;
      if (i === j) {
        if (!(sum > 0)) return null;
        lower[i]![i] = Math.sqrt(sum);
      } else {
        lower[i]![j] = sum / lower[j]![j]!;
      }
    }
  }
  // Column k of the inverse solves L z = e_k, then Lᵀ x = z.
  const inverse = matrix.map(() => new Array<number>(n).fill(0));
  for (let k = 0; k < n; k += 1) {
    const z = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i += 1) {
      let sum = i === k ? 1 : 0;
      for (let j = 0; j < i; j += 1) sum -= lower[i]![j]! * z[j]!;
      z[i] = sum / lower[i]![i]!;
    }
    for (let i = n - 1; i >= 0; i -= 1) {
      let sum = z[i]!;
      for (let j = i + 1; j < n; j += 1) sum -= lower[j]![i]! * inverse[j]![k]!;
      inverse[i]![k] = sum / lower[i]![i]!;
    }
  }
  return inverse;
}

function identity(n: number, scale: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? scale : 0)));
}

function times(matrix: number[][], vector: number[]): number[] {
  return matrix.map((row) => dot(row, vector));
}

function dot(p: number[], q: number[]): number {
  let sum = 0;
  for (let i = 0; i < p.length; i += 1) sum += p[i]! * q[i]!;
  return sum;
}

function negate(vector: number[]): number[] {
  return vector.map((v) => -v);
}

function maxAbs(vector: number[]): number {
  return vector.reduce((max, v) => Math.max(max, Math.abs(v)), 0);
}
