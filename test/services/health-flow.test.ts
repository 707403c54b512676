import { expect, it } from "vitest";
import { runChatCommand } from "../../commands/index.ts";
import { seedDatabase } from "../../prisma/seed/load.ts";
import { handleAction } from "../../src/actions/index.ts";
import { reasonText } from "../../src/domain/health/reason-text.ts";
import { findCustomer } from "../../src/services/find-customer.ts";
import { getCustomerHealth } from "../../src/services/get-customer-health.ts";
import { loadBookAt } from "../../src/services/health-model/book-at.ts";
import { getRiskList } from "../../src/services/risk-list.ts";
import { scoreCustomers } from "../../src/services/score-customers.ts";
import type { ChatUser } from "../../src/views/chat.ts";
import { healthCard } from "../../src/views/health-card.ts";
import type { Message } from "../../src/views/message.ts";
import { renderText } from "../../src/views/render-text.ts";
import { describeEachDatabase } from "../support/each-database.ts";
import { sentences } from "../support/reason-sentences.ts";
import { testServiceContext } from "../support/service-context.ts";

const AS_OF = "2026-11-25";

function plain(message: Message): string {
  return renderText(message).text;
}

async function userByEmail(
  db: ReturnType<typeof testServiceContext>["db"],
  email: string,
): Promise<ChatUser> {
  const [row] = await db.sql.query<{ id: number; name: string; email: string; role: ChatUser["role"] }>(
    "SELECT id, name, email, role::text AS role FROM users WHERE email = $1",
    [email],
  );
  if (!row) throw new Error(`no user ${email}`);
  return { ...row, id: Number(row.id), locale: "nl" };
}

