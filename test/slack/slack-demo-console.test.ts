import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isoDateIn, type ManualClock } from "../../src/clock.ts";
import { saveHealthModel } from "../../src/db/queries/health-models.ts";
import { runDemoConsole } from "../../src/dev/demo-console.ts";
import { schedulerConsoleCommands } from "../../src/dev/scheduler-console-commands.ts";
import { slackConsoleBackend } from "../../src/dev/slack-backend.ts";
import type { TrackRecord } from "../../src/domain/health/track-record.ts";
import type { Locale } from "../../src/i18n/index.ts";
import { enqueueForUser } from "../../src/services/deliveries/enqueue-delivery.ts";
import { type SlackTestBot, slackUsers, startSlackTestBot } from "../support/slack-bot.ts";

/** The demo console's Slack mode: typed lines become signed Slack requests; answers come back as text. */
let t: SlackTestBot;
beforeAll(async () => {
  t = await startSlackTestBot({ customers: 20 });
});
afterAll(async () => {
  await t?.close();
});

function consoleFor(locale: Locale, input: PassThrough, output: PassThrough) {
  return runDemoConsole({
    backend: slackConsoleBackend({ slack: t.slack, userId: slackUsers.jan.id, channelId: "C0DEMO", locale }),
    input,
    output,
    banner: "test",
    locale,
    extra: schedulerConsoleCommands({
      clock: t.bot.ctx.clock as ManualClock,
      scheduler: t.bot.scheduler,
      dispatcher: t.bot.dispatcher,
      timezone: t.bot.ctx.timezone,
      locale,
    }),
  });
}

/** Type the lines, all at once (as piped input), and return the whole transcript. */
async function transcript(lines: string[], locale: Locale = "nl"): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = "";
  output.on("data", (chunk) => {
    text += String(chunk);
  });
  input.end(`${lines.join("\n")}\n`);
  await consoleFor(locale, input, output);
  return text;
}

/** Slack's language for Jan, which the bot reads with users.info (cached per bot for an hour). */
function setSlackLanguage(tag: string): void {
  t.slack.users.set(slackUsers.jan.id, { ...slackUsers.jan, locale: tag });
}

