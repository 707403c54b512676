import { beforeAll, describe, expect, it } from "vitest";
import { runChatCommand } from "../../commands/index.ts";
import type { CommandContext } from "../../commands/types.ts";
import { seedDatabase } from "../../prisma/seed/load.ts";
import type { Database } from "../../src/db/client.ts";
import { checkBlockKit } from "../../src/dev/check-block-kit.ts";
import { assembleDigest, type DigestFigures } from "../../src/domain/alerts/digest.ts";
import { reasonText } from "../../src/domain/health/reason-text.ts";
import { evaluateAlerts } from "../../src/services/alerts/evaluate-alerts.ts";
import { buildDigest } from "../../src/services/digests/build-digest.ts";
import { sendDueDigests } from "../../src/services/digests/send-due-digests.ts";
import { scoreCustomers } from "../../src/services/score-customers.ts";
import { blockKitLimits } from "../../src/views/block-kit-limits.ts";
import type { ChatUser } from "../../src/views/chat.ts";
import { digestMessage } from "../../src/views/digest-message.ts";
import { renderAdaptiveCard } from "../../src/views/render-adaptive-card.ts";
import { renderBlockKit } from "../../src/views/render-block-kit.ts";
import { renderText } from "../../src/views/render-text.ts";
import { describeEachDatabase } from "../support/each-database.ts";
import { testServiceContext } from "../support/service-context.ts";
import { adaptiveCardProblems } from "../support/teams-cards.ts";

const JAN_TEAMS_ID = "00000000-0000-0000-0000-00000000a002";

const figures: DigestFigures = {
  asOf: "2026-11-30",
  segment: null,
  kpiNow: { retentionRate: 96, churnRate: 4, nps: 31, revenueAtRiskCents: 120_000_00, atRiskCustomers: 12 },
  kpiWeekAgo: {
    retentionRate: 96.5,
    churnRate: 3.5,
    nps: 35,
    revenueAtRiskCents: 100_000_00,
    atRiskCustomers: 10,
  },
  atRisk: Array.from({ length: 12 }, (_, i) => ({
    customerId: i + 1,
    name: `Klant ${i + 1}`,
    owner: i % 2 ? "Pieter Bakker" : null,
    score: 20 + i,
    revenueAtRiskCents: (i + 1) * 1_000_00,
    topReason: { nl: "betaalt laat", en: "pays late", fr: "paie en retard" },
  })),
  alertsOpened: [
    { kind: "at-risk", count: 3, digestOnly: 1 },
    { kind: "payment-delay", count: 5, digestOnly: 4 },
  ],
  unacknowledgedDays: 3,
  // Jan is linked to Slack and Teams; Pieter to neither (his name is shown in bold instead).
  unacknowledged: Array.from({ length: 10 }, (_, i) => ({
    customerName: `Klant ${i + 1}`,
    kind: "at-risk",
    ...(i % 3 === 1
      ? { owner: "Pieter Bakker", ownerId: 3, ownerSlackUserId: null, ownerTeamsUserId: null }
      : { owner: "Jan de Vries", ownerId: 2, ownerSlackUserId: "U0JAN2", ownerTeamsUserId: JAN_TEAMS_ID }),
    openedOn: `2026-11-${String(10 + i).padStart(2, "0")}`,
  })),
  pulses: [
    { owner: "Jan de Vries", asked: 5, answered: 5 },
    { owner: "Pieter Bakker", asked: 5, answered: 2 },
  ],
  calibration: { since: "2026-09-01", atRiskThen: 40, atRiskLeft: 14, healthyThen: 300, healthyLeft: 6 },
};

