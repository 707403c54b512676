import { parseLocale, toLocale } from "../i18n/index.ts";
import type { ChatUser } from "../views/chat.ts";
import type { ServiceContext } from "./context.ts";

export type ChatPlatform = "slack" | "teams";

interface UserRow {
  id: number;
  name: string;
  email: string;
  role: ChatUser["role"];
  locale: string;
  locale_chosen: boolean;
}

const USER_COLUMNS = "id, name, email, role::text AS role, locale, locale_chosen";
const platformColumn: Record<ChatPlatform, string> = { slack: "slack_user_id", teams: "teams_user_id" };

function toChatUser(row: UserRow): ChatUser {
  return {
    id: Number(row.id),
    name: row.name,
    email: row.email,
    role: row.role,
    locale: toLocale(row.locale),
    localeChosen: row.locale_chosen === true || (row.locale_chosen as unknown) === "t",
  };
}

/**
 * The internal user behind a chat identity: by the stored platform id, else by e-mail (the platform
 * looks the e-mail up; we then remember the id so the next request is one indexed lookup).
 * Null means unknown: the caller answers "ask an admin" and shows no data.
 */
export async function resolveChatUser(options: {
  ctx: ServiceContext;
  platform: ChatPlatform;
  platformUserId: string;
  /** Called only when the id is not stored yet. */
  lookupEmail?: () => Promise<string | null | undefined>;
  /**
   * The language the platform says this person uses (Slack `users.info` locale, Teams activity
   * locale). When it is one of ours it becomes the user's language, also for alerts and pulses —
   * unless they chose their language in Klantpuls (`setUserLanguage`).
   */
  platformLocale?: string | null | undefined;
}): Promise<ChatUser | null> {
  const user = await findChatUser(options);
  const spoken = parseLocale(options.platformLocale);
  if (!user || !spoken || spoken === user.locale || user.localeChosen) return user;
  await options.ctx.db.sql.query("UPDATE users SET locale = $1, updated_at = now() WHERE id = $2", [
    spoken,
    user.id,
  ]);
  return { ...user, locale: spoken };
}

async function findChatUser(options: {
  ctx: ServiceContext;
  platform: ChatPlatform;
  platformUserId: string;
  lookupEmail?: () => Promise<string | null | undefined>;
}): Promise<ChatUser | null> {
  const { ctx, platform, platformUserId } = options;
  const column = platformColumn[platform];
  const [known] = await ctx.db.sql.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE ${column} = $1`, [
    platformUserId,
  ]);
  if (known) return toChatUser(known);

  const email = (await options.lookupEmail?.())?.trim().toLowerCase();
  if (!email) return null;
  const [linked] = await ctx.db.sql.query<UserRow>(
    `UPDATE users SET ${column} = $1, updated_at = now()
     WHERE lower(email) = $2 AND (${column} IS NULL OR ${column} = $1)
     RETURNING ${USER_COLUMNS}`,
    [platformUserId, email],
  );
  if (linked) ctx.log.info({ userId: linked.id, platform }, "chat identity linked by e-mail");
  return linked ? toChatUser(linked) : null;
}

/** The internal user with this e-mail address (case-insensitive), or null. */
export async function findChatUserByEmail(options: {
  ctx: ServiceContext;
  email: string;
}): Promise<ChatUser | null> {
  const [row] = await options.ctx.db.sql.query<UserRow>(
    `SELECT ${USER_COLUMNS} FROM users WHERE lower(email) = lower($1)`,
    [options.email.trim()],
  );
  return row ? toChatUser(row) : null;
}

/**
 * The person's own language setting: `locale` from now on, for answers, alerts, pulses and
 * escalations, whatever their Slack or Teams says; null follows their Slack or Teams language again
 * (taken over at their next request). Returns the user as it now is.
 */
export async function setUserLanguage(options: {
  ctx: ServiceContext;
  userId: number;
  locale: ChatUser["locale"] | null;
}): Promise<ChatUser | null> {
  const [row] = await options.ctx.db.sql.query<UserRow>(
    `UPDATE users SET locale = COALESCE($2, locale), locale_chosen = ($2 IS NOT NULL), updated_at = now()
     WHERE id = $1 RETURNING ${USER_COLUMNS}`,
    [options.userId, options.locale],
  );
  return row ? toChatUser(row) : null;
}
