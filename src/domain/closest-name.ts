/**
 * The known name nearest to what someone typed ("klant-riscio" → "klant-risico"), for "did you
 * mean …?". Plain Levenshtein distance over a handful of short names: a dependency for a dozen
 * lines over four command names is not worth it.
 */
export function closestName(typed: string, known: readonly string[], maxDistance = 3): string | null {
  const wanted = typed.toLowerCase();
  let best: { name: string; distance: number } | null = null;
  for (const name of known) {
    const distance = editDistance(wanted, name.toLowerCase());
    if (distance <= maxDistance && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name ?? null;
}

export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
