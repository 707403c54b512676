import type { SqlSession } from "../sql-session.ts";

/**
 * Idempotency for chat interactions. Each state-changing interaction is claimed by the platform's own
 * identity of it (Slack: view id + hash, action_ts + container, a slash command's trigger_id; Teams:
 * the activity id) under the table's primary key, so a replayed or retried request — on this instance
 * or another sharing the database — finds the key taken and has no second effect. Keys expire after a
 * day (Slack refuses requests older than 5 minutes; Teams retries within seconds) and are pruned by the
 * `interactions.prune` job.
 */
export const INTERACTION_KEY_TTL_HOURS = 24;

/** True when this call claimed the key; false when the interaction was already handled. */
export async function claimInteraction(sql: SqlSession, key: string): Promise<boolean> {
  const rows = await sql.query<{ key: string }>(
    `INSERT INTO interaction_keys (key, expires_at)
     VALUES ($1, now() + make_interval(hours => $2::int))
     ON CONFLICT (key) DO NOTHING
     RETURNING key`,
    [key, INTERACTION_KEY_TTL_HOURS],
  );
  return rows.length > 0;
}

/** Give a claim back when the interaction had no effect (a form with errors, a failure), so it can be retried. */
export async function releaseInteraction(sql: SqlSession, key: string): Promise<void> {
  await sql.query("DELETE FROM interaction_keys WHERE key = $1", [key]);
}

/** Deletes expired keys; returns how many. */
export async function pruneInteractionKeys(sql: SqlSession): Promise<number> {
  const rows = await sql.query<{ n: number }>(
    "WITH gone AS (DELETE FROM interaction_keys WHERE expires_at < now() RETURNING 1) SELECT count(*)::int AS n FROM gone",
  );
  return Number(rows[0]?.n ?? 0);
}
