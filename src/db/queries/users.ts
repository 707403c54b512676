/**
 * The users repository: people, their chat identities (Slack and Teams ids) and their language.
 * Services turn a StoredUser into a ChatUser (src/services/resolve-user.ts).
 */
import type { ChatPlatform } from "../../domain/chat-platform.ts";
import type { SqlSession } from "../sql-session.ts";

export interface StoredUser {
  id: number;
  name: string;
  email: string;
  role: "ADMIN" | "MANAGER" | "MEMBER";
  /** As stored ("nl", "en", "fr"); the service checks it. */
  locale: string;
  /** The person chose `locale` in Klantpuls (it no longer follows their Slack or Teams language). */
  localeChosen: boolean;
}

interface UserRow {
  id: number;
  name: string;
  email: string;
  role: StoredUser["role"];
  locale: string;
  locale_chosen: boolean | string;
}

const USER_COLUMNS = "id, name, email, role::text AS role, locale, locale_chosen";
const platformColumn: Record<ChatPlatform, string> = { SLACK: "slack_user_id", TEAMS: "teams_user_id" };

function toStoredUser(row: UserRow): StoredUser {
  return {
    id: Number(row.id),
    name: row.name,
    email: row.email,
    role: row.role,
    locale: row.locale,
    // A boolean from pg; some PGlite paths hand back "t"/"f".
    localeChosen: row.locale_chosen === true || row.locale_chosen === "t",
  };
}

/** The user with this Slack or Teams id, or null. */
export async function findUserByPlatformId(
  sql: SqlSession,
  platform: ChatPlatform,
  platformUserId: string,
): Promise<StoredUser | null> {
  const [row] = await sql.query<UserRow>(
    `SELECT ${USER_COLUMNS} FROM users WHERE ${platformColumn[platform]} = $1`,
    [platformUserId],
  );
  return row ? toStoredUser(row) : null;
}

/**
 * Remember a chat identity for the user with this e-mail (case-insensitive), unless that user is
 * already linked to another identity on the platform. Returns the linked user, or null.
 */
export async function linkUserByEmail(
  sql: SqlSession,
  platform: ChatPlatform,
  platformUserId: string,
  email: string,
): Promise<StoredUser | null> {
  const column = platformColumn[platform];
  const [row] = await sql.query<UserRow>(
    `UPDATE users SET ${column} = $1, updated_at = now()
     WHERE lower(email) = lower($2) AND (${column} IS NULL OR ${column} = $1)
     RETURNING ${USER_COLUMNS}`,
    [platformUserId, email],
  );
  return row ? toStoredUser(row) : null;
}

/** The user with this e-mail address (case-insensitive), or null. */
export async function findUserByEmail(sql: SqlSession, email: string): Promise<StoredUser | null> {
  const [row] = await sql.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE lower(email) = lower($1)`, [
    email.trim(),
  ]);
  return row ? toStoredUser(row) : null;
}

/** Follow the language the person's Slack or Teams speaks (not a choice: locale_chosen stays). */
export async function followPlatformLocale(sql: SqlSession, userId: number, locale: string): Promise<void> {
  await sql.query("UPDATE users SET locale = $1, updated_at = now() WHERE id = $2", [locale, userId]);
}

/** The person's own choice of language; null follows their Slack or Teams language again. */
export async function chooseLocale(
  sql: SqlSession,
  userId: number,
  locale: string | null,
): Promise<StoredUser | null> {
  const [row] = await sql.query<UserRow>(
    `UPDATE users SET locale = COALESCE($2, locale), locale_chosen = ($2 IS NOT NULL), updated_at = now()
     WHERE id = $1 RETURNING ${USER_COLUMNS}`,
    [userId, locale],
  );
  return row ? toStoredUser(row) : null;
}

/** People to pick from (a reassign form), by name. */
export async function listUsersByName(
  sql: SqlSession,
  limit: number,
): Promise<Array<{ id: number; name: string }>> {
  const rows = await sql.query<{ id: number; name: string }>(
    "SELECT id, name FROM users ORDER BY name LIMIT $1",
    [limit],
  );
  return rows.map((row) => ({ id: Number(row.id), name: row.name }));
}

/** A user's name and Slack id (null when not linked yet); null when the user is gone. */
export async function findUserSlackId(
  sql: SqlSession,
  userId: number,
): Promise<{ name: string; slackUserId: string | null } | null> {
  const [row] = await sql.query<{ slack_user_id: string | null; name: string }>(
    "SELECT slack_user_id, name FROM users WHERE id = $1",
    [userId],
  );
  return row ? { name: row.name, slackUserId: row.slack_user_id } : null;
}

/** A user's time zone and language, for schedules they set up (a weekly digest); null when gone. */
export async function findUserTimeSettings(
  sql: SqlSession,
  userId: number,
): Promise<{ timezone: string; locale: string } | null> {
  const [row] = await sql.query<{ timezone: string; locale: string }>(
    "SELECT timezone, locale FROM users WHERE id = $1",
    [userId],
  );
  return row ?? null;
}

/** Who a proactive message to a user reaches: name, e-mail, language and linked chat ids; null when gone. */
export async function findUserRecipient(
  sql: SqlSession,
  userId: number,
): Promise<{
  name: string;
  email: string;
  locale: string;
  slackUserId: string | null;
  teamsUserId: string | null;
} | null> {
  const [row] = await sql.query<{
    name: string;
    email: string;
    locale: string;
    slack_user_id: string | null;
    teams_user_id: string | null;
  }>("SELECT name, email, locale, slack_user_id, teams_user_id FROM users WHERE id = $1", [userId]);
  return row
    ? {
        name: row.name,
        email: row.email,
        locale: row.locale,
        slackUserId: row.slack_user_id,
        teamsUserId: row.teams_user_id,
      }
    : null;
}
