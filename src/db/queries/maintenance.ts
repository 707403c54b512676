import type { SqlSession } from "../sql-session.ts";

/** Fresh planner statistics after a bulk load, or the planner guesses and scoring gets several times slower. */
export async function analyzeTables(sql: SqlSession): Promise<void> {
  await sql.exec("ANALYZE");
}

/** How many customers the book holds (0 on a fresh database). */
export async function countCustomers(sql: SqlSession): Promise<number> {
  const [row] = await sql.query<{ count: number }>("SELECT count(*)::int AS count FROM customers");
  return row?.count ?? 0;
}

/** The date of the newest health snapshot, or null before the first scoring. */
export async function latestSnapshotDate(sql: SqlSession): Promise<string | null> {
  const [row] = await sql.query<{ latest: string | null }>(
    "SELECT max(as_of)::text AS latest FROM health_snapshots",
  );
  return row?.latest ?? null;
}

/** Deliveries still waiting in the outbox. */
export async function countPendingDeliveries(sql: SqlSession): Promise<number> {
  const [row] = await sql.query<{ pending: number }>(
    "SELECT count(*)::int AS pending FROM deliveries WHERE status = 'PENDING'",
  );
  return row?.pending ?? 0;
}

/**
 * The demo's stand-in Slack workspace: every user without a Slack id gets `U0DEMO<id>`. Returns all
 * users with their Slack id, so the local Slack can answer users.info for each.
 */
export async function giveUsersDemoSlackIds(
  sql: SqlSession,
): Promise<Array<{ id: number; name: string; email: string; slackUserId: string; locale: string }>> {
  const rows = await sql.query<{
    id: number;
    name: string;
    email: string;
    slack_user_id: string;
    locale: string;
  }>(
    `UPDATE users SET slack_user_id = COALESCE(slack_user_id, 'U0DEMO' || id)
     RETURNING id, name, email, slack_user_id, locale`,
  );
  return rows.map((row) => ({
    id: Number(row.id),
    name: row.name,
    email: row.email,
    slackUserId: row.slack_user_id,
    locale: row.locale,
  }));
}

/** Whether the database answers at all (GET /healthz). */
export async function pingDatabase(sql: SqlSession): Promise<void> {
  await sql.query("SELECT 1");
}
