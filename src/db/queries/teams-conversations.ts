import { jsonColumn } from "../json.ts";
import type { SqlSession } from "../sql-session.ts";

/**
 * The Teams conversation references repository (table `teams_conversations`): one row per
 * conversation the bot may post to later (a personal chat, a team channel, a group chat). The
 * reference is opaque JSON for the Teams layer.
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
    reference: jsonColumn(row.reference),
  };
}

/**
 * Insert or refresh a reference. Ids the new one lacks (tenant, team, AAD object) keep their stored
 * value; an unchanged row is left alone instead of rewritten.
 */
export async function upsertTeamsConversation(sql: SqlSession, c: TeamsConversation): Promise<void> {
  await sql.query(
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
 * Delete one conversation (`conversationId`) and/or every conversation of a team (`teamId`); null
 * matches nothing. Returns how many were removed.
 */
export async function deleteTeamsConversations(
  sql: SqlSession,
  where: { conversationId: string | null; teamId: string | null },
): Promise<number> {
  const rows = await sql.query<{ conversation_id: string }>(
    `DELETE FROM teams_conversations
     WHERE ($1::text IS NOT NULL AND conversation_id = $1) OR ($2::text IS NOT NULL AND team_id = $2)
     RETURNING conversation_id`,
    [where.conversationId, where.teamId],
  );
  return rows.length;
}

export async function findTeamsConversationById(
  sql: SqlSession,
  conversationId: string,
): Promise<TeamsConversation | null> {
  const [row] = await sql.query<ConversationRow>(
    `SELECT ${COLUMNS} FROM teams_conversations WHERE conversation_id = $1`,
    [conversationId],
  );
  return row ? toConversation(row) : null;
}

/**
 * The personal chat between the bot and an internal user (linked through users.teams_user_id), the
 * most recently updated one, with the user's language.
 */
export async function findPersonalTeamsConversationOfUser(
  sql: SqlSession,
  userId: number,
): Promise<(TeamsConversation & { locale: string }) | null> {
  const [row] = await sql.query<ConversationRow & { locale: string }>(
    `SELECT ${COLUMNS.split(", ")
      .map((column) => `c.${column}`)
      .join(", ")}, u.locale
     FROM users u
     JOIN teams_conversations c ON c.aad_object_id = u.teams_user_id AND c.kind = 'personal'
     WHERE u.id = $1
     ORDER BY c.updated_at DESC
     LIMIT 1`,
    [userId],
  );
  return row ? { ...toConversation(row), locale: row.locale } : null;
}
