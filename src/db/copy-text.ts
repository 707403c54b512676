/**
 * PostgreSQL's COPY text format: one row per line, values separated by a tab, `\N` for null, and
 * backslash, tab, newline and carriage return escaped with a backslash. Numbers and ISO dates are
 * written as their text; the server parses them into the table's column types.
 */
const SPECIAL = /[\\\t\n\r]/;
const SPECIAL_ALL = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

export function copyTextValue(value: string | number | null): string {
  if (value === null) return "\\N";
  if (typeof value === "number") return String(value);
  return SPECIAL.test(value) ? value.replace(SPECIAL_ALL, (char) => ESCAPES[char]!) : value;
}

/** One row as a line of COPY text, newline included. */
export function copyTextLine(values: ReadonlyArray<string | number | null>): string {
  let line = copyTextValue(values[0] ?? null);
  for (let i = 1; i < values.length; i += 1) line += `\t${copyTextValue(values[i] ?? null)}`;
  return `${line}\n`;
}
