/**
 * One CSV line as RFC 4180 writes it: a field is quoted when it holds a comma, a quote or a line break,
 * with quotes doubled. Written here: it is the whole of what the CLI's exports need, and csv-stringify
 * would be a dependency for these few lines.
 */
export function csvLine(fields: ReadonlyArray<string | number | null>): string {
  return fields
    .map((field) => {
      const text = field === null ? "" : String(field);
      return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
    })
    .join(",");
}