describe("digest content assembly", () => {
  it("mentions the owners of unacknowledged alerts: <@U…> in Slack, a mention entity in Teams, bold without ids", () => {
    const content = assembleDigest(figures, { topAtRisk: 10, maxUnacknowledged: 8, maxOwners: 3 });
    const message = digestMessage(content, "nl", { periodKey: "2026-W49" });
    expect(Object.keys(message.mentions ?? {}).sort()).toEqual(["user:2", "user:3"]);

    const slack = renderBlockKit(message, { locale: "nl" });
    expect(checkBlockKit(slack, "message")).toEqual([]);
    const slackJson = JSON.stringify(slack.blocks);
    expect(slackJson).toContain("Klant 1 · risico · <@U0JAN2> · 20 dagen");
    expect(slackJson).toContain("Klant 2 · risico · *Pieter Bakker* · 19 dagen");
    expect(slackJson).not.toContain("@[user:");

    const card = renderAdaptiveCard(message, { locale: "nl" });
    expect(adaptiveCardProblems(card)).toEqual([]);
    const cardJson = JSON.stringify(card.body);
    expect(cardJson).toContain("Klant 1 · risico · <at>Jan de Vries</at> · 20 dagen");
    expect(cardJson).toContain("Klant 2 · risico · **Pieter Bakker** · 19 dagen");
    expect(card.msteams?.entities).toEqual([
      {
        type: "mention",
        text: "<at>Jan de Vries</at>",
        mentioned: { id: JAN_TEAMS_ID, name: "Jan de Vries" },
      },
    ]);
  });

  it("the unacknowledged heading follows digest.unacknowledgedDays", () => {
    const heading = (days: number, locale: "nl" | "en") =>
      renderText(
        digestMessage(
          assembleDigest(
            { ...figures, unacknowledgedDays: days },
            { topAtRisk: 10, maxUnacknowledged: 8, maxOwners: 3 },
          ),
          locale,
          { periodKey: "2026-W49" },
        ),
      ).text;
    expect(heading(5, "nl")).toContain("Langer dan 5 dagen niet opgepakt");
    expect(heading(5, "en")).toContain("Not picked up for more than 5 days");
    expect(heading(1, "nl")).toContain("Langer dan 1 dag niet opgepakt");
    expect(heading(1, "en")).toContain("Not picked up for more than a day");
  });

  it("deltas week over week, top 10 by revenue at risk, oldest unacknowledged first, response rates, calibration", () => {
    const content = assembleDigest(figures, { topAtRisk: 10, maxUnacknowledged: 8, maxOwners: 3 });
    expect(content.kpis.map((k) => [k.key, k.delta])).toEqual([
      ["retention", -0.5],
      ["churn", 0.5],
      ["nps", -4],
      ["revenueAtRisk", 20_000_00],
    ]);
    expect(content.atRisk.map((row) => row.name).slice(0, 2)).toEqual(["Klant 12", "Klant 11"]);
    expect(content.atRisk).toHaveLength(10);
    expect(content.alertsOpened).toEqual({
      total: 8,
      digestOnly: 5,
      byKind: [
        { kind: "payment-delay", count: 5 },
        { kind: "at-risk", count: 3 },
      ],
    });
    expect(content.unacknowledged[0]).toMatchObject({ customerName: "Klant 1", days: 20 });
    expect(content.unacknowledgedHidden).toBe(2);
    expect(content.pulses.rate).toBe(70);
    expect(content.pulses.perOwner[0]).toMatchObject({ owner: "Pieter Bakker", rate: 40 });
    expect(content.calibration).toMatchObject({ atRiskLeftPercent: 35, healthyLeftPercent: 2 });
  });

  it("renders within Slack's limits in both languages, owners named", () => {
    const content = assembleDigest(figures, { topAtRisk: 10, maxUnacknowledged: 8, maxOwners: 3 });
    for (const locale of ["nl", "en"] as const) {
      const message = digestMessage(content, locale, { periodKey: "2026-W49" });
      expect(checkBlockKit(renderBlockKit(message, { locale }), "message")).toEqual([]);
      expect(message.blocks.length).toBeLessThan(blockKitLimits.messageBlocks);
    }
    const text = renderText(digestMessage(content, "nl", { periodKey: "2026-W49" })).text;
    expect(text).toContain("Klantgezondheid week 49");
    expect(text).toContain("Retentie");
    expect(text).toContain("8 nieuw (5 betaalgedrag, 3 risico)");
    expect(text).toContain("Langer dan 3 dagen niet opgepakt");
    expect(text).toContain("Klant 1 · risico · @Jan de Vries · 20 dagen");
    expect(text).toContain("Klant 2 · risico · @Pieter Bakker · 19 dagen");
    expect(text).toContain("70 % (7 van 10)");
    expect(text).toContain("Laagst: Pieter Bakker 40 %");
    expect(text).toContain(
      "van de 40 klanten die 90 dagen geleden risico liepen, is 35 % inmiddels vertrokken (van de gezonde: 2 %)",
    );
  });
});

async function chatUser(db: Database, email: string): Promise<ChatUser> {
  const [row] = await db.sql.query<{ id: number; name: string; email: string; role: ChatUser["role"] }>(
    "SELECT id, name, email, role::text AS role FROM users WHERE email = $1",
    [email],
  );
  return { ...row!, id: Number(row!.id), locale: "nl" };
}

