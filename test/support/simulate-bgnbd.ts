import type { BgNbdParams, RepeatHistory } from "../../src/domain/health/bgnbd.ts";

/** A small seeded PRNG (mulberry32): the same seed gives the same book. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(random: () => number): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Gamma(shape, scale 1) by Marsaglia & Tsang (shape < 1 by the boost u^(1/shape)). */
function gamma(random: () => number, shape: number): number {
  if (shape < 1) return gamma(random, shape + 1) * (1 - random()) ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = normal(random);
    const v = (1 + c * z) ** 3;
    if (v <= 0) continue;
    if (Math.log(1 - random()) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** Histories drawn from the BG/NBD process itself, observed for `weeks` weeks after each first purchase. */
export function simulateBgNbd(
  params: BgNbdParams,
  customers: number,
  seed: number,
  observedWeeks: (random: () => number) => number,
): RepeatHistory[] {
  const random = seededRandom(seed);
  const histories: RepeatHistory[] = [];
  for (let i = 0; i < customers; i += 1) {
    const rate = gamma(random, params.r) / params.alpha;
    const ga = gamma(random, params.a);
    const p = ga / (ga + gamma(random, params.b));
    const T = observedWeeks(random);
    let time = 0;
    let x = 0;
    let tx = 0;
    for (;;) {
      time += -Math.log(1 - random()) / rate;
      if (time > T) break;
      x += 1;
      tx = time;
      if (random() < p) break;
    }
    histories.push({ x, tx, T });
  }
  return histories;
}
