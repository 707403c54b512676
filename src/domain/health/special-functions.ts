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

export interface MinimizeResult {
  point: number[];
  value: number;
  iterations: number;
}

/**
 * Nelder–Mead simplex minimisation. Deterministic; used for the 4-parameter BG/NBD likelihood, where
 * the gradient would need the digamma function and the simplex converges in a few hundred
 * evaluations. (npm's `fmin` does this too but has been unmaintained since 2017.)
 */
export function nelderMead(
  f: (point: number[]) => number,
  start: number[],
  options: { step?: number; maxIterations?: number; tolerance?: number } = {},
): MinimizeResult {
  const n = start.length;
  const step = options.step ?? 0.5;
  const maxIterations = options.maxIterations ?? 1000;
  const tolerance = options.tolerance ?? 1e-9;
  let simplex = [start, ...start.map((_, i) => start.map((v, j) => (i === j ? v + step : v)))].map(
    (point) => ({ point, value: f(point) }),
  );
  let iterations = 0;
  for (; iterations < maxIterations; iterations += 1) {
    simplex.sort((a, b) => a.value - b.value);
    const best = simplex[0]!;
    const worst = simplex[n]!;
    if (Math.abs(worst.value - best.value) <= tolerance * (Math.abs(best.value) + tolerance)) break;
    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i += 1) for (let j = 0; j < n; j += 1) centroid[j]! += simplex[i]!.point[j]! / n;
    const along = (t: number) => centroid.map((c, j) => c + t * (worst.point[j]! - c));
    const reflected = along(-1);
    const reflectedValue = f(reflected);
    if (reflectedValue < best.value) {
      const expanded = along(-2);
      const expandedValue = f(expanded);
      simplex[n] =
        expandedValue < reflectedValue
          ? { point: expanded, value: expandedValue }
          : { point: reflected, value: reflectedValue };
      continue;
    }
    if (reflectedValue < simplex[n - 1]!.value) {
      simplex[n] = { point: reflected, value: reflectedValue };
      continue;
    }
    const outside = reflectedValue < worst.value;
    const contracted = along(outside ? -0.5 : 0.5);
    const contractedValue = f(contracted);
    if (contractedValue < (outside ? reflectedValue : worst.value)) {
      simplex[n] = { point: contracted, value: contractedValue };
      continue;
    }
    // Shrink towards the best point.
    simplex = simplex.map((vertex, i) => {
      if (i === 0) return vertex;
      const point = vertex.point.map((v, j) => best.point[j]! + 0.5 * (v - best.point[j]!));
      return { point, value: f(point) };
    });
  }
  simplex.sort((a, b) => a.value - b.value);
  return { point: simplex[0]!.point, value: simplex[0]!.value, iterations };
}
