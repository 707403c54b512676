import { type Locale, translator } from "../i18n/index.ts";
import { PROACTIVE_EVENT_TYPE } from "../slack/slack-sender.ts";
import type { FormField, FormSpec } from "../views/chat.ts";
import type { Field, Message, MessageAction, MessageBlock } from "../views/message.ts";
import { decodeActionId } from "../views/slack-action-ids.ts";
import type { ConsoleBackend, ConsoleOutcome } from "./demo-console.ts";
import type { LocalSlack } from "./local-slack.ts";
import type { ShownMessage, ShownView, SlackActivity } from "./local-slack-workspace.ts";

/**
 * The demo console talking to the real Slack endpoint: each typed command is a signed slash command
 * POSTed to the bot's /slack/events, each button a signed `block_actions`, each form a
 * `view_submission`. What the bot then does in (local) Slack — ephemeral answers, shared posts,
 * updates, modals, the Home tab — is turned back into console messages. `/home` opens the Home tab.
 * Messages the outbox sent on the bot's own initiative (marked with Slack message metadata) are
 * never part of an answer: they wait in their own queue, and the console is told they arrived.
 */
export function slackConsoleBackend(options: {
  slack: LocalSlack;
  userId: string;
  channelId: string;
  /** How long to wait for the bot's answer after the ack (it arrives through response_url). */
  answerTimeoutMs?: number;
  /** The language of the console's own labels ("only visible to you"). */
  locale?: Locale;
}): ConsoleBackend {
  const { slack, userId, channelId } = options;
  const t = translator(options.locale ?? "nl");
  const pressTargets = new WeakMap<MessageAction, { source: ShownMessage | ShownView; actionId: string }>();
  const formViews = new WeakMap<FormSpec, string>();
  let collecting: SlackActivity[] | undefined;
  const unsolicited: SlackActivity[] = [];
  const proactiveListeners: Array<() => void> = [];
  slack.onActivity((activity) => {
    if (collecting && !isProactivePost(activity)) {
      collecting.push(activity);
      return;
    }
    unsolicited.push(activity);
    for (const listener of proactiveListeners) listener();
  });

  /** Run one request, then wait until the bot has answered and gone quiet. */
  async function collect(
    send: () => Promise<{ body: unknown }>,
  ): Promise<{ body: unknown; activities: SlackActivity[] }> {
    const activities: SlackActivity[] = [];
    collecting = activities;
    try {
      const answer = await send();
      const deadline = Date.now() + (options.answerTimeoutMs ?? 20_000);
      let seen = -1;
      let quietSince = Date.now();
      // Answers arrive after the ack (response_url, views.update); 250 ms of silence ends the wait.
      while (Date.now() < deadline) {
        if (activities.length !== seen) {
          seen = activities.length;
          quietSince = Date.now();
        } else if (activities.length > 0 && Date.now() - quietSince > 250) {
          break;
        } else if (isFormErrors(answer.body)) {
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      return { body: answer.body, activities };
    } finally {
      collecting = undefined;
    }
  }

  function outcome(activities: SlackActivity[]): ConsoleOutcome {
    const messages: Message[] = [];
    let form: FormSpec | undefined;
    const seenMessages = new Set<string>();
    const seenViews = new Set<string>();
    // The latest state of each message or view touched, in the order they were first touched.
    for (const activity of activities) {
      if (activity.kind === "message") {
        if (seenMessages.has(activity.message.ts) || activity.message.deleted) continue;
        seenMessages.add(activity.message.ts);
        messages.push(fromMessage(activity.message, activity.change === "updated"));
      } else {
        if (seenViews.has(activity.view.id)) continue;
        seenViews.add(activity.view.id);
        const shown = activity.view;
        if (shown.closed) continue;
        const asForm = formFrom(shown);
        if (asForm) form = asForm;
        else messages.push(fromView(shown));
      }
    }
    return { messages, ...(form ? { form } : {}) };
  }

  function fromMessage(message: ShownMessage, updated: boolean): Message {
    const where = message.channel.startsWith("D")
      ? dmLabel(message.channel)
      : message.ephemeral
        ? `#${message.channel} · ${t("console.where.ephemeral")}`
        : `#${message.channel} · ${t("console.where.visible")}`;
    const label = `[Slack ${where}${updated ? ` · ${t("console.where.updated")}` : ""}]`;
    return toMessage(message.text, message.blocks, label, message);
  }

  /** The local Slack's DM channel for user U… is D…; say whose it is, since the console shows them all. */
  function dmLabel(channel: string): string {
    const recipient = `U${channel.slice(1)}`;
    if (recipient === userId) return t("console.where.dmToYou");
    return t("console.where.dmTo", { name: slack.users.get(recipient)?.name ?? recipient });
  }

  function fromView(view: ShownView): Message {
    const kind = view.view.type === "home" ? t("console.where.home") : t("console.where.modal");
    return toMessage("", (view.view.blocks as unknown[]) ?? [], `[Slack ${kind}]`, view);
  }

  function toMessage(
    text: string,
    blocks: unknown[],
    label: string,
    source: ShownMessage | ShownView,
  ): Message {
    const converted: MessageBlock[] = [{ type: "context", text: label }];
    for (const raw of blocks) {
      const block = raw as Record<string, unknown>;
      switch (block.type) {
        case "header":
          converted.push({ type: "header", text: textOf(block.text) });
          break;
        case "section": {
          if (block.text) converted.push({ type: "text", text: neutral(textOf(block.text)) });
          const fields = (block.fields as unknown[] | undefined) ?? [];
          if (fields.length > 0) converted.push({ type: "fields", fields: fields.map(toField) });
          break;
        }
        case "context":
          converted.push({
            type: "context",
            text: neutral(((block.elements as unknown[]) ?? []).map(textOf).join(" ")),
          });
          break;
        case "divider":
          converted.push({ type: "divider" });
          break;
        case "actions": {
          const actions: MessageAction[] = [];
          for (const element of (block.elements as Array<Record<string, unknown>>) ?? []) {
            const actionId = String(element.action_id ?? "");
            const action: MessageAction = {
              id: decodeActionId(actionId) ?? "customer.open",
              label: textOf(element.text),
              value: {},
            };
            pressTargets.set(action, { source, actionId });
            actions.push(action);
          }
          converted.push({ type: "actions", actions });
          break;
        }
        default:
          break;
      }
    }
    return { text, blocks: converted };
  }

  function formFrom(view: ShownView): FormSpec | undefined {
    const blocks = ((view.view.blocks as Array<Record<string, unknown>>) ?? []).filter(
      (b) => b.type === "input",
    );
    if (view.view.type !== "modal" || blocks.length === 0) return undefined;
    const fields: FormField[] = blocks.map((block) => {
      const element = block.element as {
        type: string;
        options?: Array<{ value: string; text: unknown }>;
        initial_option?: { value: string };
      };
      const id = String(block.block_id);
      const label = textOf(block.label);
      if (element.options) {
        return {
          id,
          type: "choice",
          label,
          required: block.optional !== true,
          options: element.options.map((option) => ({ value: option.value, label: textOf(option.text) })),
          ...(element.initial_option ? { initial: element.initial_option.value } : {}),
        };
      }
      return { id, type: "text", label, multiline: true, required: block.optional !== true, maxLength: 3000 };
    });
    const form: FormSpec = {
      submitAction: decodeActionId(String(view.view.callback_id ?? "")) ?? "pulse.submit",
      title: textOf(view.view.title),
      submitLabel: textOf(view.view.submit),
      value: {},
      fields,
    };
    formViews.set(form, view.id);
    return form;
  }

  return {
    async command(name, args) {
      if (name === "home") {
        const { activities } = await collect(() => slack.openHome({ userId }));
        return outcome(activities).messages;
      }
      const { activities } = await collect(() =>
        slack.slashCommand({ command: `/${name}`, text: args, userId, channelId }),
      );
      return outcome(activities).messages;
    },
    async press(action) {
      const target = pressTargets.get(action);
      if (!target) return { messages: [] };
      const { activities } = await collect(() =>
        slack.click({ userId, source: target.source, button: target.actionId }),
      );
      return outcome(activities);
    },
    async submit(form, values) {
      const viewId = formViews.get(form);
      if (!viewId) return { messages: [] };
      const { body, activities } = await collect(() => slack.submitView({ userId, viewId, values }));
      if (isFormErrors(body)) return { messages: [], errors: body.errors };
      return outcome(activities);
    },
    async drainProactive() {
      const activities = unsolicited.splice(0);
      const forOthers = activities.filter((activity) => isDmToOther(activity, userId));
      const messages = outcome(activities.filter((activity) => !forOthers.includes(activity))).messages;
      const toOthers = new Set(
        forOthers.map((activity) => (activity.kind === "message" ? activity.message.ts : "")),
      );
      return { messages, toOthers: toOthers.size };
    },
    onProactive(listener) {
      proactiveListeners.push(listener);
    },
  };
}

/** A DM the bot sent to someone other than the console's user. */
function isDmToOther(activity: SlackActivity, userId: string): boolean {
  if (activity.kind !== "message" || !activity.message.channel.startsWith("D")) return false;
  return `U${activity.message.channel.slice(1)}` !== userId;
}

/** A new message the outbox posted (alert, pulse, digest): not an answer to what was typed. */
function isProactivePost(activity: SlackActivity): boolean {
  return (
    activity.kind === "message" &&
    activity.change === "posted" &&
    activity.message.metadata?.event_type === PROACTIVE_EVENT_TYPE
  );
}

function isFormErrors(body: unknown): body is { response_action: "errors"; errors: Record<string, string> } {
  return (body as { response_action?: unknown } | undefined)?.response_action === "errors";
}

function toField(raw: unknown): Field {
  const [label = "", ...rest] = textOf(raw).split("\n");
  return { label: neutral(label).replace(/\*\*/g, ""), value: neutral(rest.join(" ")) };
}

function textOf(text: unknown): string {
  return (text as { text?: string } | undefined)?.text ?? "";
}

/** Slack mrkdwn back to the neutral markup the text renderer understands. */
function neutral(mrkdwn: string): string {
  return mrkdwn
    .replace(/(^|[^*])\*([^*\n]+)\*(?!\*)/g, "$1**$2**")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}
