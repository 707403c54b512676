import { createInterface } from "node:readline";
import { type Locale, type Translate, translator } from "../i18n/index.ts";
import type { ActionResult, FormField, FormSpec } from "../views/chat.ts";
import type { Message, MessageAction } from "../views/message.ts";
import { renderText } from "../views/render-text.ts";

/**
 * Where the console sends what you type. The direct backend calls the commands in-process; the
 * Slack backend signs requests and sends them through the bot's real Slack endpoint.
 */
export interface ConsoleBackend {
  /** A slash command line such as "/klant-health acme"; returns what the bot answered. */
  command(name: string, args: string): Promise<Message[]>;
  /** Press a button of a message shown earlier. */
  press(action: MessageAction): Promise<ConsoleOutcome>;
  /** Submit a form that a button opened. */
  submit(form: FormSpec, values: Record<string, string>): Promise<ConsoleOutcome>;
  /**
   * Messages the bot sent on its own (alerts, pulses, digests) since the last call, if the backend
   * sees them. They are never part of an answer, even when they arrive while one is awaited.
   */
  drainProactive?(): Promise<ProactiveBatch>;
  /** Called when such a message arrives, so the console can show it while you are at the prompt. */
  onProactive?(listener: () => void): void;
}

/** What the bot sent on its own: in full what you would see, and a count of DMs to colleagues. */
export interface ProactiveBatch {
  messages: Message[];
  /** DMs to other people, which their Slack shows, not yours: only counted. */
  toOthers: number;
}

export type ConsoleOutcome = {
  messages: Message[];
  form?: FormSpec;
  errors?: Record<string, string>;
};

export function outcomeFromResult(result: ActionResult): ConsoleOutcome {
  switch (result.kind) {
    case "update":
    case "share":
    case "reply":
      return { messages: [result.message] };
    case "form":
      return { messages: [], form: result.form };
    case "formErrors":
      return { messages: [], errors: result.errors };
    case "none":
      return { messages: [] };
  }
}

/** Extra console commands (e.g. "tijd +1d"); return true when the line was one of them. */
export type ConsoleExtra = (line: string, print: (text: string) => void, t: Translate) => Promise<boolean>;

/** How often a form is asked again after the bot refused it, before the console gives up. */
const FORM_ATTEMPTS = 3;

/**
 * A small REPL: commands in, rendered answers out, buttons by number. Ends on `quit` or end of input.
 *
 * Buttons belong to the message they were printed under: `1`, `2`, … press the buttons of the last
 * answer; a message the bot sent on its own (an alert or pulse DM, a digest) gets a letter, and its
 * buttons are `a1`, `a2`, …, so a DM that arrives while you work never renumbers your answer.
 */
