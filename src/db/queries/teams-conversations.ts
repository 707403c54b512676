import { isDeepStrictEqual } from "node:util";
import type { Prisma } from "../../generated/prisma/client.ts";
import type { Database } from "../client.ts";
import { isUniqueViolation } from "../prisma-errors.ts";

/**
 * The Teams conversation references repository (table `teams_conversations`, model
 * `TeamsConversation`): one row per conversation the bot may post to later (a personal chat, a team
 * channel, a group chat). The reference is opaque JSON for the Teams layer.
 *
 * Through Prisma Client: every caller (the Teams layer on each activity and on uninstall, the
 * proactive send of the delivery dispatcher and of alert-message updates) runs outside a raw-SQL
 * transaction, so the outer client never waits on PGlite's one session.
 */
export type TeamsConversationKind = "personal" | "channel" | "groupChat";

export interface TeamsConversation {
  conversationId: string;
  kind: TeamsConversationKind;
  tenantId: string | null;
  teamId: string | null;
  /** The user's AAD object id, for personal chats. */
  aadObjectId: string | null;
  serviceUrl: string;
  reference: unknown;
}

const SELECT = {
  conversationId: true,
  kind: true,
  tenantId: true,
  teamId: true,
  aadObjectId: true,
  serviceUrl: true,
  reference: true,
} as const satisfies Prisma.TeamsConversationSelect;

type ConversationRow = Prisma.TeamsConversationGetPayload<{ select: typeof SELECT }>;

function toConversation(row: ConversationRow): TeamsConversation {
  return {
    conversationId: row.conversationId,
    kind: row.kind as TeamsConversationKind,
    tenantId: row.tenantId,
    teamId: row.teamId,
    aadObjectId: row.aadObjectId,
    serviceUrl: row.serviceUrl,
    reference: row.reference,
  };
}

/**
 * Insert or refresh a reference. Ids the new one lacks (tenant, team, AAD object) keep their stored
 * value; an unchanged row is left alone instead of rewritten (updated_at stays). Called on every
 * Teams activity, so the common case is one indexed read and no write.
 */
export async function upsertTeamsConversation(db: Database, c: TeamsConversation): Promise<void> {
  const stored = await db.prisma.teamsConversation.findUnique({
    where: { conversationId: c.conversationId },
    select: SELECT,
  });
  if (!stored) {
    try {
      await db.prisma.teamsConversation.create({
        data: {
          conversationId: c.conversationId,
          kind: c.kind,
          tenantId: c.tenantId,
          teamId: c.teamId,
          aadObjectId: c.aadObjectId,
          serviceUrl: c.serviceUrl,
          reference: c.reference as Prisma.InputJsonValue,
        },
        select: { id: true },
      });
      return;
    } catch (error) {
      // Stored meanwhile by a concurrent activity of the same conversation: refresh that row instead.
      if (!isUniqueViolation(error, "teams_conversations", "conversation_id")) throw error;
      return upsertTeamsConversation(db, c);
    }
  }
  // What would be stored, compared as jsonb compares (key order aside; JSON drops `undefined`).
  const merged: TeamsConversation = {
    conversationId: c.conversationId,
    kind: c.kind,
    tenantId: c.tenantId ?? stored.tenantId,
    teamId: c.teamId ?? stored.teamId,
    aadObjectId: c.aadObjectId ?? stored.aadObjectId,
    serviceUrl: c.serviceUrl,
    reference: JSON.parse(JSON.stringify(c.reference)),
  };
  if (isDeepStrictEqual(toConversation(stored), merged)) return;
  await db.prisma.teamsConversation.update({
    where: { conversationId: c.conversationId },
    data: {
      kind: c.kind,
      serviceUrl: c.serviceUrl,
      reference: merged.reference as Prisma.InputJsonValue,
      // A missing id leaves the column alone (not the value read above), so a concurrent write of it wins.
      ...(c.tenantId !== null ? { tenantId: c.tenantId } : {}),
      ...(c.teamId !== null ? { teamId: c.teamId } : {}),
      ...(c.aadObjectId !== null ? { aadObjectId: c.aadObjectId } : {}),
      updatedAt: new Date(),
    },
    select: { id: true },
  });
}

/**
 * Delete one conversation (`conversationId`) and/or every conversation of a team (`teamId`); null
 * matches nothing. Returns how many were removed.
 */
export async function deleteTeamsConversations(
  db: Database,
  where: { conversationId: string | null; teamId: string | null },
): Promise<number> {
  const or: Prisma.TeamsConversationWhereInput[] = [];
  if (where.conversationId !== null) or.push({ conversationId: where.conversationId });
  if (where.teamId !== null) or.push({ teamId: where.teamId });
  if (or.length === 0) return 0;
  const { count } = await db.prisma.teamsConversation.deleteMany({ where: { OR: or } });
  return count;
}

export async function findTeamsConversationById(
  db: Database,
  conversationId: string,
): Promise<TeamsConversation | null> {
  const row = await db.prisma.teamsConversation.findUnique({ where: { conversationId }, select: SELECT });
  return row ? toConversation(row) : null;
}

/**
 * The personal chat between the bot and an internal user (linked through users.teams_user_id), the
 * most recently updated one, with the user's language. Two indexed reads: the schema has no relation
 * between the two tables (the link is the AAD object id, not a foreign key).
 */
export async function findPersonalTeamsConversationOfUser(
  db: Database,
  userId: number,
): Promise<(TeamsConversation & { locale: string }) | null> {
  const user = await db.prisma.user.findUnique({
    where: { id: userId },
    select: { teamsUserId: true, locale: true },
  });
  if (!user?.teamsUserId) return null;
  const row = await db.prisma.teamsConversation.findFirst({
    where: { aadObjectId: user.teamsUserId, kind: "personal" },
    orderBy: { updatedAt: "desc" },
    select: SELECT,
  });
  return row ? { ...toConversation(row), locale: user.locale } : null;
}
