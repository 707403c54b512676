import { expect, it } from "vitest";
import {
  deleteTeamsConversations,
  findPersonalTeamsConversationOfUser,
  findTeamsConversationById,
  type TeamsConversation,
  upsertTeamsConversation,
} from "../../src/db/queries/teams-conversations.ts";
import { describeEachDatabase } from "../support/each-database.ts";

describeEachDatabase(
  "teams conversations repository (src/db/queries/teams-conversations.ts)",
  (database) => {
    it("teams conversations: upserted keeping known ids, an unchanged one not rewritten, the latest personal chat", async () => {
      const { sql } = database();
      const updatedAt = async (id: string) =>
        (
          await sql.query<{ at: string }>(
            "SELECT updated_at::text AS at FROM teams_conversations WHERE conversation_id = $1",
            [id],
          )
        )[0]?.at;
      const personal: TeamsConversation = {
        conversationId: "a:1",
        kind: "personal",
        tenantId: "tenant",
        teamId: null,
        aadObjectId: "aad-anna",
        serviceUrl: "https://smba.example/emea/",
        reference: { conversation: { id: "a:1" }, user: { id: "29:1" } },
      };
      await upsertTeamsConversation(sql, personal);
      expect(await findTeamsConversationById(sql, "a:1")).toEqual(personal);
      await sql.query(
        "UPDATE teams_conversations SET updated_at = '2020-01-01' WHERE conversation_id = 'a:1'",
      );
      // The same reference without the ids it had: nothing changes, not even updated_at.
      await upsertTeamsConversation(sql, { ...personal, tenantId: null, aadObjectId: null });
      expect(await updatedAt("a:1")).toBe("2020-01-01 00:00:00");
      expect(await findTeamsConversationById(sql, "a:1")).toEqual(personal);
      // A new service URL is stored; the ids it lacks keep their values.
      await upsertTeamsConversation(sql, {
        ...personal,
        serviceUrl: "https://smba.example/amer/",
        aadObjectId: null,
      });
      expect(await findTeamsConversationById(sql, "a:1")).toEqual({
        ...personal,
        serviceUrl: "https://smba.example/amer/",
      });
      expect(await updatedAt("a:1")).not.toBe("2020-01-01 00:00:00");

      const [anna] = await sql.query<{ id: number }>(
        "UPDATE users SET teams_user_id = 'aad-anna' WHERE email = 'anna@example.test' RETURNING id",
      );
      const annaId = Number(anna!.id);
      await upsertTeamsConversation(sql, { ...personal, conversationId: "a:2", reference: { n: 2 } });
      await sql.query(
        "UPDATE teams_conversations SET updated_at = '2020-01-01' WHERE conversation_id = 'a:2'",
      );
      expect(await findPersonalTeamsConversationOfUser(sql, annaId)).toEqual({
        ...personal,
        serviceUrl: "https://smba.example/amer/",
        locale: "nl",
      });
      expect(await findPersonalTeamsConversationOfUser(sql, annaId + 1_000)).toBeNull();

      const channel = (id: string): TeamsConversation => ({
        conversationId: id,
        kind: "channel",
        tenantId: "tenant",
        teamId: "19:team",
        aadObjectId: null,
        serviceUrl: "https://smba.example/emea/",
        reference: { conversation: { id } },
      });
      await upsertTeamsConversation(sql, channel("19:c1"));
      await upsertTeamsConversation(sql, channel("19:c2"));
      expect(await deleteTeamsConversations(sql, { conversationId: null, teamId: null })).toBe(0);
      expect(await deleteTeamsConversations(sql, { conversationId: "a:2", teamId: null })).toBe(1);
      expect(await deleteTeamsConversations(sql, { conversationId: null, teamId: "19:team" })).toBe(2);
      expect(await findTeamsConversationById(sql, "19:c1")).toBeNull();
      expect(await findTeamsConversationById(sql, "a:1")).not.toBeNull();
    });
  },
  {
    setup: async (db) => {
      await db.sql.exec(`
        INSERT INTO users (email, name, locale, timezone) VALUES
          ('anna@example.test', 'Anna', 'nl', 'Europe/Amsterdam'),
          ('bram@example.test', 'Bram', 'en', 'America/New_York');
      `);
    },
  },
);
