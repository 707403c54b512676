import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runChatCommand } from "../../commands/index.ts";
import { DeliveryError } from "../../src/services/deliveries/sender.ts";
import { resolveChatUser } from "../../src/services/resolve-user.ts";
import { renderAdaptiveCard } from "../../src/views/render-adaptive-card.ts";
import {
  actionExecute,
  actionSubmit,
  CHANNEL_ID,
  channelMention,
  personalConversation,
  personalInstall,
  personalMessage,
  personalUninstall,
  postActivity,
  TEAM_ID,
  type TeamsUser,
  teamInstall,
  teamUninstall,
} from "../support/teams-activities.ts";
import { startTeamsTestBot, type TeamsTestBot } from "../support/teams-bot.ts";
import { adaptiveCardProblems, cardActions, cardsOf, cardText } from "../support/teams-cards.ts";
import type { RecordedCall } from "../support/teams-connector.ts";

/**
 * The Teams path end to end: activities as Teams sends them, POSTed to the real /api/messages of the
 * real bot (startBot, PGlite with the scored demo data), answered through a stand-in Bot Connector.
 * Local mode (no app id, no authentication); authentication has its own file.
 */

const jan: TeamsUser = {
  id: "29:jan",
  aadObjectId: "0a1b2c3d-0000-4000-8000-00000000a001",
  name: "Jan de Vries",
};
const stranger: TeamsUser = {
  id: "29:stranger",
  aadObjectId: "0a1b2c3d-0000-4000-8000-00000000a002",
  name: "Iemand Anders",
};
const ghost: TeamsUser = {
  id: "29:ghost",
  aadObjectId: "0a1b2c3d-0000-4000-8000-00000000a003",
  name: "Ghost",
};

let t: TeamsTestBot;
/** Every card the bot produced in this file, checked against the Adaptive Card rules at the end. */
const seenCards: unknown[] = [];

beforeAll(async () => {
  t = await startTeamsTestBot(() => ({ auth: { kind: "local" } }));
  t.connector.setMember({
    id: jan.id,
    name: jan.name,
    aadObjectId: jan.aadObjectId,
    email: "Jan@Klantpuls.demo",
  });
  t.connector.setMember({ id: stranger.id, name: stranger.name, email: "iemand@elders.example" });
  // ghost: the member look-up fails (404).
});

afterAll(async () => {
  await t?.close();
});

async function post(activity: unknown) {
  t.connector.clear();
  const result = await postActivity(t.bot.url, activity);
  for (const call of t.connector.calls) seenCards.push(...cardsOf(call.body));
  return result;
}

function onlyCard(call: RecordedCall | undefined): Record<string, unknown> {
  expect(call).toBeDefined();
  const cards = cardsOf(call!.body);
  expect(cards).toHaveLength(1);
  expect(adaptiveCardProblems(cards[0])).toEqual([]);
  return cards[0]!;
}

/** The invoke answer to an Action.Execute, as Teams receives it in the HTTP response. */
function invokeAnswer(body: unknown): { type: string; value: unknown } {
  const answer = body as { statusCode: number; type: string; value: unknown };
  expect(answer.statusCode).toBe(200);
  if (answer.type === "application/vnd.microsoft.card.adaptive") {
    seenCards.push(answer.value);
    expect(adaptiveCardProblems(answer.value)).toEqual([]);
  }
  return answer;
}

async function sql<T>(text: string, params: unknown[] = []): Promise<T[]> {
  return t.bot.ctx.db.sql.query<T>(text, params);
}

