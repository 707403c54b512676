import {
  chooseLocale,
  findUserByEmail,
  findUserByPlatformId,
  followPlatformLocale,
  linkUserByEmail,
  type StoredUser,
} from "../db/queries/users.ts";
import type { ChatPlatform } from "../domain/chat-platform.ts";
import { parseLocale, toLocale } from "../i18n/index.ts";
import type { ChatUser } from "../views/chat.ts";
import type { ServiceContext } from "./context.ts";

function toChatUser(user: StoredUser): ChatUser {
  return { ...user, locale: toLocale(user.locale) };
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
  await followPlatformLocale(options.ctx.db.sql, user.id, spoken);
  return { ...user, locale: spoken };
}

async function findChatUser(options: {
  ctx: ServiceContext;
  platform: ChatPlatform;
  platformUserId: string;
  lookupEmail?: () => Promise<string | null | undefined>;
}): Promise<ChatUser | null> {
  const { ctx, platform, platformUserId } = options;
  const known = await findUserByPlatformId(ctx.db.sql, platform, platformUserId);
  if (known) return toChatUser(known);

  const email = (await options.lookupEmail?.())?.trim().toLowerCase();
  if (!email) return null;
  const linked = await linkUserByEmail(ctx.db.sql, platform, platformUserId, email);
  if (linked) ctx.log.info({ userId: linked.id, platform }, "chat identity linked by e-mail");
  return linked ? toChatUser(linked) : null;
}

/** The internal user with this e-mail address (case-insensitive), or null. */
export async function findChatUserByEmail(options: {
  ctx: ServiceContext;
  email: string;
}): Promise<ChatUser | null> {
  const user = await findUserByEmail(options.ctx.db.sql, options.email);
  return user ? toChatUser(user) : null;
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
  const user = await chooseLocale(options.ctx.db.sql, options.userId, options.locale);
  return user ? toChatUser(user) : null;
}
