import { beforeAll, expect, it } from "vitest";
import { runChatCommand } from "../../commands/index.ts";
import { seedDatabase } from "../../prisma/seed/load.ts";
import { handleAction } from "../../src/actions/index.ts";
import { alertsCommand } from "../../src/cli/commands/alerts.ts";
import { healthCommand } from "../../src/cli/commands/health.ts";
import type { Database } from "../../src/db/client.ts";
import { scoreTrend } from "../../src/domain/trend.ts";
import { evaluateAlerts } from "../../src/services/alerts/evaluate-alerts.ts";
import { loadAlertCards } from "../../src/services/alerts/load-alert-cards.ts";
import { buildDigest } from "../../src/services/digests/build-digest.ts";
import { getMyOverview } from "../../src/services/get-my-overview.ts";
import { scoreHistory } from "../../src/services/score-history.ts";
import { homeMessage } from "../../src/slack/home.ts";
import { alertCard } from "../../src/views/alert-card.ts";
import type { ChatUser } from "../../src/views/chat.ts";
import { digestMessage } from "../../src/views/digest-message.ts";
import type { Message } from "../../src/views/message.ts";
import { renderText } from "../../src/views/render-text.ts";
import { importText } from "../import/support.ts";
import { testCliIo } from "../support/cli-io.ts";
import { describeEachDatabase } from "../support/each-database.ts";
import { testServiceContext } from "../support/service-context.ts";

const AS_OF = "2026-11-25";
const MONTH_AGO = "2026-10-28"; // the weekly snapshot nearest to 30 days before AS_OF

function plain(message: Message): string {
  return renderText(message, { width: 200 }).text;
}

async function chatUser(db: Database, email: string): Promise<ChatUser> {
  const [row] = await db.sql.query<{ id: number; name: string; email: string; role: ChatUser["role"] }>(
    "SELECT id, name, email, role::text AS role FROM users WHERE email = $1",
    [email],
  );
  if (!row) throw new Error(`no user ${email}`);
  return { ...row, id: Number(row.id), locale: "nl" };
}

it("the trend is score now minus the snapshot nearest to 30 days before, else no history", () => {
  const now = { date: AS_OF, score: 31 };
  expect(scoreTrend(now, { date: MONTH_AGO, score: 72 })).toEqual({ delta: -41, since: MONTH_AGO });
  expect(scoreTrend(now, { date: "2026-10-19", score: 72 })).toEqual({ delta: -41, since: "2026-10-19" });
  // 39 days back is not "30 days ago", nor is a placeholder score without data.
  expect(scoreTrend(now, { date: "2026-10-17", score: 72 })).toEqual({ delta: null, since: null });
  expect(scoreTrend(now, { date: MONTH_AGO, score: 50, confidence: 0 }).delta).toBeNull();
  expect(scoreTrend(now, null).delta).toBeNull();
});