describe("Teams end to end over HTTP (local mode)", () => {
  it("says at start-up that the Teams endpoint is unauthenticated", () => {
    const warning = t.logs.find((line) => String(line.msg).includes("LOCAL MODE"));
    expect(warning?.level).toBe(40);
  });

  it("answers `klant-health acme` in a personal chat with the health card, linking the user by e-mail", async () => {
    const activity = personalMessage(t.connector.url, jan, "klant-health acme");
    const result = await post(activity);
    expect(result.status).toBe(200);
    const [reply] = t.connector.sent();
    expect(reply?.kind).toBe("reply");
    expect(reply?.conversationId).toBe(personalConversation(jan).id);
    expect(reply?.activityId).toBe(activity.id);
    const card = onlyCard(reply);
    const text = cardText(card);
    expect(text).toContain("Acme");
    expect(text).toMatch(/\d+\/100/);
    expect(text).toMatch(/Waarom/);
    // The reasons, stored as data, arrive as sentences.
    expect(text).toMatch(/laatste bestelling \d+ dagen geleden/);
    expect(text).not.toMatch(/undefined|\[object Object\]/);
    expect(cardActions(card).map((action) => action.verb)).toEqual(["pulse.add", "card.share"]);
    expect(reply?.body.summary).toMatch(/^Acme: \d+\/100/);
    // Member look-up gave the e-mail; the AAD id is now remembered, and the chat is a proactive target.
    const [user] = await sql<{ teams_user_id: string }>(
      "SELECT teams_user_id FROM users WHERE email = 'jan@klantpuls.demo'",
    );
    expect(user?.teams_user_id).toBe(jan.aadObjectId);
    const [conversation] = await sql<{ kind: string; aad_object_id: string }>(
      "SELECT kind, aad_object_id FROM teams_conversations WHERE conversation_id = $1",
      [personalConversation(jan).id],
    );
    expect(conversation).toEqual({ kind: "personal", aad_object_id: jan.aadObjectId });
  });

  it("accepts the command with a leading slash, without asking Teams for the e-mail again", async () => {
    await post(personalMessage(t.connector.url, jan, "/klant-health K-1001"));
    expect(t.connector.calls.filter((call) => call.kind === "member")).toHaveLength(0);
    expect(cardText(onlyCard(t.connector.sent()[0]))).toContain("Acme");
  });

  it("answers `klant-risico` with a table of customers at risk", async () => {
    await post(personalMessage(t.connector.url, jan, "klant-risico"));
    const card = onlyCard(t.connector.sent()[0]);
    expect(JSON.stringify(card)).toContain('"type":"Table"');
    expect(cardText(card)).toMatch(/Klanten met risico/);
    expect(card.msteams).toEqual({ width: "Full" });
  });

  it("answers `klant-kpi` with the KPIs", async () => {
    await post(personalMessage(t.connector.url, jan, "klant-kpi 2026-Q3"));
    const text = cardText(onlyCard(t.connector.sent()[0]));
    expect(text).toMatch(/KPI's/);
    expect(text).toMatch(/Retentie/);
    expect(text).toMatch(/NPS/);
  });

  it("shows exactly the neutral Message that Slack renders too, for each command on the demo data", async () => {
    const user = await resolveChatUser({
      ctx: t.bot.ctx,
      platform: "TEAMS",
      platformUserId: jan.aadObjectId,
    });
    expect(user?.email).toBe("jan@klantpuls.demo");
    for (const [name, args] of [
      ["klant-health", "acme"],
      ["klant-risico", "MKB 5"],
      ["klant-kpi", "ytd"],
    ] as const) {
      await post(personalMessage(t.connector.url, jan, `${name} ${args}`));
      const neutral = await runChatCommand(name, args, {
        services: t.bot.ctx,
        user: user!,
        locale: user!.locale,
      });
      expect(onlyCard(t.connector.sent()[0])).toEqual(renderAdaptiveCard(neutral, { locale: user!.locale }));
    }
  });

  it("answers `help` and unknown text with the command list", async () => {
    await post(personalMessage(t.connector.url, jan, "help"));
    expect(cardText(onlyCard(t.connector.sent()[0]))).toMatch(/klant-health <klant>/);
    await post(personalMessage(t.connector.url, jan, "hoe gaat het?"));
    const text = cardText(onlyCard(t.connector.sent()[0]));
    expect(text).toMatch(/herken ik niet als commando: “hoe gaat het\?”/);
    expect(text).toMatch(/klant-kpi/);
  });

  it("speaks the Teams client's language (fr-BE, en-US); a language chosen on the help card beats it", async () => {
    const say = async (text: string, locale: string) => {
      await post({ ...personalMessage(t.connector.url, jan, text), locale });
      return onlyCard(t.connector.sent()[0]);
    };
    const click = async (card: Record<string, unknown>, title: string) => {
      const button = cardActions(card).find((action) => action.title === title);
      expect(button?.verb).toBe("user.language");
      const clicked = await post(
        actionExecute(t.connector.url, jan, {
          verb: button!.verb,
          data: button!.data,
          replyToId: "sent-help",
        }),
      );
      expect(clicked.status).toBe(200);
      invokeAnswer(clicked.body);
    };
    try {
      expect(cardText(await say("klant-health acme", "fr-BE"))).toMatch(/Pourquoi/);
      expect(cardText(await say("klant-health acme", "en-US"))).toMatch(/Why/);
      const help = await say("help", "en-US");
      expect(cardText(help)).toContain("Language: English, as in your Slack or Teams");
      await click(help, "Français");
      const [chosen] = await sql<{ locale: string; locale_chosen: boolean }>(
        "SELECT locale, locale_chosen FROM users WHERE email = 'jan@klantpuls.demo'",
      );
      expect(chosen).toEqual({ locale: "fr", locale_chosen: true });
      // Teams still says en-US; the person's own choice wins.
      expect(cardText(await say("klant-health acme", "en-US"))).toMatch(/Pourquoi/);
      const french = await say("aide", "en-US");
      expect(cardText(french)).toContain("Langue : Français (votre choix)");
      await click(french, "Suivre la langue de Slack/Teams");
      expect(cardText(await say("klant-health acme", "en-US"))).toMatch(/Why/);
    } finally {
      // Back to Dutch for the tests after this one.
      await say("help", "nl-NL");
    }
  });

  it("answers an @mention in a channel in the thread, and remembers the channel", async () => {
    const activity = channelMention(t.connector.url, jan, "klant-health acme");
    await post(activity);
    const [reply] = t.connector.sent();
    expect(reply?.conversationId).toBe(`${CHANNEL_ID};messageid=1700000000000`);
    expect(reply?.activityId).toBe(activity.id);
    expect(cardText(onlyCard(reply))).toContain("Acme");
    const [channel] = await sql<{ kind: string; team_id: string; aad_object_id: string | null }>(
      "SELECT kind, team_id, aad_object_id FROM teams_conversations WHERE conversation_id = $1",
      [CHANNEL_ID],
    );
    expect(channel).toEqual({ kind: "channel", team_id: TEAM_ID, aad_object_id: null });
  });

  it("/klant-digest with an @mention in a channel subscribes that channel for Teams", async () => {
    await post(channelMention(t.connector.url, jan, "klant-digest aan Enterprise"));
    const [reply] = t.connector.sent();
    expect(JSON.stringify(reply?.body)).toMatch(/Enterprise/);
    const [subscription] = await sql<{ platform: string; channel_id: string; segment: string }>(
      "SELECT platform::text AS platform, channel_id, segment FROM channel_subscriptions WHERE active",
    );
    expect(subscription).toEqual({ platform: "TEAMS", channel_id: CHANNEL_ID, segment: "Enterprise" });
    await post(channelMention(t.connector.url, jan, "klant-digest uit"));
    const [left] = await sql<{ count: number }>(
      "SELECT count(*)::int AS count FROM channel_subscriptions WHERE active",
    );
    expect(left?.count).toBe(0);
  });

  it("tells an unknown user to ask an admin and shows no data", async () => {
    for (const user of [stranger, ghost]) {
      const result = await post(personalMessage(t.connector.url, user, "klant-health acme"));
      expect(result.status).toBe(200);
      expect(t.connector.calls.filter((call) => call.kind === "member")).toHaveLength(1);
      const [reply] = t.connector.sent();
      expect(reply?.body.text).toMatch(/Ik ken je nog niet als gebruiker van Klantpuls/);
      expect(cardsOf(reply!.body)).toHaveLength(0);
      expect(JSON.stringify(reply?.body)).not.toContain("Acme");
    }
    const [linked] = await sql<{ count: number }>(
      "SELECT count(*)::int AS count FROM users WHERE teams_user_id IN ($1, $2)",
      [stranger.aadObjectId, ghost.aadObjectId],
    );
    expect(linked?.count).toBe(0);
    // An unknown user's click gets the same answer.
    const click = await post(
      actionExecute(t.connector.url, stranger, {
        verb: "customer.open",
        data: { customerId: 1 },
        replyToId: "x",
      }),
    );
    expect(invokeAnswer(click.body).value).toMatch(/Ik ken je nog niet/);
    expect(t.connector.updates()).toHaveLength(0);
  });

  it("apologises (and logs) when looking the user up fails, for a message and for a click", async () => {
    // The database refuses every users look-up for a moment: the lookup fails, not the user.
    const sql = t.bot.ctx.db.sql;
    const query = sql.query;
    sql.query = ((text: string, ...rest: unknown[]) =>
      /\bFROM users\b/.test(text)
        ? Promise.reject(new Error("users table unreachable"))
        : (query as (...args: unknown[]) => Promise<unknown>).call(sql, text, ...rest)) as typeof sql.query;
    try {
      const result = await post(personalMessage(t.connector.url, jan, "klant-health acme"));
      expect(result.status).toBe(200);
      const [reply] = t.connector.sent();
      expect(reply?.body.text).toMatch(/Er ging iets mis aan onze kant/);
      expect(JSON.stringify(reply?.body)).not.toContain("Acme");
      const click = await post(
        actionExecute(t.connector.url, jan, {
          verb: "customer.open",
          data: { customerId: 1 },
          replyToId: "x",
        }),
      );
      expect(invokeAnswer(click.body).value).toMatch(/Er ging iets mis aan onze kant/);
    } finally {
      sql.query = query;
    }
    expect(t.logs.filter((line) => line.msg === "Teams: resolving the user failed")).toHaveLength(2);
  });

  it("updates the card in place after a button (Action.Execute): a choice becomes the customer's card", async () => {
    await post(personalMessage(t.connector.url, jan, "klant-health bakker bouw"));
    const choices = onlyCard(t.connector.sent()[0]);
    expect(cardText(choices)).toMatch(/Meerdere klanten/);
    const button = cardActions(choices).find((action) => action.title === "Bakker Bouw B.V.");
    expect(button?.verb).toBe("customer.open");

    const click = await post(
      actionExecute(t.connector.url, jan, {
        verb: button!.verb,
        data: button!.data,
        replyToId: "sent-choices",
      }),
    );
    expect(click.status).toBe(200);
    const answer = invokeAnswer(click.body);
    expect(answer.type).toBe("application/vnd.microsoft.card.adaptive");
    expect(cardText(answer.value)).toContain("Bakker Bouw B.V.");
    // Everyone else in the conversation sees the same update.
    const [update] = t.connector.updates();
    expect(update?.activityId).toBe("sent-choices");
    expect(update?.conversationId).toBe(personalConversation(jan).id);
    expect(cardText(onlyCard(update))).toContain("Bakker Bouw B.V.");
  });

  it("shares a card visibly in the conversation", async () => {
    await post(personalMessage(t.connector.url, jan, "klant-health acme"));
    const share = cardActions(onlyCard(t.connector.sent()[0])).find((action) => action.verb === "card.share");
    const click = await post(
      actionExecute(t.connector.url, jan, { verb: "card.share", data: share!.data, replyToId: "sent-acme" }),
    );
    expect(invokeAnswer(click.body)).toMatchObject({
      type: "application/vnd.microsoft.activity.message",
      value: "Gedeeld in het gesprek.",
    });
    const shared = onlyCard(t.connector.sent()[0]);
    expect(cardText(shared)).toMatch(/Gedeeld door Jan de Vries/);
    expect(cardActions(shared).map((action) => action.verb)).not.toContain("card.share");
  });

  it("opens the pulse form, refuses a bad submission and saves a good one, updating the card", async () => {
    await post(personalMessage(t.connector.url, jan, "klant-health acme"));
    const add = cardActions(onlyCard(t.connector.sent()[0])).find((action) => action.verb === "pulse.add");
    const form = invokeAnswer(
      (
        await post(
          actionExecute(t.connector.url, jan, {
            verb: "pulse.add",
            data: add!.data,
            replyToId: "sent-acme-2",
          }),
        )
      ).body,
    );
    expect(form.type).toBe("application/vnd.microsoft.card.adaptive");
    const formJson = JSON.stringify(form.value);
    expect(formJson).toContain('"type":"Input.ChoiceSet"');
    expect(formJson).toContain('"id":"form.score"');
    const submit = cardActions(form.value)[0]!;
    expect(submit.verb).toBe("pulse.submit");

    const bad = await post(
      actionExecute(t.connector.url, jan, {
        verb: "pulse.submit",
        data: { ...submit.data, "form.score": "", "form.comment": "x" },
        replyToId: "sent-acme-2",
      }),
    );
    expect(invokeAnswer(bad.body).value).toMatch(/Kies een score van 0 t\/m 10/);
    expect(t.connector.updates()).toHaveLength(0);

    const good = await post(
      actionExecute(t.connector.url, jan, {
        verb: "pulse.submit",
        data: { ...submit.data, "form.score": "7", "form.comment": "Goed gesprek gehad" },
        replyToId: "sent-acme-2",
      }),
    );
    expect(cardText(invokeAnswer(good.body).value)).toMatch(/je inschatting 7\/10 voor Acme is opgeslagen/);
    expect(t.connector.updates()[0]?.activityId).toBe("sent-acme-2");
    const [pulse] = await sql<{ score: number; comment: string }>(
      `SELECT p.score, p.comment FROM owner_pulses p JOIN customers c ON c.id = p.customer_id
       WHERE c.external_id = 'K-1001' ORDER BY p.answered_at DESC, p.id DESC LIMIT 1`,
    );
    expect(pulse).toEqual({ score: 7, comment: "Goed gesprek gehad" });
  });

  it("maps an older Action.Submit click to the same neutral action", async () => {
    const [acme] = await sql<{ id: number }>("SELECT id FROM customers WHERE external_id = 'K-1001'");
    const result = await post(
      actionSubmit(t.connector.url, jan, { action: "customer.open", customerId: acme!.id }, "sent-old-card"),
    );
    expect(result.status).toBe(200);
    const [update] = t.connector.updates();
    expect(update?.activityId).toBe("sent-old-card");
    expect(cardText(onlyCard(update))).toContain("Acme");
    // A tampered value gets a clear reply, not an error.
    await post(
      actionSubmit(t.connector.url, jan, { action: "customer.open", customerId: "drop table" }, "x"),
    );
    expect(cardText(onlyCard(t.connector.sent()[0]))).toMatch(/verlopen of ongeldig/);
  });

  it("stores the reference on a personal install, sends proactively to the user, forgets it on uninstall", async () => {
    await sql("DELETE FROM teams_conversations");
    for (const activity of personalInstall(t.connector.url, jan)) {
      expect((await post(activity)).status).toBe(200);
    }
    const rows = await sql<{ kind: string; aad_object_id: string; service_url: string; tenant_id: string }>(
      "SELECT kind, aad_object_id, service_url, tenant_id FROM teams_conversations",
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      kind: "personal",
      aad_object_id: jan.aadObjectId,
      service_url: t.connector.url,
    });

    const [user] = await sql<{ id: number }>("SELECT id FROM users WHERE email = 'jan@klantpuls.demo'");
    t.connector.clear();
    // The outbox's Teams sender, as the dispatcher uses it.
    const teams = t.bot.ctx.outbox.senders.TEAMS!;
    const sent = await teams.send(
      { kind: "user", userId: user!.id },
      { text: "Acme glijdt weg", blocks: [{ type: "header", text: "Signaal: Acme" }] },
      { locale: "nl" },
    );
    const [post_] = t.connector.sent();
    expect(post_?.kind).toBe("post");
    expect(post_?.conversationId).toBe(personalConversation(jan).id);
    expect(sent).toMatchObject({ platform: "TEAMS", conversationId: personalConversation(jan).id });
    expect(sent.platform === "TEAMS" && sent.activityId).toMatch(/^sent-\d+$/);
    seenCards.push(...cardsOf(post_!.body));
    expect(cardText(onlyCard(post_))).toContain("Signaal: Acme");

    await post(personalUninstall(t.connector.url, jan));
    expect(await sql("SELECT 1 FROM teams_conversations")).toHaveLength(0);
    // Uninstalled: no stored conversation, so nothing a retry could fix.
    await expect(
      teams.send({ kind: "user", userId: user!.id }, { text: "x", blocks: [] }, { locale: "nl" }),
    ).rejects.toSatisfy(
      (error: unknown) =>
        error instanceof DeliveryError &&
        !error.retryable &&
        /no stored Teams conversation/.test(error.reason),
    );
  });

  it("stores a team's channel on install, posts a digest there proactively, forgets the team on removal", async () => {
    await post(teamInstall(t.connector.url, jan));
    const welcome = t.connector.sent()[0];
    expect(cardText(onlyCard(welcome))).toMatch(/Ik ben Klantpuls/);
    const [row] = await sql<{ kind: string; team_id: string }>(
      "SELECT kind, team_id FROM teams_conversations WHERE conversation_id = $1",
      [CHANNEL_ID],
    );
    expect(row).toEqual({ kind: "channel", team_id: TEAM_ID });

    t.connector.clear();
    await t.bot.ctx.outbox.senders.TEAMS!.send(
      { kind: "channel", channelId: CHANNEL_ID },
      {
        text: "Weekoverzicht",
        blocks: [
          { type: "header", text: "Weekoverzicht" },
          { type: "table", columns: ["Klant", "Score"], rows: [["Acme", "31"]] },
        ],
      },
      { locale: "nl" },
    );
    const [digest] = t.connector.sent();
    expect(digest).toMatchObject({ kind: "post", conversationId: CHANNEL_ID });
    seenCards.push(...cardsOf(digest!.body));
    expect(cardText(onlyCard(digest))).toContain("Weekoverzicht");

    await post(teamUninstall(t.connector.url, jan));
    expect(await sql("SELECT 1 FROM teams_conversations WHERE team_id = $1", [TEAM_ID])).toHaveLength(0);
  });

  it("produced only cards that pass the Adaptive Card checks", () => {
    expect(seenCards.length).toBeGreaterThan(15);
    for (const card of seenCards) expect(adaptiveCardProblems(card)).toEqual([]);
  });
});