describeEachDatabase(
  "customer lookup, scoring, cards and actions on demo data",
  (database) => {
    const ctx = () => testServiceContext(database());

    it("finds customers by ERP id, exact name, accent-free prefix and fuzzy name", async () => {
      const sql = database().sql;
      const name = async (query: string) => {
        const found = await findCustomer({ sql, query });
        return found.kind === "found" ? found.customer.name : found.kind;
      };
      expect(await name("acme")).toBe("Acme");
      expect(await name("ACME")).toBe("Acme");
      expect(await name("k-1001")).toBe("Acme");
      expect(await name("cafe hotel leon")).toBe("Café Hôtel Léon BV");
      expect(await name("Café Hôtel")).toBe("Café Hôtel Léon BV");
      expect(await name("Bakker Bouw B.V.")).toBe("Bakker Bouw B.V.");
      expect(await name("van dyk logistiek")).toBe("Van Dijk Logistiek B.V.");
      expect(await name("zzzz qqqq")).toBe("none");
      // A poor fuzzy match is offered as a choice, not taken as a guess.
      const guess = await findCustomer({ sql, query: "akme" });
      expect(guess.kind === "ambiguous" && guess.candidates[0]?.name).toBe("Acme");
      const ambiguous = await findCustomer({ sql, query: "bakker bouw" });
      expect(ambiguous.kind).toBe("ambiguous");
      if (ambiguous.kind === "ambiguous") {
        expect(ambiguous.candidates.map((c) => c.name)).toEqual(
          expect.arrayContaining(["Bakker Bouw B.V.", "Bakker Bouwmaterialen BV"]),
        );
      }
    });

    it("scores every active customer once per date and puts the planted stories in the right bands", async () => {
      const first = await scoreCustomers({ ctx: ctx(), asOf: AS_OF });
      const again = await scoreCustomers({ ctx: ctx(), asOf: AS_OF });
      expect(again.scored).toBe(first.scored);
      const [{ count } = { count: 0 }] = await database().sql.query<{ count: number }>(
        "SELECT count(*)::int AS count FROM health_snapshots WHERE as_of = $1",
        [AS_OF],
      );
      expect(count).toBe(first.scored);
      const bands = await database().sql.query<{ external_id: string; band: string }>(
        `SELECT c.external_id, s.band::text AS band FROM health_snapshots s JOIN customers c ON c.id = s.customer_id
         WHERE s.as_of = $1 AND c.external_id IN ('K-1001', 'K-1002', 'K-1005', 'K-1006')`,
        [AS_OF],
      );
      const byId = Object.fromEntries(bands.map((row) => [row.external_id, row.band]));
      expect(byId["K-1001"]).toBe("AT_RISK"); // Acme: late payer getting worse
      expect(byId["K-1002"]).toBe("HEALTHY"); // steady
      expect(byId["K-1005"]).toBe("AT_RISK"); // sudden drop
      expect(byId["K-1006"]).toBeUndefined(); // churned: not scored
    });

    it("scoring in small chunks and slices (writes overlapping) stores exactly what one pass stores", async () => {
      const snapshots = () =>
        database().sql.query<{ customer_id: number; score: number; band: string }>(
          "SELECT customer_id, score, band::text AS band FROM health_snapshots WHERE as_of = '2026-11-20' ORDER BY customer_id",
        );
      const whole = await scoreCustomers({ ctx: ctx(), asOf: "2026-11-20" });
      const once = await snapshots();
      const chunked = await scoreCustomers({
        ctx: ctx(),
        asOf: "2026-11-20",
        chunkCustomers: 7,
        sliceCustomers: 3,
      });
      expect(chunked.scored).toBe(whole.scored);
      expect(chunked.bands).toEqual(whole.bands);
      expect(await snapshots()).toEqual(once);
      expect(once).toHaveLength(whole.scored);
    });

    it("reads a past book in ranges of customers exactly as in one statement (the calibration, the backtest)", async () => {
      const whole = await loadBookAt(ctx(), "2026-10-01", { chunkCustomers: 1_000_000 });
      const ranges = await loadBookAt(ctx(), "2026-10-01", { chunkCustomers: 7 });
      expect(whole.rows.length).toBeGreaterThan(20);
      expect(ranges).toEqual(whole);
    });

    it("gives a churned customer no score: the card says so and it is never on the at-risk list", async () => {
      const find = async (externalId: string) => {
        const found = await findCustomer({ sql: database().sql, query: externalId });
        if (found.kind !== "found") throw new Error(`no ${externalId}`);
        return found.customer.id;
      };
      // K-1006 is marked CHURNED by the ERP; K-1007 is still ACTIVE there but silent for 230 days.
      for (const [externalId, standing] of [
        ["K-1006", "churned-erp"],
        ["K-1007", "churned-silent"],
      ] as const) {
        const customerId = await find(externalId);
        const view = await getCustomerHealth({ ctx: ctx(), customerId, asOf: AS_OF });
        expect(view.standing).toBe(standing);
        expect(view.trend).toBeNull();
        const card = plain(healthCard(view, "nl"));
        expect(card).toContain("Vertrokken");
        expect(card).not.toMatch(/\d+\/100/);
        const [snapshot] = await database().sql.query(
          "SELECT 1 FROM health_snapshots WHERE customer_id = $1 AND as_of = $2",
          [customerId, AS_OF],
        );
        expect(snapshot).toBeUndefined();
      }
      const atRisk = await getRiskList({ ctx: ctx(), limit: 100, asOf: AS_OF });
      const listed = atRisk.customers.map((row) => row.customer.externalId);
      expect(listed).not.toContain("K-1006");
      expect(listed).not.toContain("K-1007");
      expect(listed).toContain("K-1001");
    });

    it("explains Acme's health with reasons, a falling trend and its revenue", async () => {
      const found = await findCustomer({ sql: database().sql, query: "acme" });
      if (found.kind !== "found") throw new Error("Acme not found");
      // The trend compares with the snapshot of 30 days earlier: score that day too.
      await scoreCustomers({ ctx: ctx(), asOf: "2026-10-26", customerIds: [found.customer.id] });
      const health = await getCustomerHealth({ ctx: ctx(), customerId: found.customer.id, asOf: AS_OF });
      expect(health.health.band).toBe("AT_RISK");
      expect(health.trend).toBeLessThan(0);
      expect(health.trailingRevenueCents).toBeGreaterThan(0);
      const payment = health.health.signals.find((signal) => signal.key === "payment");
      expect(sentences(payment?.reason).nl).toMatch(/dagen te laat \(was \d+\)/);
      expect(sentences(payment?.reason).en).toMatch(/days late/);
    });

    it("lists at-risk customers by revenue at risk, largest first", async () => {
      const list = await getRiskList({ ctx: ctx(), limit: 50, asOf: AS_OF });
      expect(list.total).toBeGreaterThan(0);
      expect(list.customers.map((row) => row.customer.name)).toContain("Acme");
      const revenues = list.customers.map((row) => row.revenueAtRisk);
      expect(revenues).toEqual([...revenues].sort((a, b) => b - a));
      expect(list.totalRevenueAtRisk).toBe(revenues.reduce((sum, value) => sum + value, 0));
      expect(list.customers.every((row) => row.band === "AT_RISK" && row.topReason !== null)).toBe(true);

      // The list's top reason is the reason the customer's card names first.
      const user = await userByEmail(database(), "jan@klantpuls.demo");
      for (const row of list.customers.slice(0, 5)) {
        const card = await runChatCommand("klant-health", row.customer.name, {
          services: ctx(),
          user,
          locale: "nl",
        });
        const reasons = card.blocks.find((block) => block.type === "bullets");
        const first = reasons?.type === "bullets" ? reasons.items[0] : undefined;
        expect(first, row.customer.name).toBeDefined();
        expect(
          first!.endsWith(`: ${reasonText(row.topReason, "nl")}`),
          `${row.customer.name}: ${first}`,
        ).toBe(true);
      }
    });

    it("answers the chat commands with cards, choices and usage", async () => {
      const user = await userByEmail(database(), "jan@klantpuls.demo");
      const cmd = { services: ctx(), user, locale: "nl" as const };
      const card = await runChatCommand("klant-health", "acme", cmd);
      expect(card.blocks[0]).toEqual({ type: "header", text: "Acme" });
      expect(plain(card)).toMatch(/risico/);
      expect(card.text).toMatch(/^Acme: \d+\/100 risico/);

      const choices = await runChatCommand("klant-health", "bakker bouw", cmd);
      const buttons = choices.blocks.flatMap((block) => (block.type === "actions" ? block.actions : []));
      expect(buttons.length).toBeGreaterThanOrEqual(2);
      expect(buttons.every((button) => button.id === "customer.open")).toBe(true);

      expect(plain(await runChatCommand("klant-health", "", cmd))).toMatch(/Gebruik: \/klant-health <klant>/);
      expect(plain(await runChatCommand("klant-health", "zzzz qqqq", cmd))).toMatch(
        /Geen klant gevonden voor “zzzz qqqq”/,
      );
      // The table's reason column says in words what the risk list stored as data.
      const risk = await runChatCommand("klant-risico", "", cmd);
      const table = risk.blocks.find((block) => block.type === "table");
      if (table?.type !== "table") throw new Error("no risk table");
      const listed = await getRiskList({ ctx: ctx(), limit: table.rows.length });
      expect(table.rows.map((row) => row[0])).toEqual(listed.customers.map((row) => row.customer.name));
      expect(table.rows.map((row) => row.at(-1))).toEqual(
        listed.customers.map((row) => reasonText(row.topReason, "nl")),
      );
      expect(table.rows.every((row) => /^[\p{L}€0-9]/u.test(row.at(-1) ?? ""))).toBe(true);
      expect(plain(await runChatCommand("klant-risico", "0", cmd))).toMatch(/“0” is geen geldig aantal/);
      expect(plain(await runChatCommand("klant-risico", "Bestaatniet", cmd))).toMatch(
        /Onbekend segment “Bestaatniet”/,
      );
      expect(plain(await runChatCommand("klant-risico", "MKB 3", cmd))).toMatch(/Klanten met risico · MKB/i);
      expect(plain(await runChatCommand("klant-kpi", "2026-13", cmd))).toMatch(/Gebruik: \/klant-kpi/);
      const kpi = await runChatCommand("klant-kpi", "2026-Q3", cmd);
      expect(kpi.blocks[0]).toMatchObject({ type: "header" });
      expect(plain(kpi)).toMatch(/Retentie: +\d+,\d %/);
      const english = await runChatCommand("klant-kpi", "last-quarter", { ...cmd, locale: "en" });
      expect(plain(english)).toMatch(/Retention: +\d+\.\d%/);
    });

    it("opens, shares and records a pulse through the neutral actions, with permissions", async () => {
      const services = ctx();
      const acme = await findCustomer({ sql: database().sql, query: "acme" });
      if (acme.kind !== "found") throw new Error("Acme not found");
      const owner = await userByEmail(database(), "jan@klantpuls.demo");
      const stranger = await userByEmail(database(), "pieter@klantpuls.demo"); // MEMBER, not Acme's owner
      const value = { customerId: acme.customer.id };

      const opened = await handleAction(
        { id: "customer.open", value, user: owner, locale: "nl" },
        { services },
      );
      expect(opened.kind).toBe("update");

      const shared = await handleAction(
        { id: "card.share", value, user: owner, locale: "nl" },
        { services, runCommand: runChatCommand },
      );
      if (shared.kind !== "share") throw new Error(`expected share, got ${shared.kind}`);
      expect(shared.message.ephemeral).toBe(false);
      expect(plain(shared.message)).toMatch(/Gedeeld door Jan de Vries/);
      expect(
        shared.message.blocks.flatMap((b) => (b.type === "actions" ? b.actions : [])).map((a) => a.id),
      ).not.toContain("card.share");

      const refused = await handleAction(
        { id: "pulse.add", value, user: stranger, locale: "nl" },
        { services },
      );
      expect(refused.kind).toBe("reply");

      const form = await handleAction({ id: "pulse.add", value, user: owner, locale: "nl" }, { services });
      if (form.kind !== "form") throw new Error(`expected form, got ${form.kind}`);
      expect(form.form.fields.map((field) => field.id)).toEqual(["score", "comment"]);

      const bad = await handleAction(
        { id: "pulse.submit", value, user: owner, locale: "nl", formValues: { score: "11" } },
        { services },
      );
      expect(bad).toEqual({ kind: "formErrors", errors: { score: "Kies een score van 0 t/m 10." } });

      const saved = await handleAction(
        {
          id: "pulse.submit",
          value,
          user: owner,
          locale: "nl",
          formValues: { score: "2", comment: "Boos over levering" },
        },
        { services },
      );
      if (saved.kind !== "update") throw new Error(`expected update, got ${saved.kind}`);
      expect(plain(saved.message)).toMatch(/je inschatting 2\/10 voor Acme is opgeslagen/);
      const [pulse] = await database().sql.query<{ score: number; comment: string }>(
        "SELECT score, comment FROM owner_pulses WHERE customer_id = $1 ORDER BY answered_at DESC LIMIT 1",
        [acme.customer.id],
      );
      expect(pulse).toEqual({ score: 2, comment: "Boos over levering" });
      const [audit] = await database().sql.query<{ action: string }>(
        "SELECT action FROM audit_events WHERE entity = 'customer' AND entity_id = $1",
        [String(acme.customer.id)],
      );
      expect(audit?.action).toBe("pulse.answered");

      const tampered = await handleAction(
        { id: "customer.open", value: { customerId: "x" }, user: owner, locale: "en" },
        { services },
      );
      expect(tampered).toMatchObject({ kind: "reply" });

      // A button for a customer that is gone since: said in the reader's language, never the log's.
      for (const [locale, text] of [
        ["nl", "Deze klant bestaat niet meer."],
        ["en", "This customer no longer exists."],
      ] as const) {
        const gone = await handleAction(
          { id: "customer.open", value: { customerId: 999_999 }, user: owner, locale },
          { services },
        );
        expect(gone.kind === "update" && gone.message.blocks).toEqual([{ type: "text", text }]);
      }
    });
  },
  {
    async setup(db) {
      await seedDatabase(db, { customers: 60, asOf: AS_OF });
    },
  },
);