export async function runDemoConsole(options: {
  backend: ConsoleBackend;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  banner: string;
  /**
   * The answer to a slash command the bot does not have ("bedoelde je /klant-risico?"), or null when
   * it has it. Checked before sending, so a typo is answered at once instead of waiting for Slack's
   * 3-second timeout on a command nobody handles.
   */
  unknownCommand?: (name: string) => string | null;
  locale?: Locale;
  extra?: ConsoleExtra;
  /**
   * Resolves when the bot has caught up on the jobs it missed (the start-up catch-up): a line typed
   * before then waits for it, so the first card already shows this morning's alerts.
   */
  ready?: Promise<void>;
}): Promise<void> {
  const { backend, output } = options;
  const t = translator(options.locale ?? "nl");
  const prompt = t("console.prompt");
  const lines = lineReader(options.input, output);
  const print = (text: string) => output.write(`${text}\n`);
  let buttons: MessageAction[] = [];
  const lettered = new Map<string, MessageAction[]>();
  let nextLetter = 0;

  /** The answer to what you typed: its buttons become 1, 2, … */
  const showAnswer = (messages: Message[]) => {
    buttons = [];
    for (const message of messages) {
      const rendered = renderText(message, {
        numberActions: true,
        firstActionNumber: buttons.length + 1,
        width: 150,
      });
      buttons.push(...rendered.actions);
      print(rendered.text);
      print("");
    }
  };

  /** Messages the bot sent on its own: each gets a letter; the answer's numbering stays. */
  const showBackground = (messages: Message[]) => {
    for (const message of messages) {
      const letter = letterName(nextLetter++);
      const rendered = renderText(message, { numberActions: true, actionPrefix: letter, width: 150 });
      if (rendered.actions.length > 0) lettered.set(letter, rendered.actions);
      print(t("console.background", { letter }));
      print(rendered.text);
      print("");
    }
  };

  // DMs to colleagues are only counted, and the count waits for the next thing shown: the morning's
  // catch-up sends a dozen pulses one by one, and a line per DM buried the prompt.
  let toOthersUnshown = 0;
  /** Shows what the bot sent on its own; true when something was printed. */
  const drainBackground = async (showCount: boolean): Promise<boolean> => {
    if (!backend.drainProactive) return false;
    const batch = await backend.drainProactive();
    toOthersUnshown += batch.toOthers;
    if (batch.messages.length > 0) showBackground(batch.messages);
    const printed = batch.messages.length > 0 || (showCount && toOthersUnshown > 0);
    if (printed && toOthersUnshown > 0) {
      print(t("console.toOthers", { count: toOthersUnshown }));
      toOthersUnshown = 0;
    }
    return printed;
  };

  // A DM to you that arrives while you are at the prompt is shown at once, then the prompt comes
  // back; one that arrives while a line is being handled waits until that line's answer is printed.
  let busy = true;
  backend.onProactive?.(() => {
    if (busy || !lines.isWaiting()) return;
    busy = true;
    void drainBackground(false)
      .then((printed) => {
        if (printed && lines.isWaiting()) output.write(prompt);
      })
      .finally(() => {
        busy = false;
      });
  });

  let ready = options.ready === undefined;
  void options.ready?.finally(() => {
    ready = true;
  });
  const caughtUp = async () => {
    if (ready) return;
    print(t("console.catchingUp"));
    await options.ready;
  };

  print(options.banner);
  print(t("console.help"));
  await drainBackground(true);
  for (;;) {
    busy = false;
    const raw = await lines.next(prompt);
    busy = true;
    if (raw === null) break;
    const line = withoutComment(raw);
    try {
      if (line === "quit" || line === "exit") break;
      await caughtUp();
      await handleLine(line);
      await drainBackground(true);
    } catch (error) {
      print(t("console.error", { message: (error as Error).message }));
    }
  }
  lines.close();

  async function handleLine(line: string): Promise<void> {
    const pressLetter = /^([a-z]{1,2})(\d+)$/.exec(line);
    if (line === "help" || line === "?") {
      print(t("console.help"));
    } else if (/^\d+$/.test(line)) {
      const action = buttons[Number(line) - 1];
      if (action) await handleOutcome(await backend.press(action));
      else if (buttons.length === 0) print(t("console.noButtons", { input: line }));
      else print(t("console.noButton", { input: line, range: `1–${buttons.length}` }));
    } else if (pressLetter) {
      const [, letter = "", number = ""] = pressLetter;
      const actions = lettered.get(letter);
      const action = actions?.[Number(number) - 1];
      if (action) await handleOutcome(await backend.press(action));
      else if (lettered.size === 0) print(t("console.noMessages", { letter }));
      else if (!actions) print(t("console.noMessage", { letter, letters: [...lettered.keys()].join(", ") }));
      else print(t("console.noButton", { input: line, range: `${letter}1–${letter}${actions.length}` }));
    } else if (line.startsWith("/")) {
      const [name = "", ...rest] = line.slice(1).split(/\s+/);
      const unknown = options.unknownCommand?.(name) ?? null;
      if (unknown) print(unknown);
      else showAnswer(await backend.command(name, rest.join(" ")));
    } else if (line !== "" && !(await options.extra?.(line, print, t))) {
      print(t("console.unknownInput", { line }));
    }
  }

  async function handleOutcome(outcome: ConsoleOutcome): Promise<void> {
    if (outcome.messages.length > 0) showAnswer(outcome.messages);
    if (outcome.form) await fillForm(outcome.form);
  }

  /** Ask the form's questions; when the bot refuses the answers, say why and ask again. */
  async function fillForm(form: FormSpec): Promise<void> {
    for (let attempt = 1; attempt <= FORM_ATTEMPTS; attempt++) {
      print(`── ${form.title} ──`);
      const values: Record<string, string> = {};
      for (const field of form.fields) {
        const value = await askField(field);
        if (value === null) {
          print(t("console.cancelled"));
          return;
        }
        if (value !== "") values[field.id] = value;
      }
      const outcome = await backend.submit(form, values);
      if (!outcome.errors) {
        await handleOutcome(outcome);
        return;
      }
      print(t("console.notSaved", { errors: Object.values(outcome.errors).join(" ") }));
    }
    print(t("console.cancelled"));
  }

  /**
   * One field. A choice lists its options by number and label (never the raw ids) and takes a
   * number, a label or the start of one; anything else is refused and asked again. Null: input ended.
   */
  async function askField(field: FormField): Promise<string | null> {
    if (field.type === "text") {
      for (;;) {
        const answer = await lines.next(`${field.label}${field.required ? "" : t("console.skip")}: `);
        if (answer === null) return null;
        if (answer.trim() || !field.required) return answer.trim();
        print(t("console.required"));
      }
    }
    print(field.label);
    // Options whose labels are numbers (a 0–10 score) are typed as they read; others by list number.
    const numeric = field.options.every((option) => /^\d+$/.test(option.label));
    print(
      numeric
        ? `  ${field.options.map((option) => option.label).join(" / ")}`
        : `  ${field.options.map((option, index) => `${index + 1}) ${option.label}`).join("  ")}`,
    );
    const initial = field.options.find((option) => option.value === field.initial);
    const hint = initial
      ? t("console.keep", { label: initial.label })
      : field.required
        ? ""
        : t("console.skip");
    for (;;) {
      const range = `${field.options[0]?.label ?? ""}–${field.options.at(-1)?.label ?? ""}`;
      const answer = await lines.next(numeric ? `${range}${hint}: ` : `${t("console.choose")}${hint}: `);
      if (answer === null) return null;
      const typed = answer.trim();
      if (typed === "") {
        if (initial) return initial.value;
        if (!field.required) return "";
        print(t("console.required"));
        continue;
      }
      const chosen = pickOption(field.options, typed);
      if (chosen) return chosen.value;
      print(
        numeric
          ? t("console.badNumber", {
              answer: typed,
              options: field.options.map((option) => option.label).join(", "),
            })
          : t("console.badChoice", { answer: typed, count: field.options.length }),
      );
    }
  }
}

