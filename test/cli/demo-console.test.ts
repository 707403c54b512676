import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { type ConsoleBackend, runDemoConsole, withoutComment } from "../../src/dev/demo-console.ts";
import type { Locale } from "../../src/i18n/index.ts";
import type { FormSpec } from "../../src/views/chat.ts";
import type { Message } from "../../src/views/message.ts";
import { liveConsole } from "../support/live-console.ts";

/** A reassign form as the alert actions build it: people by name (ids behind), an optional reason. */
function reassignForm(locale: Locale): FormSpec {
  const en = locale === "en";
  return {
    submitAction: "alert.reassignsubmit",
    title: en ? "Reassign alert" : "Melding overdragen",
    submitLabel: en ? "Reassign" : "Overdragen",
    value: {},
    fields: [
      {
        id: "assignee",
        type: "choice",
        label: en ? "To whom?" : "Aan wie?",
        required: true,
        options: [
          { value: "8", label: "Pieter Bakker" },
          { value: "6", label: "Lotte de Boer" },
          { value: "3", label: "Eva Janssens" },
        ],
      },
      {
        id: "reason",
        type: "choice",
        label: en ? "Reason (optional)" : "Reden (optioneel)",
        required: false,
        options: [
          { value: "contacted", label: en ? "contacted the customer" : "klant gesproken" },
          { value: "other", label: en ? "other" : "anders" },
        ],
      },
    ],
  };
}

/** A backend without a bot: one card with one button that opens the form; submissions are recorded. */
function fakeBackend(locale: Locale, submitted: Array<Record<string, string>>): ConsoleBackend {
  const card: Message = {
    text: "Acme",
    blocks: [
      { type: "header", text: "Acme" },
      { type: "actions", actions: [{ id: "alert.reassign", label: "Overdragen", value: {} }] },
    ],
  };
  return {
    async command() {
      return [card];
    },
    async press() {
      return { messages: [], form: reassignForm(locale) };
    },
    async submit(_form, values) {
      submitted.push(values);
      return {
        messages: [{ text: "ok", blocks: [{ type: "text", text: `saved ${JSON.stringify(values)}` }] }],
      };
    },
  };
}

async function run(locale: Locale, lines: string[]) {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = "";
  output.on("data", (chunk) => {
    text += String(chunk);
  });
  input.end(`${lines.join("\n")}\n`);
  const submitted: Array<Record<string, string>> = [];
  await runDemoConsole({ backend: fakeBackend(locale, submitted), input, output, banner: "test", locale });
  return { text, submitted };
}