describeEachDatabase("weekly digest on demo data: subscriptions, content, once per week", (database) => {
  const AS_OF = "2026-11-25";
  const ctx = testServiceContext(null as unknown as Database, `${AS_OF}T10:00:00Z`);
  let manager: CommandContext;
  let member: CommandContext;

  beforeAll(async () => {
    ctx.db = database();
    await seedDatabase(ctx.db, { customers: 120, asOf: AS_OF });
    // Score history: 90 days ago (calibration), a week ago (deltas), a month ago and today.
    for (const date of ["2026-08-27", "2026-10-26", "2026-11-18", AS_OF])
      await scoreCustomers({ ctx, asOf: date });
    await evaluateAlerts({ ctx, asOf: AS_OF });
    manager = {
      services: ctx,
      user: await chatUser(ctx.db, "jan@klantpuls.demo"),
      locale: "nl",
      conversation: { platform: "SLACK", channelId: "C_SALES" },
    };
    member = {
      services: ctx,
      user: await chatUser(ctx.db, "pieter@klantpuls.demo"),
      locale: "nl",
      conversation: { platform: "SLACK", channelId: "C_SALES" },
    };
  });

  it("builds the digest from the demo data: Acme among the top at risk, KPIs, alerts, calibration", async () => {
    const content = await buildDigest({ ctx, asOf: AS_OF, segment: null });
    expect(content.atRisk.length).toBeGreaterThan(0);
    expect(content.atRisk.length).toBeLessThanOrEqual(10);
    const revenues = content.atRisk.map((row) => row.revenueAtRiskCents);
    expect([...revenues].sort((a, b) => b - a)).toEqual(revenues);
    expect(content.atRisk.map((row) => row.name)).toContain("Acme");
    const acme = content.atRisk.find((row) => row.name === "Acme");
    expect(acme?.owner).toBe("Jan de Vries");
    // Its top reason, stored as data, is in the rendered digest as the sentence the card shows first.
    const reason = reasonText(acme?.topReason, "nl");
    expect(reason).toMatch(/\d/);
    expect(renderText(digestMessage(content, "nl", { periodKey: "2026-W48" })).text).toContain(reason);
    expect(content.kpis.find((k) => k.key === "retention")?.now).not.toBeNull();
    expect(content.alertsOpened.total).toBeGreaterThan(0);
    expect(content.calibration?.atRiskThen).toBeGreaterThan(0);
    const enterprise = await buildDigest({ ctx, asOf: AS_OF, segment: "Enterprise" });
    expect(enterprise.atRisk.every((row) => row.name !== "Bakker Bouwmaterialen BV")).toBe(true);
  });

  it("/klant-digest: members may look, not subscribe; managers subscribe with segment, day and time", async () => {
    const refused = await runChatCommand("klant-digest", "aan", member);
    expect(refused.text).toContain("alleen managers en beheerders");
    expect(await runChatCommand("klant-digest", "status", member)).toMatchObject({
      text: expect.stringContaining("krijgt geen weekoverzicht"),
    });
    const bad = await runChatCommand("klant-digest", "aan Zorg", manager);
    expect(bad.text).toContain("Onbekend segment “Zorg”");
    const on = await runChatCommand("klant-digest", "aan", manager);
    expect(on.text).toContain(
      "elke maandag om 08:30 (Europe/Amsterdam, Nederlands). Eerstvolgende: 30 nov 08:30",
    );
    const changed = await runChatCommand("klant-digest", "aan mkb vrijdag 16:00 en", manager);
    expect(changed.text).toContain("voor MKB elke vrijdag om 16:00 (Europe/Amsterdam, Engels)");
    const [row] = await ctx.db.sql.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM channel_subscriptions",
    );
    expect(Number(row!.n)).toBe(1);
    const status = await runChatCommand("klant-digest", "status", member);
    expect(status.text).toContain("voor MKB elke vrijdag om 16:00");
    expect((await runChatCommand("klant-digest", "uit", member)).text).toContain("alleen managers");
    expect((await runChatCommand("klant-digest", "uit", manager)).text).toContain("staat uit");
    const noChannel = await runChatCommand("klant-digest", "aan", { ...manager, conversation: undefined });
    expect(noChannel.text).toContain("alleen in een kanaal");
    const audits = await ctx.db.sql.query<{ action: string }>(
      "SELECT action FROM audit_events WHERE entity = 'channel_subscription' ORDER BY id",
    );
    expect(audits.map((a) => a.action)).toEqual([
      "digest.subscribed",
      "digest.subscribed",
      "digest.unsubscribed",
    ]);
    const preview = await runChatCommand("klant-digest", "voorbeeld", member);
    expect(renderText(preview).text).toContain("Acme");
  });

  it("sends each subscription's digest once per week, in its own time zone and language", async () => {
    await ctx.db.sql.query("DELETE FROM channel_subscriptions");
    ctx.clock.set("2026-11-25T10:00:00Z");
    await runChatCommand("klant-digest", "aan", manager); // Monday 08:30 Amsterdam
    await runChatCommand("klant-digest", "aan Enterprise en", {
      ...manager,
      conversation: { platform: "TEAMS", channelId: "19:enterprise@thread.tacv2" },
    });
    await runChatCommand("klant-digest", "aan maandag 08:30 America/New_York", {
      ...manager,
      conversation: { platform: "SLACK", channelId: "C_US" },
    });
    // Wednesday of the week they subscribed: that Monday had passed already, nothing is owed.
    expect((await sendDueDigests({ ctx })).enqueued).toBe(0);
    ctx.clock.set("2026-11-30T07:29:00Z");
    expect((await sendDueDigests({ ctx })).enqueued).toBe(0);
    ctx.clock.set("2026-11-30T07:30:00Z"); // 08:30 in Amsterdam; 02:30 in New York
    const first = await sendDueDigests({ ctx });
    expect(first).toMatchObject({ due: 2, enqueued: 2, built: 2 });
    expect((await sendDueDigests({ ctx })).enqueued).toBe(0);
    ctx.clock.set("2026-11-30T14:00:00Z"); // 09:00 in New York
    expect((await sendDueDigests({ ctx })).enqueued).toBe(1);
    // Down all of Monday: Tuesday's first run makes the three up; still once each.
    ctx.clock.set("2026-12-08T06:00:00Z");
    expect((await sendDueDigests({ ctx })).enqueued).toBe(3);
    expect((await sendDueDigests({ ctx })).enqueued).toBe(0);
    const rows = await ctx.db.sql.query<{ key: string; platform: string; target: unknown; payload: unknown }>(
      "SELECT key, platform::text AS platform, target, payload FROM deliveries WHERE kind = 'digest' ORDER BY id",
    );
    expect(rows.map((r) => r.key.replace(/^digest:\d+:/, ""))).toEqual([
      "2026-W49",
      "2026-W49",
      "2026-W49",
      "2026-W50",
      "2026-W50",
      "2026-W50",
    ]);
    const teams = rows.find((r) => r.platform === "TEAMS")!;
    expect(JSON.stringify(teams.payload)).toContain("Customer health week 49 · Enterprise");
    expect(JSON.stringify(teams.target)).toContain("19:enterprise@thread.tacv2");
  });

  it("lists alerts open longer than the setting with their owners' Slack and Teams ids, and mentions them", async () => {
    await ctx.db.sql.query(
      "UPDATE users SET slack_user_id = 'U0JANDV', teams_user_id = $1 WHERE email = 'jan@klantpuls.demo'",
      [JAN_TEAMS_ID],
    );
    // Acme's alerts (owner Jan) were opened on 25 Nov and nobody has touched them since.
    ctx.clock.set("2026-11-30T07:30:00Z");
    const content = await buildDigest({ ctx, asOf: "2026-11-30", segment: "Enterprise" });
    expect(content.unacknowledgedDays).toBe(3);
    const jans = content.unacknowledged.filter((row) => row.owner === "Jan de Vries");
    expect(jans.length).toBeGreaterThan(0);
    expect(jans[0]).toMatchObject({ ownerSlackUserId: "U0JANDV", ownerTeamsUserId: JAN_TEAMS_ID });
    expect(jans[0]!.ownerId).toEqual(expect.any(Number));
    const others = content.unacknowledged.filter((row) => row.owner !== null && row.owner !== "Jan de Vries");
    expect(others.every((row) => row.ownerSlackUserId === null && row.ownerTeamsUserId === null)).toBe(true);

    const message = digestMessage(content, "en", { periodKey: "2026-W49" });
    const slack = renderBlockKit(message, { locale: "en" });
    expect(checkBlockKit(slack, "message")).toEqual([]);
    expect(JSON.stringify(slack.blocks)).toContain("<@U0JANDV>");
    const card = renderAdaptiveCard(message, { locale: "en" });
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(card.msteams?.entities).toEqual([
      {
        type: "mention",
        text: "<at>Jan de Vries</at>",
        mentioned: { id: JAN_TEAMS_ID, name: "Jan de Vries" },
      },
    ]);
  });
});
