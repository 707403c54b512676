import type { SqlSession } from "../sql-session.ts";

/**
 * Claim an inbound platform event once, across every bot instance sharing the database: the
 * `job_runs` unique key (job_id, period_key) makes a second claim of the same id a no-op.
 * Returns false when the event was already claimed (a retry of something already handled).
 */
export async function claimInboundEvent(
  sql: SqlSession,
  options: { source: string; eventId: string; claimedBy: string },
): Promise<boolean> {
  const rows = await sql.query<{ id: number }>(
    `INSERT INTO job_runs (job_id, period_key, claimed_by, finished_at)
     VALUES ($1, $2, $3, now())
     ON CONFLICT (job_id, period_key) DO NOTHING
     RETURNING id`,
    [options.source, options.eventId, options.claimedBy],
  );
  return rows.length > 0;
}

/** Forget claims older than a day: platforms retry within minutes, so old ids are never seen again. */
export async function pruneInboundEvents(sql: SqlSession, source: string): Promise<void> {
  await sql.query("DELETE FROM job_runs WHERE job_id = $1 AND started_at < now() - interval '1 day'", [
    source,
  ]);
}