describeEachDatabase(
  "one trend, one score: card, Home, alert, risk list, digest and CLI agree",
  (database) => {
    const ctx = testServiceContext(null as unknown as Database, `${AS_OF}T09:00:00Z`);
    let jan: ChatUser;
    let acmeId = 0;
    let trend = 0;

    beforeAll(async () => {
      ctx.db = database();
      await seedDatabase(ctx.db, { customers: 60, asOf: AS_OF });
      await scoreHistory({ ctx, asOf: AS_OF, weeks: 5 });
      const [acme] = await ctx.db.sql.query<{ id: number }>(
        "SELECT id FROM customers WHERE external_id = 'K-1001'",
      );
      acmeId = Number(acme?.id);
      // A month ago Acme looked healthy: a large fall, so the score-drop alert opens too.
      await ctx.db.sql.query(
        "UPDATE health_snapshots SET score = 72, band = 'HEALTHY' WHERE customer_id = $1 AND as_of = $2",
        [acmeId, MONTH_AGO],
      );
      await evaluateAlerts({ ctx, asOf: AS_OF });
      jan = await chatUser(ctx.db, "jan@klantpuls.demo");
      const [today] = await ctx.db.sql.query<{ score: number }>(
        "SELECT score FROM health_snapshots WHERE customer_id = $1 AND as_of = $2",
        [acmeId, AS_OF],
      );
      trend = Number(today?.score) - 72;
      expect(trend).toBeLessThan(-15);
    });

    it("shows Acme's trend the same on the card, App Home, the risk list, the alert, the digest and the CLI", async () => {
      const minus = `−${Math.abs(trend)}`;
      for (const locale of ["nl", "en"] as const) {
        const cmd = { services: ctx, user: { ...jan, locale }, locale };
        const card = await runChatCommand("klant-health", "acme", cmd);
        expect(plain(card)).toContain(`trend ${minus}`);

        const home = homeMessage(
          jan,
          await getMyOverview({ ctx, userId: jan.id, customerLimit: 25, alertLimit: 10 }),
          locale,
        );
        expect(plain(home)).toMatch(new RegExp(`Acme\\*?\\*? · \\d+ · [^·]+ · trend ${minus}`));

        const risk = plain(await runChatCommand("klant-risico", "Enterprise 10", cmd));
        expect(risk).toMatch(new RegExp(`Acme +\\d+ +${minus} `));

        const [alerts] = await loadAlertCards(ctx.db.sql, { liveForCustomers: [acmeId], asOf: AS_OF });
        if (!alerts) throw new Error("no alert for Acme");
        const alertText = plain(alertCard(alerts, locale));
        expect(alertText).toContain(
          locale === "nl"
            ? `Score ${Math.abs(trend)} punten gedaald in 30 dagen`
            : `Score fell ${Math.abs(trend)} points in 30 days`,
        );

        const digest = await buildDigest({ ctx, asOf: AS_OF, segment: null });
        const digestText = plain(digestMessage(digest, locale, { periodKey: "2026-W48" }));
        expect(digestText).toMatch(new RegExp(`Acme\\*?\\*? [^\\n]*trend ${minus}`));
      }
      const io = testCliIo(ctx);
      expect(await healthCommand.run(["acme", "--json"], io)).toBe(0);
      expect(JSON.parse(io.stdout())).toMatchObject({ trend, trendSince: MONTH_AGO, scoredOn: AS_OF });
      // The CLI's text: the card, and the alert list with the same headline as the DM.
      for (const [lang, drop] of [
        ["nl", `Score ${Math.abs(trend)} punten gedaald in 30 dagen`],
        ["en", `Score fell ${Math.abs(trend)} points in 30 days`],
      ] as const) {
        const card = testCliIo(ctx);
        expect(await healthCommand.run(["acme", "--lang", lang], card)).toBe(0);
        expect(card.stdout()).toContain(`trend ${minus}`);
        const alerts = testCliIo(ctx);
        expect(await alertsCommand.run(["--open", "--customer", "acme", "--lang", lang], alerts)).toBe(0);
        expect(alerts.stdout()).toMatch(new RegExp(`OPEN +Acme \\(K-1001\\) · ${drop} · `));
      }
    });

    it("a customer without a snapshot 30 days back says so instead of a number", async () => {
      const [steady] = await ctx.db.sql.query<{ id: number }>(
        "SELECT id FROM customers WHERE external_id = 'K-1002'",
      );
      await ctx.db.sql.query("DELETE FROM health_snapshots WHERE customer_id = $1 AND as_of < $2", [
        steady?.id,
        AS_OF,
      ]);
      const nl = plain(
        await runChatCommand("klant-health", "K-1002", { services: ctx, user: jan, locale: "nl" }),
      );
      expect(nl).toContain("trend nog geen historie");
      const en = plain(
        await runChatCommand("klant-health", "K-1002", {
          services: ctx,
          user: { ...jan, locale: "en" },
          locale: "en",
        }),
      );
      expect(en).toContain("trend no history yet");
    });

    it("a pulse rescores the customer at once: the card and /klant-risico show the same score that day", async () => {
      const cmd = { services: ctx, user: jan, locale: "nl" as const };
      const scoreOnCard = (text: string) => Number(/(\d+)\/100/.exec(text)?.[1]);
      const before = scoreOnCard(plain(await runChatCommand("klant-health", "acme", cmd)));
      const saved = await handleAction(
        {
          id: "pulse.submit",
          value: { customerId: acmeId },
          user: jan,
          locale: "nl",
          formValues: { score: "10", comment: "net bijgepraat, gaat goed" },
        },
        { services: ctx },
      );
      expect(saved.kind).toBe("update");
      const card = plain(await runChatCommand("klant-health", "acme", cmd));
      const after = scoreOnCard(card);
      expect(after).not.toBe(before);
      expect(card).toContain("score van 25 november 2026");
      // The card's own alert block re-evaluated with it: no alert line with the score before the pulse.
      // The card's own alert block is re-evaluated with it: its score drop is the card's trend, not
      // the drop from before the pulse (and it is gone when the drop no longer counts).
      const trendNow = Number(/trend −(\d+)/.exec(card)?.[1]);
      const drop = /Score (\d+) punten gedaald in 30 dagen/.exec(card);
      if (drop) expect(Number(drop[1])).toBe(trendNow);
      else expect(trendNow).toBeLessThan(15);
      const en = plain(
        await runChatCommand("klant-health", "acme", {
          ...cmd,
          user: { ...jan, locale: "en" },
          locale: "en",
        }),
      );
      expect(scoreOnCard(en)).toBe(after);
      expect(en).toContain("score of 25 November 2026");
      const risk = plain(await runChatCommand("klant-risico", "Enterprise 50", cmd));
      const listed = /Acme +(\d+) /.exec(risk);
      // Still at risk after the pulse: the list shows the new score; otherwise Acme left the list.
      if (listed) expect(Number(listed[1])).toBe(after);
      else expect(after).toBeGreaterThanOrEqual(40);
    });

    it("an import rescores the customer and its alerts at once: the card's alert block has the card's score", async () => {
      const report = await importText(
        ctx,
        "nps",
        `customer_external_id,answered_on,score,comment\nK-1001,${AS_OF},0,nooit meer\n`,
      );
      expect(report).toMatchObject({ status: "completed", rescored: 1 });
      const [view] = await loadAlertCards(ctx.db.sql, { liveForCustomers: [acmeId], asOf: AS_OF });
      for (const locale of ["nl", "en"] as const) {
        const card = plain(
          await runChatCommand("klant-health", "acme", { services: ctx, user: { ...jan, locale }, locale }),
        );
        const score = Number(/(\d+)\/100/.exec(card)?.[1]);
        // The detractor answer imported just now is an alert today, not after tomorrow's run.
        expect(card).toContain(
          locale === "nl"
            ? "NPS-antwoord 0 (criticaster) op 25 nov 2026"
            : "NPS answer 0 (detractor) on 25 Nov 2026",
        );
        expect(view?.alerts.map((alert) => [alert.detail.score, alert.detail.evaluatedOn])).toEqual(
          view?.alerts.map(() => [score, AS_OF]),
        );
      }
    });
  },
);
