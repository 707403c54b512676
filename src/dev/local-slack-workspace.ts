import { randomBytes } from "node:crypto";

/**
 * What the local Slack workspace holds: its users, the messages and views people see, the trigger ids
 * and response_urls handed to the bot, the log of the bot's calls, and the faults queued for them.
 * LocalSlack (local-slack.ts) serves it over HTTP; local-slack-web-api.ts answers the Web API from it.
 */

export interface LocalSlackUser {
  id: string;
  name: string;
  email?: string;
  locale?: string;
}

export type SlackFault =
  | { kind: "rate_limited"; retryAfterSeconds: number }
  | { kind: "error"; error: string }
  | { kind: "http"; status: number }
  /** The connection is reset (TCP RST) instead of answered, as a dead keep-alive socket would be. */
  | { kind: "reset" };

export interface RecordedCall {
  /** Web API method, or "response_url". */
  method: string;
  body: Record<string, unknown>;
  /** What the stand-in answered: ok, an error code, or an HTTP status. */
  outcome: string;
  at: number;
  /** The caller's port: two calls on one keep-alive connection share it. */
  remotePort?: number | undefined;
}

export interface ShownMessage {
  ts: string;
  channel: string;
  /** Ephemeral messages are seen by this user only. */
  ephemeral: boolean;
  visibleTo?: string;
  text: string;
  blocks: unknown[];
  deleted: boolean;
  /** 1 when posted, +1 per update. */
  version: number;
  /** Slack message metadata sent with chat.postMessage (`event_type`, `event_payload`), if any. */
  metadata?: { event_type: string; event_payload?: Record<string, unknown> };
}

export interface ShownView {
  id: string;
  /** The home tab's owner, or the user the modal was opened for. */
  userId: string;
  view: Record<string, unknown>;
  version: number;
  closed: boolean;
}

export type SlackActivity =
  | { kind: "message"; change: "posted" | "updated" | "deleted"; message: ShownMessage }
  | { kind: "view"; change: "opened" | "updated" | "pushed" | "published"; view: ShownView };

export interface LocalSlackOptions {
  botToken: string;
  /** Trigger ids expire like Slack's (3 s); the demo console may be slower to type. */
  triggerTtlMs?: number;
  users?: LocalSlackUser[];
}

export class SlackWorkspace {
  readonly calls: RecordedCall[] = [];
  /** Block Kit limit violations of any outbound payload; tests expect this to stay empty. */
  readonly problems: string[] = [];
  readonly messages: ShownMessage[] = [];
  readonly views = new Map<string, ShownView>();
  readonly users = new Map<string, LocalSlackUser>();
  /** Channels the bot may not post in (chat.postMessage answers channel_not_found). */
  readonly missingChannels = new Set<string>();
  readonly teamId = "T0LOCAL";
  readonly botUserId = "U0KLANTPULS";

  /** The stand-in's own address; set by LocalSlack.start(). */
  baseUrl = "";
  /** Socket Mode: `apps.connections.open` hands out this WebSocket URL. */
  socketUrl: string | undefined;
  /** The remote port of the request being handled (set synchronously before each handler runs). */
  currentPort: number | undefined;
  readonly triggers = new Map<string, { createdAt: number; used: boolean; userId: string }>();
  readonly responseUrls = new Map<
    string,
    { uses: number; createdAt: number; channel: string; userId: string; sourceTs?: string }
  >();
  readonly homeViews = new Map<string, string>();
  private readonly faults = new Map<string, SlackFault[]>();
  private readonly listeners: Array<(activity: SlackActivity) => void> = [];
  private tsCounter = 0;

  constructor(readonly options: LocalSlackOptions) {
    for (const user of options.users ?? []) this.users.set(user.id, user);
  }

  onActivity(listener: (activity: SlackActivity) => void): void {
    this.listeners.push(listener);
  }

  /** The next call(s) to `method` ("chat.postMessage", "response_url", …) fail this way, once each. */
  failNext(method: string, ...faults: SlackFault[]): void {
    this.faults.set(method, [...(this.faults.get(method) ?? []), ...faults]);
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** The messages a user can see in a channel (theirs and everyone's), newest last. */
  visibleMessages(channel: string, userId: string): ShownMessage[] {
    return this.messages.filter(
      (message) =>
        !message.deleted &&
        message.channel === channel &&
        (!message.ephemeral || message.visibleTo === userId),
    );
  }

  homeView(userId: string): ShownView | undefined {
    const id = this.homeViews.get(userId);
    return id ? this.views.get(id) : undefined;
  }

  newTrigger(userId: string): string {
    const id = `${Date.now()}.${randomBytes(4).toString("hex")}`;
    this.triggers.set(id, { createdAt: Date.now(), used: false, userId });
    return id;
  }

  newResponseUrl(context: { channel: string; userId: string; sourceTs?: string }): string {
    const id = randomBytes(8).toString("hex");
    this.responseUrls.set(id, { uses: 0, createdAt: Date.now(), ...context });
    return `${this.baseUrl}/response/${id}`;
  }

  takeFault(method: string): SlackFault | undefined {
    const queue = this.faults.get(method);
    const fault = queue?.shift();
    if (queue && queue.length === 0) this.faults.delete(method);
    return fault;
  }

  record(method: string, body: Record<string, unknown>, outcome: string, remotePort?: number): void {
    this.calls.push({ method, body, outcome, at: Date.now(), remotePort: remotePort ?? this.currentPort });
  }

  addMessage(fields: Omit<ShownMessage, "ts" | "deleted" | "version">): ShownMessage {
    this.tsCounter += 1;
    const ts = `${Math.floor(Date.now() / 1000)}.${String(this.tsCounter).padStart(6, "0")}`;
    const message: ShownMessage = { ...fields, ts, deleted: false, version: 1 };
    this.messages.push(message);
    this.emit({ kind: "message", change: "posted", message });
    return message;
  }

  emit(activity: SlackActivity): void {
    for (const listener of this.listeners) listener(activity);
  }
}
