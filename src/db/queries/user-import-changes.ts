import type { SqlSession } from "../sql-session.ts";

/**
 * Guards for a `users` import, run on its staging table (`import_stage`) inside the import's
 * transaction, before the merge. An import can give someone a role or move a chat account (Slack or
 * Teams id) to another person: both are privilege changes, so they are capped by the importing
 * token's max role, named in the run's report and written to the audit log.
 */
export type StagedRole = "ADMIN" | "MANAGER" | "MEMBER";

const rank = (column: string) =>
  `CASE ${column} WHEN 'ADMIN' THEN 3 WHEN 'MANAGER' THEN 2 WHEN 'MEMBER' THEN 1 ELSE 0 END`;

export interface RoleLimitViolation {
  line: number;
  email: string;
  /** The role the row asks for, or the existing user's role when that is the one above the cap. */
  role: StagedRole;
  existing: boolean;
}

/**
 * Removes from the stage every row that would go above `maxRole`: a row asking for a higher role, or
 * a row touching a user who already has a higher role (a token must not demote, rename or re-link an
 * admin it could not have made). Returns the removed rows, in line order.
 */
export async function removeRowsAboveRole(
  tx: SqlSession,
  maxRole: StagedRole,
): Promise<RoleLimitViolation[]> {
  const rows = await tx.query<{ line: number; email: string; role: StagedRole; existing: boolean }>(
    `WITH bad AS (
       DELETE FROM import_stage s
       USING (SELECT s2.line, u.role::text AS existing_role
                FROM import_stage s2 LEFT JOIN users u ON u.email = s2.email) x
       WHERE x.line = s.line
         AND (${rank("s.role")} > ${rank("$1")} OR ${rank("x.existing_role")} > ${rank("$1")})
       RETURNING s.line, s.email,
                 CASE WHEN ${rank("x.existing_role")} > ${rank("$1")} THEN x.existing_role ELSE s.role END AS role,
                 ${rank("x.existing_role")} > ${rank("$1")} AS existing
     )
     SELECT line, email, role, existing FROM bad ORDER BY line`,
    [maxRole],
  );
  return rows.map((row) => ({ ...row, line: Number(row.line) }));
}

export type UserChangeField = "role" | "slack_user_id" | "teams_user_id";

export interface UserChange {
  userId: number | null;
  email: string;
  field: UserChangeField;
  from: string | null;
  to: string | null;
}

/**
 * The privilege-relevant changes the merge is about to make, as the users merge computes them (an
 * empty cell keeps what the user has): a changed role or chat id of an existing user, and a new user
 * who starts above MEMBER.
 */
export async function stagedUserChanges(tx: SqlSession): Promise<UserChange[]> {
  const rows = await tx.query<{
    user_id: number | null;
    email: string;
    field: UserChangeField;
    old_value: string | null;
    new_value: string | null;
  }>(
    `SELECT e.id AS user_id, s.email, c.field, c.old_value, c.new_value
     FROM import_stage s
     LEFT JOIN users e ON e.email = s.email
     CROSS JOIN LATERAL (VALUES
       ('role', e.role::text, COALESCE(s.role, e.role::text, 'MEMBER')),
       ('slack_user_id', e.slack_user_id, COALESCE(s.slack_user_id, e.slack_user_id)),
       ('teams_user_id', e.teams_user_id, COALESCE(s.teams_user_id, e.teams_user_id))
     ) AS c(field, old_value, new_value)
     WHERE CASE WHEN e.id IS NULL THEN c.field = 'role' AND c.new_value <> 'MEMBER'
                ELSE c.old_value IS DISTINCT FROM c.new_value END
     ORDER BY s.line, c.field`,
  );
  return rows.map((row) => ({
    userId: row.user_id === null ? null : Number(row.user_id),
    email: row.email,
    field: row.field,
    from: row.old_value,
    to: row.new_value,
  }));
}

/** One audit event per change, after the merge (so new users have their id). */
export async function auditUserChanges(
  tx: SqlSession,
  changes: UserChange[],
  context: { at: Date; runId: number; source: string },
): Promise<void> {
  if (changes.length === 0) return;
  await tx.query(
    `INSERT INTO audit_events (at, actor_user_id, action, entity, entity_id, detail)
     SELECT $1, NULL, CASE c.field WHEN 'role' THEN 'user.role_changed' ELSE 'user.chat_id_changed' END,
            'user', u.id::text,
            jsonb_build_object('field', c.field, 'from', c.old_value, 'to', c.new_value,
                               'importRunId', $2::int, 'source', $3::text)
     FROM unnest($4::text[], $5::text[], $6::text[], $7::text[]) AS c(email, field, old_value, new_value)
     JOIN users u ON u.email = c.email`,
    [
      context.at,
      context.runId,
      context.source,
      changes.map((change) => change.email),
      changes.map((change) => change.field),
      changes.map((change) => change.from),
      changes.map((change) => change.to),
    ],
  );
}
