import type { ServiceContext } from "./context.ts";

/**
 * Stored Teams conversation references: where the bot may post later without being asked (alerts,
 * digests, pulses). One row per conversation: a user's personal chat with the bot, a team channel or
 * a group chat. The reference itself is opaque JSON for the Teams layer; services only look it up.
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

interface ConversationRow {
  conversation_id: string;
  kind: TeamsConversationKind;
  tenant_id: string | null;
  team_id: string | null;
  aad_object_id: string | null;
  service_url: string;
  reference: unknown;
}

const COLUMNS = "conversation_id, kind, tenant_id, team_id, aad_object_id, service_url, reference";

function toConversation(row: ConversationRow): TeamsConversation {
  return {
    conversationId: row.conversation_id,
    kind: row.kind,
    tenantId: row.tenant_id,
    teamId: row.team_id,
    aadObjectId: row.aad_object_id,
    serviceUrl: row.service_url,
    reference: typeof row.reference === "string" ? JSON.parse(row.reference) : row.reference,
  };
}

/**
 * Insert or refresh a reference (Teams may move a conversation to another service URL). Called on
 * every message, so an unchanged row is left alone instead of rewritten.
 */
export async function saveTeamsConversation(options: {
  ctx: ServiceContext;
  conversation: TeamsConversation;
}): Promise<void> {
  const { conversation: c } = options;
  await options.ctx.db.sql.query(
    `INSERT INTO teams_conversations (${COLUMNS}, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, now())
     ON CONFLICT (conversation_id) DO UPDATE SET
       kind = EXCLUDED.kind,
       tenant_id = COALESCE(EXCLUDED.tenant_id, teams_conversations.tenant_id),
       team_id = COALESCE(EXCLUDED.team_id, teams_conversations.team_id),
       aad_object_id = COALESCE(EXCLUDED.aad_object_id, teams_conversations.aad_object_id),
       service_url = EXCLUDED.service_url,
       reference = EXCLUDED.reference,
       updated_at = now()
     WHERE (teams_conversations.reference, teams_conversations.kind, teams_conversations.service_url,
            teams_conversations.tenant_id, teams_conversations.team_id, teams_conversations.aad_object_id)
       IS DISTINCT FROM (EXCLUDED.reference, EXCLUDED.kind, EXCLUDED.service_url,
            COALESCE(EXCLUDED.tenant_id, teams_conversations.tenant_id),
            COALESCE(EXCLUDED.team_id, teams_conversations.team_id),
            COALESCE(EXCLUDED.aad_object_id, teams_conversations.aad_object_id))`,
    [
      c.conversationId,
      c.kind,
      c.tenantId,
      c.teamId,
      c.aadObjectId,
      c.serviceUrl,
      JSON.stringify(c.reference),
    ],
  );
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
  const rows = await ctx.db.sql.query<{ conversation_id: string }>(
    `DELETE FROM teams_conversations
     WHERE ($1::text IS NOT NULL AND conversation_id = $1) OR ($2::text IS NOT NULL AND team_id = $2)
     RETURNING conversation_id`,
    [conversationId ?? null, teamId ?? null],
  );
  return rows.length;
}

export async function findTeamsConversation(options: {
  ctx: ServiceContext;
  conversationId: string;
}): Promise<TeamsConversation | null> {
  const [row] = await options.ctx.db.sql.query<ConversationRow>(
    `SELECT ${COLUMNS} FROM teams_conversations WHERE conversation_id = $1`,
    [options.conversationId],
  );
  return row ? toConversation(row) : null;
}

/** The personal chat between the bot and an internal user (linked through users.teams_user_id). */
export async function findPersonalTeamsConversation(options: {
  ctx: ServiceContext;
  userId: number;
}): Promise<(TeamsConversation & { locale: string }) | null> {
  const [row] = await options.ctx.db.sql.query<ConversationRow & { locale: string }>(
    `SELECT ${COLUMNS.split(", ")
      .map((column) => `c.${column}`)
      .join(", ")}, u.locale
     FROM users u
     JOIN teams_conversations c ON c.aad_object_id = u.teams_user_id AND c.kind = 'personal'
     WHERE u.id = $1
     ORDER BY c.updated_at DESC
     LIMIT 1`,
    [options.userId],
  );
  return row ? { ...toConversation(row), locale: row.locale } : null;
}