describe("demo console forms", () => {
  it("lists choices by name, not by id, and asks again after an unknown answer (nl)", async () => {
    const { text, submitted } = await run("nl", [
      "/klant-health acme",
      "1",
      "8",
      "lotte",
      "contacted",
      "1",
      "quit",
    ]);
    expect(text).toContain("Aan wie?\n  1) Pieter Bakker  2) Lotte de Boer  3) Eva Janssens\n");
    expect(text).not.toMatch(/\[8\/6\/3/);
    // "8" is an id nobody saw (the list has 3 entries); "contacted" is a code, not a reason on the list.
    expect(text).toContain("“8” staat niet in de lijst. Kies een nummer van 1 t/m 3.");
    expect(text).toContain("“contacted” staat niet in de lijst. Kies een nummer van 1 t/m 2.");
    expect(text).toContain("Kies een nummer, of typ een deel van de naam (Enter om over te slaan): ");
    expect(submitted).toEqual([{ assignee: "6", reason: "contacted" }]);
  });

  it("does the same in English, and Enter skips an optional choice", async () => {
    const { text, submitted } = await run("en", ["/klant-health acme", "1", "eva", "", "quit"]);
    expect(text).toContain("To whom?\n  1) Pieter Bakker  2) Lotte de Boer  3) Eva Janssens\n");
    expect(text).toContain("Choose a number, or type part of the name (Enter to skip): ");
    expect(submitted).toEqual([{ assignee: "3" }]);
  });

  it("explains a button number that does not exist, in the console's language", async () => {
    const nl = await run("nl", ["/klant-health acme", "7", "b1", "quit"]);
    expect(nl.text).toContain("Er is geen knop 7. Knoppen van het laatste antwoord: 1–1.");
    expect(nl.text).toContain("Er is geen bericht b: de bot heeft nog niets uit zichzelf gestuurd.");
    const en = await run("en", ["frobnicate", "quit"]);
    expect(en.text).toContain("Unknown input “frobnicate”. Type help for the commands.");
    expect(en.text).toContain("press button [1], [2], … of the last answer");
    expect(en.text).not.toMatch(/klantpuls> klantpuls>/);
  });

  it("reads lines pasted from the README with their comments, in nl and en", async () => {
    expect(withoutComment("/klant-health bakker          # several matches: pick one by number")).toBe(
      "/klant-health bakker",
    );
    expect(withoutComment("1                             # press button [1] of the last answer")).toBe("1");
    expect(withoutComment("# only a comment")).toBe("");
    expect(withoutComment("/klant-health K#12")).toBe("/klant-health K#12");
    for (const locale of ["nl", "en"] as const) {
      const { text, submitted } = await run(locale, [
        "/klant-health acme          # the card",
        "1                             # press button [1] of the last answer",
        "3",
        "",
        "quit",
      ]);
      expect(text).not.toMatch(/Onbekende invoer|Unknown input/);
      expect(submitted).toEqual([{ assignee: "3" }]);
    }
  });
});

describe("demo console, what the bot sends on its own", () => {
  it("counts DMs to colleagues once, with the next thing shown, instead of a line each at the prompt", {
    timeout: 20_000,
  }, async () => {
    const batches: Array<{ messages: Message[]; toOthers: number }> = [];
    let arrived: () => void = () => undefined;
    let drained: () => void = () => undefined;
    const backend: ConsoleBackend = {
      ...fakeBackend("en", []),
      async drainProactive() {
        const batch = batches.shift() ?? { messages: [], toOthers: 0 };
        // After the console's own follow-up (then/finally) has run: a macrotask, not a delay.
        setImmediate(drained);
        return batch;
      },
      onProactive(listener) {
        arrived = listener;
      },
    };
    const { input, output, text, waitFor } = liveConsole();
    const done = runDemoConsole({ backend, input, output, banner: "test", locale: "en" });
    await waitFor(/klantpuls> $/);
    // Three pulses to colleagues arrive one by one while you sit at the prompt: nothing is printed.
    for (let i = 0; i < 3; i += 1) {
      batches.push({ messages: [], toOthers: 1 });
      const drainedNow = new Promise<void>((resolve) => {
        drained = resolve;
      });
      arrived();
      await drainedNow;
    }
    const atPrompt = text();
    // A DM to you is shown at once, with the colleagues' count so far, and the prompt comes back.
    batches.push({
      messages: [{ text: "For you", blocks: [{ type: "text", text: "For you" }] }],
      toOthers: 1,
    });
    arrived();
    await waitFor(/For you[\s\S]*4 DMs to colleagues[\s\S]*klantpuls> $/);
    // Two more for colleagues, then a command: the count comes with its answer.
    batches.push({ messages: [], toOthers: 2 });
    input.end("/klant-health acme\nquit\n");
    await done;
    expect(atPrompt).not.toMatch(/to colleagues/);
    expect(text().match(/DMs? to colleagues/g)).toHaveLength(2);
    expect(text()).toMatch(/Acme[\s\S]*Klantpuls also sent 2 DMs to colleagues/);
  });
});

describe("demo console at start-up", () => {
  it("answers a line typed during the bot's start-up catch-up once it is done, and says why it waits", async () => {
    let caughtUp: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => {
      caughtUp = resolve;
    });
    const { input, output, text, waitFor } = liveConsole();
    const done = runDemoConsole({
      backend: fakeBackend("en", []),
      input,
      output,
      banner: "test",
      locale: "en",
      ready,
    });
    input.write("/klant-health acme\n");
    await waitFor(/catching up on this morning's jobs/);
    expect(text()).not.toMatch(/Acme/);
    caughtUp();
    input.end("/klant-health acme\nquit\n");
    await done;
    expect(text()).toMatch(/catching up[\s\S]*Acme[\s\S]*Acme/);
    // Once caught up, nothing waits and nothing more is said about it.
    expect(text().match(/catching up/g)).toHaveLength(1);
  });
});