describe("demo console over Slack", () => {
  it("runs commands, buttons, the pulse modal (refused, asked again) and the Home tab", async () => {
    const text = await transcript([
      "/klant-health acme",
      "1", // Notitie / pulse
      "", // no score: the field is required, so it is asked again
      "11", // not a score: refused, asked again
      "6",
      "via de console",
      "/klant-health bakker",
      "2",
      "/home",
      "1",
      "quit",
    ]);
    expect(text).toMatch(/\[Slack #C0DEMO · alleen zichtbaar voor jou\]\nAcme\n═+/);
    expect(text).toMatch(/\[1\] Notitie \/ pulse {2}\[2\] Deel in kanaal/);
    // Score options read as they are typed: 0 / 1 / … / 10; a missing or impossible one is asked again.
    expect(text).toMatch(
      / {2}0 \/ 1 \/ 2 \/ 3 \/ 4 \/ 5 \/ 6 \/ 7 \/ 8 \/ 9 \/ 10\n0–10: \nDit veld is verplicht\./,
    );
    expect(text).toMatch(/“11” kan niet: kies 0, 1, 2/);
    expect(text).toMatch(/── Klantpulse ──[\s\S]*je inschatting 6\/10 voor Acme is opgeslagen/);
    expect(text).toMatch(/alleen zichtbaar voor jou · bijgewerkt\]\nBakker Bouwmaterialen BV/);
    expect(text).toMatch(/\[Slack App Home-tabblad\][\s\S]*Mijn klanten/);
    expect(text).toMatch(/\[Slack DM van Klantpuls aan jou\]/);
    expect(text).not.toMatch(/klantpuls> klantpuls>/);
    expect(t.slack.problems).toEqual([]);
  });

  it("keeps button numbers with the answer: a DM that arrives in between gets its own letter (nl)", async () => {
    // December: a new pulse period (the demo data already holds November's pulses).
    (t.bot.ctx.clock as ManualClock).set("2026-12-02T09:00:00Z");
    // The card's pulse button: its number depends on the alert buttons before it.
    const pulse = /\[(\d+)\] Notitie \/ pulse/.exec(await transcript(["/klant-health acme", "quit"]))?.[1];
    expect(pulse).toBeDefined();
    const text = await transcript([
      "/klant-health acme",
      "job pulses.ask", // the monthly pulse DMs go out now, to Jan among others
      "/klant-health acme",
      pulse ?? "", // the card's pulse button, not the DM's
      "5",
      "",
      "a1", // the DM's first button: 0/10
      "quit",
    ]);
    const dmAt = text.indexOf("── bericht a van de bot");
    expect(dmAt).toBeGreaterThan(-1);
    const dm = text.slice(dmAt);
    expect(dm).toMatch(/\[Slack DM van Klantpuls aan jou\]\nKorte pulse, één klik:/);
    expect(dm).toMatch(/\[a1\] 0 {2}\[a2\] 1/);
    // The second card's buttons are numbered as the first card's: the number opens the card's form.
    const secondCard = text.slice(text.indexOf("klantpuls> /klant-health acme", dmAt));
    expect(secondCard).toContain(`[${pulse}] Notitie / pulse`);
    expect(secondCard.slice(secondCard.indexOf(`klantpuls> ${pulse}\n`))).toMatch(
      new RegExp(`^klantpuls> ${pulse}\n── Klantpulse ──`),
    );
    expect(text).toMatch(/je inschatting 5\/10 voor Acme is opgeslagen/);
    expect(text.slice(text.indexOf("klantpuls> a1"))).toMatch(/je inschatting 0\/10 voor .+ is opgeslagen/);
    expect(t.slack.problems).toEqual([]);
  });

  it("announces a DM that arrives while you are at the prompt, and gives the prompt back (en)", async () => {
    setSlackLanguage("en-GB");
    // Slack profiles are cached for an hour: move past it so the new language is read.
    (t.bot.ctx.clock as ManualClock).advance(2 * 3_600_000);
    try {
      const input = new PassThrough();
      const output = new PassThrough();
      let text = "";
      let seen: (() => void) | undefined;
      const waitFor = (pattern: RegExp) =>
        new Promise<void>((resolve) => {
          seen = () => {
            if (pattern.test(text)) resolve();
          };
          seen();
        });
      output.on("data", (chunk) => {
        text += String(chunk);
        seen?.();
      });
      const done = consoleFor("en", input, output);
      input.write("/klant-health acme\n");
      await waitFor(/Why[\s\S]*klantpuls> $/);
      // The bot sends Jan a DM on its own while he reads the card: through the outbox, not a command.
      const [jan] = await t.bot.ctx.db.sql.query<{ id: number }>(
        "SELECT id FROM users WHERE email = 'jan@klantpuls.demo'",
      );
      await enqueueForUser({
        ctx: t.bot.ctx,
        key: "test:idle-dm",
        userId: Number(jan?.id),
        kind: "test",
        message: {
          text: "Reminder: your estimate counts in the customer's score.",
          blocks: [
            { type: "text", text: "Reminder: your estimate counts in the customer's score." },
            { type: "actions", actions: [{ id: "customer.open", label: "Open", value: {} }] },
          ],
        },
      });
      await t.bot.dispatcher.drain();
      await waitFor(/── message [a-z]+ from the bot[\s\S]*\[[a-z]+1\] Open\n\nklantpuls> $/);
      // The card's pulse button (after its alert buttons, if any), pressed after the DM arrived.
      const pulse = /\[(\d+)\] Note \/ pulse/.exec(text)?.[1];
      expect(pulse).toBeDefined();
      input.write(`${pulse}\n`);
      await waitFor(/── Customer pulse ──[\s\S]*0–10: $/);
      input.end("\n\nquit\n");
      await done;
      expect(text).toMatch(/\[Slack #C0DEMO · only visible to you\]\nAcme/);
      expect(text).toMatch(/Reminder: your estimate counts/);
      expect(text).toMatch(/0–10: \nThis field is required\./);
      expect(text).toMatch(/Form cancelled\./);
    } finally {
      setSlackLanguage("nl-NL");
    }
  });

  it("speaks the Slack user's language: French from users.info", async () => {
    setSlackLanguage("fr-BE");
    try {
      // The profile is cached for an hour: move the bot's clock past it so Slack is asked again.
      (t.bot.ctx.clock as ManualClock).advance(2 * 3_600_000);
      const text = await transcript(["/klant-health acme", "quit"], "fr");
      expect(text).toMatch(/\[Slack #C0DEMO · visible par vous seul\]\nAcme/);
      expect(text).toMatch(/Pourquoi/);
      expect(text).toMatch(/Chiffre d'affaires \(12 mois\)/);
    } finally {
      setSlackLanguage("nl-NL");
      (t.bot.ctx.clock as ManualClock).advance(2 * 3_600_000);
    }
  });

  it("the stored track record reaches App Home and /klant-kpi through the signed Slack endpoint", async () => {
    const before = await transcript(["/klant-kpi", "quit"]);
    expect(before).toContain("Trefzekerheid: nog niet teruggerekend");
    const today = isoDateIn(t.bot.ctx.clock.now(), t.bot.ctx.timezone);
    const record: TrackRecord = {
      lastDate: "2026-08-27",
      firstDate: "2025-10-01",
      dates: 12,
      horizonDays: 90,
      bands: {
        HEALTHY: { customers: 900, churnRate: 0.04 },
        ATTENTION: { customers: 300, churnRate: 0.2 },
        AT_RISK: { customers: 100, churnRate: 0.41 },
      },
      auc: 0.88,
      bestYardstick: { name: "bgnbd", auc: 0.86 },
    };
    await saveHealthModel(t.bot.ctx.db.sql, { kind: "track-record", asOf: today, params: record });
    const sentence =
      /Trefzekerheid: van de klanten die de score op risico zette, vertrok 41 % binnen 90 dagen; van de gezonde 4 % \(teruggerekend op 12 datums/;
    expect(await transcript(["/home", "quit"])).toMatch(sentence);
    expect(await transcript(["/klant-kpi", "quit"])).toMatch(sentence);
  });

  it("a language chosen on the App Home beats Slack's language, until you follow Slack again (nl → en → nl)", async () => {
    const button = (text: string, label: string) => new RegExp(`\\[(\\d+)\\] ${label}`).exec(text)?.[1] ?? "";
    const home = await transcript(["/home", "quit"]);
    expect(home).toContain("Taal: Nederlands, zoals je Slack of Teams");
    const english = await transcript(["/home", button(home, "English"), "/klant-health acme", "quit"]);
    expect(english).toContain("Klantpuls now speaks English with you, in alerts and pulses too.");
    expect(english).toMatch(/\nAcme\n═+[\s\S]*Why/);
    const [jan] = await t.bot.ctx.db.sql.query<{ locale: string }>(
      "SELECT locale FROM users WHERE email = 'jan@klantpuls.demo'",
    );
    // Alerts, pulses and escalations read the user's language from here.
    expect(jan?.locale).toBe("en");

    const chosen = await transcript(["/home", "quit"]);
    expect(chosen).toContain("Language: English (your own choice)");
    const back = await transcript([
      "/home",
      button(chosen, "Follow Slack/Teams language"),
      "/klant-health acme",
      "quit",
    ]);
    expect(back).toContain("Klantpuls follows your Slack or Teams language again (from your next message).");
    expect(back).toMatch(/\nAcme\n═+[\s\S]*Waarom/);
    expect(t.slack.problems).toEqual([]);
  });

  it("says the demo clock's time in the console's language, weekday included (nl, en, fr)", async () => {
    expect(await transcript(["tijd", "quit"], "nl")).toMatch(
      /Het is nu (maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag) \d+ [a-z]+ 2026 \d\d:\d\d\./,
    );
    expect(await transcript(["time", "quit"], "en")).toMatch(
      /It is now (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \d+ [A-Z][a-z]+ 2026 \d\d:\d\d\./,
    );
    const french = await transcript(["temps", "help", "quit"], "fr");
    expect(french).toMatch(/(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) \d+ \S+ 2026 \d\d:\d\d/);
    expect(french).toContain("temps +1d / temps +2h");
  });
});
