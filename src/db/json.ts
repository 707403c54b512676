/**
 * A json/jsonb column as a value. pg parses json columns itself; PGlite hands some paths (a json
 * aggregate, a column read through a CTE) back as text. This is the one place that difference is
 * handled; nothing outside src/db sees it.
 */
export function jsonColumn<T = unknown>(value: unknown): T {
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}
