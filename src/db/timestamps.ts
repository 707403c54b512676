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
