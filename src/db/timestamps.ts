/**
 * The outbox and job tables use `timestamp(3)` without a time zone, holding UTC (Prisma's
 * convention). Both drivers would otherwise convert through the process's local zone, so instants go
 * in as ISO strings and come out as timestamptz: correct whatever TZ the process or server has.
 */

/** SQL for a parameter holding an ISO instant, as a UTC `timestamp`. */
export function sqlTimestamp(param: string): string {
  return `(${param}::timestamptz AT TIME ZONE 'UTC')`;
}

/** SQL reading a UTC `timestamp` column back as an instant (timestamptz, a Date in JavaScript). */
export function sqlInstant(column: string): string {
  return `(${column} AT TIME ZONE 'UTC')`;
}

/** A value from `sqlInstant` (a Date from pg and PGlite; a string from some paths) as a Date. */
export function toDate(value: Date | string | null): Date | null {
  if (value === null) return null;
  return value instanceof Date ? value : new Date(value);
}

/** SQL reading a UTC `timestamp` column as ISO text ("2026-11-25T09:00:00Z"), whatever the session's zone. */
export function isoText(column: string): string {
  return `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
}

/**
 * A `timestamp` column as Prisma hands it back (a Date, the stored value read as UTC) in the text
 * PostgreSQL gives for `column::text` ("2026-12-02 03:07:36.59"; no fraction when it is zero), so a
 * repository moved from raw SQL to Prisma Client keeps returning the same strings.
 */
export function timestampText(value: Date): string;
export function timestampText(value: Date | null): string | null;
export function timestampText(value: Date | null): string | null {
  if (value === null) return null;
  const iso = value.toISOString(); // 2026-12-02T03:07:36.590Z
  const fraction = iso.slice(20, 23).replace(/0+$/, "");
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${fraction ? `.${fraction}` : ""}`;
}