/**
 * An exact label ("6" on a score), a number from the list, or the one label that starts with (or
 * else contains) the text. Raw ids are not accepted: people never saw them.
 */
function pickOption<T extends { value: string; label: string }>(options: T[], typed: string): T | undefined {
  const lower = typed.toLocaleLowerCase();
  const exact = options.find((option) => option.label.toLocaleLowerCase() === lower);
  if (exact) return exact;
  if (/^\d+$/.test(typed)) {
    const numeric = options.every((option) => /^\d+$/.test(option.label));
    return numeric ? undefined : options[Number(typed) - 1];
  }
  for (const matches of [
    (label: string) => label.startsWith(lower),
    (label: string) => label.includes(lower),
  ]) {
    const found = options.filter((option) => matches(option.label.toLocaleLowerCase()));
    if (found.length === 1) return found[0];
    if (found.length > 1) return undefined;
  }
  return undefined;
}

/** a, b, …, z, aa, ab, …: the name of the n-th message the bot sent on its own. */
function letterName(index: number): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz";
  return index < 26
    ? (alphabet[index] as string)
    : `${alphabet[Math.floor(index / 26) - 1] ?? "z"}${alphabet[index % 26]}`;
}

/**
 * A console line without a trailing comment: a space, then `#` to the end ("1   # press button [1]"),
 * or a whole line starting with `#`. The README's walk-through writes its explanations that way, and
 * a newcomer pastes them along.
 */
export function withoutComment(line: string): string {
  return line.replace(/(^|\s)#.*$/, "").trim();
}

/**
 * Lines from the input, one at a time, with a prompt. Queues lines that arrive before they are asked
 * for (piped input arrives all at once) and returns null at the end of the input.
 */
function lineReader(input: NodeJS.ReadableStream, output: NodeJS.WritableStream) {
  const rl = createInterface({ input, terminal: false });
  const queue: string[] = [];
  const waiting: Array<(line: string | null) => void> = [];
  let ended = false;
  // A terminal echoes what is typed; piped input is echoed here so the transcript reads naturally.
  const echo = !(input as { isTTY?: boolean }).isTTY;
  rl.on("line", (line) => {
    const waiter = waiting.shift();
    if (waiter) waiter(line);
    else queue.push(line);
  });
  rl.on("close", () => {
    ended = true;
    for (const waiter of waiting.splice(0)) waiter(null);
  });
  return {
    next(prompt: string): Promise<string | null> {
      output.write(prompt);
      const line = queue.shift();
      if (line !== undefined) {
        if (echo) output.write(`${line}\n`);
        return Promise.resolve(line);
      }
      if (ended) return Promise.resolve(null);
      return new Promise((resolve) =>
        waiting.push((value) => {
          if (value !== null && echo) output.write(`${value}\n`);
          resolve(value);
        }),
      );
    },
    /** True while a prompt is out and nothing has been typed yet. */
    isWaiting: () => waiting.length > 0,
    close: () => rl.close(),
  };
}
