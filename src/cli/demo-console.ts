import { createInterface } from "node:readline";
import type { ActionResult, FormSpec } from "../actions/types.ts";
import { schedulerConsoleHelp } from "../scheduler/console-commands.ts";
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
  /** Messages the bot sent on its own since the last call (alerts, digests), if the backend sees them. */
  drainProactive?(): Promise<Message[]>;
}

export type ConsoleOutcome = { messages: Message[]; form?: FormSpec; errors?: Record<string, string> };

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

const HELP = `Type a command as in Slack or Teams:
  /klant-health acme          a customer's health card
  /klant-risico [segment] [n] at-risk customers by revenue at risk
  /klant-kpi [period] [seg]   retention KPIs (e.g. /klant-kpi 2026-Q3 MKB)
  1, 2, …                     press the numbered button of the last answer
${schedulerConsoleHelp}
  help                        this text
  quit                        stop the demo`;

/** A small REPL: commands in, rendered answers out, buttons by number. Ends on `quit` or end of input. */
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
  /** Extra console commands (e.g. "tijd +1d" to move the clock); return true when handled. */
  extra?: (line: string, print: (text: string) => void) => Promise<boolean>;
}): Promise<void> {
  const { backend, output } = options;
  const lines = lineReader(options.input, output);
  const print = (text: string) => output.write(`${text}\n`);
  let buttons: MessageAction[] = [];
  const show = (messages: Message[]) => {
    buttons = [];
    for (const message of messages) {
      const rendered = renderText(message, { numberActions: true, width: 150 });
      // Number buttons across all messages shown at once.
      const offset = buttons.length;
      buttons.push(...rendered.actions);
      print(
        offset === 0
          ? rendered.text
          : rendered.text.replace(/\[(\d+)\]/g, (_, n) => `[${Number(n) + offset}]`),
      );
      print("");
    }
  };
  print(options.banner);
  print(HELP);
  for (let raw = await lines.next("klantpuls> "); raw !== null; raw = await lines.next("klantpuls> ")) {
    const line = raw.trim();
    try {
      if (line === "quit" || line === "exit") break;
      if (line === "help" || line === "?") {
        print(HELP);
      } else if (/^\d+$/.test(line)) {
        const action = buttons[Number(line) - 1];
        if (!action) print(`There is no button ${line}. Buttons of the last answer: 1–${buttons.length}.`);
        else await handleOutcome(await backend.press(action));
      } else if (line.startsWith("/")) {
        const [name = "", ...rest] = line.slice(1).split(/\s+/);
        const unknown = options.unknownCommand?.(name) ?? null;
        if (unknown) print(unknown);
        else show(await backend.command(name, rest.join(" ")));
      } else if (line !== "" && !(await options.extra?.(line, print))) {
        print(`Unknown input "${line}". Type help for the commands.`);
      }
      if (backend.drainProactive) {
        const proactive = await backend.drainProactive();
        if (proactive.length > 0) {
          print("── sent by the bot ──");
          show(proactive);
        }
      }
    } catch (error) {
      print(`Error: ${(error as Error).message}`);
    }
  }
  lines.close();

  async function handleOutcome(outcome: ConsoleOutcome): Promise<void> {
    if (outcome.messages.length > 0) show(outcome.messages);
    if (outcome.form) await fillForm(outcome.form);
    if (outcome.errors) print(`Not saved: ${Object.values(outcome.errors).join(" ")}`);
  }

  async function fillForm(form: FormSpec): Promise<void> {
    print(`── ${form.title} ──`);
    const values: Record<string, string> = {};
    for (const field of form.fields) {
      const hint = field.type === "choice" ? ` [${field.options.map((o) => o.value).join("/")}]` : "";
      const answer = (
        (await lines.next(`${field.label}${hint}${field.required ? "" : " (Enter to skip)"}: `)) ?? ""
      ).trim();
      if (answer) values[field.id] = answer;
    }
    await handleOutcome(await backend.submit(form, values));
  }
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
    close: () => rl.close(),
  };
}
