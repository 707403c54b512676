import { expect, it } from "vitest";
import { DeliveryError } from "../../src/services/deliveries/sender.ts";
import {
  findPersonalTeamsConversation,
  findTeamsConversation,
  removeTeamsConversations,
  saveTeamsConversation,
  type TeamsConversation,
} from "../../src/services/teams-conversation-refs.ts";
import type { BotConnectorTransport } from "../../src/teams/proactive.ts";
import { teamsSender } from "../../src/teams/teams-sender.ts";
import type { Message } from "../../src/views/message.ts";
import { describeEachDatabase } from "../support/each-database.ts";
import { testServiceContext } from "../support/service-context.ts";

const personal: TeamsConversation = {
  conversationId: "a:personal-1",
  kind: "personal",
  tenantId: "tenant",
  teamId: null,
  aadObjectId: "aad-1",
  serviceUrl: "https://smba.example/emea/",
  reference: { conversation: { id: "a:personal-1" }, user: { id: "29:1" } },
};
const channel = (id: string): TeamsConversation => ({
  conversationId: id,
  kind: "channel",
  tenantId: "tenant",
  teamId: "19:team",
  aadObjectId: null,
  serviceUrl: "https://smba.example/emea/",
  reference: { conversation: { id } },
});

describeEachDatabase("Teams conversation references and proactive sends", (database) => {
  it("stores, refreshes, finds and removes references", async () => {
    const ctx = testServiceContext(database());
    await saveTeamsConversation({ ctx, conversation: personal });
    await saveTeamsConversation({
      ctx,
      conversation: { ...personal, serviceUrl: "https://smba.example/amer/", aadObjectId: null },
    });
    const found = await findTeamsConversation({ ctx, conversationId: personal.conversationId });
    // The new service URL wins; a missing AAD id does not erase the known one.
    expect(found).toMatchObject({ serviceUrl: "https://smba.example/amer/", aadObjectId: "aad-1" });
    expect(found?.reference).toEqual(personal.reference);

    await saveTeamsConversation({ ctx, conversation: channel("19:c1") });
    await saveTeamsConversation({ ctx, conversation: channel("19:c2") });
    expect(await removeTeamsConversations({ ctx, conversationId: "19:c1" })).toBe(1);
    expect(await removeTeamsConversations({ ctx, teamId: "19:team" })).toBe(1);
    expect(await removeTeamsConversations({ ctx })).toBe(0);
    expect(await findTeamsConversation({ ctx, conversationId: "19:c2" })).toBeNull();
  });

  it("sends to a user's personal chat and to a stored channel through the transport; an unknown one is permanent", async () => {
    const ctx = testServiceContext(database());
    const message: Message = { text: "hi", blocks: [{ type: "text", text: "hi" }] };
    const sent: Array<{ reference: unknown; locale: string }> = [];
    const replaced: Array<{ reference: unknown; activityId: string }> = [];
    const transport: BotConnectorTransport = {
      async post(reference, _message, locale) {
        sent.push({ reference, locale });
        return { activityId: `m-${sent.length}` };
      },
      async replace(reference, activityId) {
        replaced.push({ reference, activityId });
      },
    };
    const sender = teamsSender({ ctx, transport });
    const [user] = await database().sql.query<{ id: number }>(
      `INSERT INTO users (email, name, locale, teams_user_id) VALUES ('anna@x.nl', 'Anna', 'en', 'aad-1') RETURNING id`,
    );
    await saveTeamsConversation({ ctx, conversation: personal });
    await saveTeamsConversation({ ctx, conversation: channel("19:c1") });
    expect(await findPersonalTeamsConversation({ ctx, userId: user!.id })).toMatchObject({ locale: "en" });
    const toUser = await sender.send({ kind: "user", userId: user!.id }, message, { locale: "en" });
    expect(toUser).toEqual({ platform: "TEAMS", conversationId: personal.conversationId, activityId: "m-1" });
    const toChannel = await sender.send({ kind: "channel", channelId: "19:c1" }, message, { locale: "nl" });
    expect(toChannel).toEqual({ platform: "TEAMS", conversationId: "19:c1", activityId: "m-2" });
    expect(sent).toEqual([
      { reference: personal.reference, locale: "en" },
      { reference: channel("19:c1").reference, locale: "nl" },
    ]);
    await sender.update?.(toChannel, message, { locale: "nl" });
    expect(replaced).toEqual([{ reference: channel("19:c1").reference, activityId: "m-2" }]);

    // Not installed there: a permanent failure the outbox reports, not a retry.
    const unknown = sender.send({ kind: "channel", channelId: "19:unknown" }, message, { locale: "nl" });
    await expect(unknown).rejects.toSatisfy(
      (error: unknown) =>
        error instanceof DeliveryError &&
        !error.retryable &&
        /no stored Teams conversation/.test(error.reason),
    );
  });
});
