import {
  deleteTeamsConversations,
  findPersonalTeamsConversationOfUser,
  findTeamsConversationById,
  type TeamsConversation,
  type TeamsConversationKind,
  upsertTeamsConversation,
} from "../db/queries/teams-conversations.ts";
import type { ServiceContext } from "./context.ts";

/**
 * Stored Teams conversation references: where the bot may post later without being asked (alerts,
 * digests, pulses). One row per conversation: a user's personal chat with the bot, a team channel or
 * a group chat. The reference itself is opaque JSON for the Teams layer; services only look it up.
 * Stored in src/db/queries/teams-conversations.ts.
 */
export type { TeamsConversation, TeamsConversationKind };

/**
 * Insert or refresh a reference (Teams may move a conversation to another service URL). Called on
 * every message, so an unchanged row is left alone instead of rewritten.
 */
export async function saveTeamsConversation(options: {
  ctx: ServiceContext;
  conversation: TeamsConversation;
}): Promise<void> {
  await upsertTeamsConversation(options.ctx.db.sql, options.conversation);
}

/**
 * Forget conversations after an uninstall: one conversation, or every channel of a team (removing the
 * app from a team, or deleting the team, ends all of them). Returns how many were removed.
 */
export async function removeTeamsConversations(options: {
  ctx: ServiceContext;
  conversationId?: string;
  teamId?: string;
}): Promise<number> {
  const { ctx, conversationId, teamId } = options;
  if (!conversationId && !teamId) return 0;
  return deleteTeamsConversations(ctx.db.sql, {
    conversationId: conversationId ?? null,
    teamId: teamId ?? null,
  });
}

export async function findTeamsConversation(options: {
  ctx: ServiceContext;
  conversationId: string;
}): Promise<TeamsConversation | null> {
  return findTeamsConversationById(options.ctx.db.sql, options.conversationId);
}

/** The personal chat between the bot and an internal user (linked through users.teams_user_id). */
export async function findPersonalTeamsConversation(options: {
  ctx: ServiceContext;
  userId: number;
}): Promise<(TeamsConversation & { locale: string }) | null> {
  return findPersonalTeamsConversationOfUser(options.ctx.db.sql, options.userId);
}
