import { createHmac, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { checkBlockKit, type PayloadKind } from "./check-block-kit.ts";

/**
 * Slack, played on localhost: the Web API (`SLACK_API_URL`), `response_url`s, and the client side
 * that sends signed slash commands, clicks and events to the bot exactly as Slack does. Used by the
 * end-to-end tests and by `npm run demo`, so a newcomer sees the Slack bot without a Slack account.
 *
 * Every outbound payload (messages, response_url bodies, views) is checked against the Block Kit
 * limits; an over-limit payload is refused with `invalid_blocks`, like Slack, and recorded in
 * `problems`. Faults (429 + Retry-After, `{ok:false}` errors, HTTP 500) can be queued per method.
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

/** How a request reaches the bot: HTTP to /slack/events by default; tests plug in Socket Mode. */
export type BotTransport = (request: {
  payloadType: "slash_commands" | "interactive" | "events_api";
  payload: Record<string, unknown>;
  /** The form- or JSON-encoded HTTP body, as Slack would send it. */
  rawBody: string;
  contentType: string;
  retryNum?: number;
}) => Promise<{ status: number; body: string }>;

export interface BotAnswer {
  status: number;
  /** The HTTP body of the ack, parsed when it is JSON. */
  body: unknown;
  ackMs: number;
}

const BOT_TOKEN_PREFIX = "xoxb-";

/** The `x-slack-signature` for a body, exactly as Slack computes it. */
export function slackSignature(signingSecret: string, timestamp: number, rawBody: string): string {
  return `v0=${createHmac("sha256", signingSecret).update(`v0:${timestamp}:${rawBody}`).digest("hex")}`;
}

export function signedHeaders(
  signingSecret: string,
  rawBody: string,
  contentType: string,
  timestamp = Math.floor(Date.now() / 1000),
): Record<string, string> {
  return {
    "content-type": contentType,
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": slackSignature(signingSecret, timestamp, rawBody),
  };
}

/** A transport that POSTs signed requests to the bot's `/slack/events`. */
export function httpTransport(options: { eventsUrl: string; signingSecret: string }): BotTransport {
  return async ({ rawBody, contentType, retryNum }) => {
    const headers = signedHeaders(options.signingSecret, rawBody, contentType);
    if (retryNum !== undefined) {
      headers["x-slack-retry-num"] = String(retryNum);
      headers["x-slack-retry-reason"] = "http_timeout";
    }
    const response = await fetch(options.eventsUrl, { method: "POST", headers, body: rawBody });
    return { status: response.status, body: await response.text() };
  };
}

export class LocalSlack {
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

  private server: Server | undefined;
  private baseUrl = "";
  private transport: BotTransport | undefined;
  private readonly faults = new Map<string, SlackFault[]>();
  private readonly triggers = new Map<string, { createdAt: number; used: boolean; userId: string }>();
  private readonly responseUrls = new Map<
    string,
    { uses: number; createdAt: number; channel: string; userId: string; sourceTs?: string }
  >();
  private readonly listeners: Array<(activity: SlackActivity) => void> = [];
  private readonly homeViews = new Map<string, string>();
  private socketUrl: string | undefined;
  private tsCounter = 0;

  constructor(
    private readonly options: {
      botToken: string;
      /** Trigger ids expire like Slack's (3 s); the demo console may be slower to type. */
      triggerTtlMs?: number;
      users?: LocalSlackUser[];
    },
  ) {
    for (const user of options.users ?? []) this.users.set(user.id, user);
  }

  /** Web API base URL for `SLACK_API_URL`. */
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    const { port } = this.server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  /** Where requests to the bot go (HTTP by default). */
  connect(transport: BotTransport): void {
    this.transport = transport;
  }

  /** Socket Mode: `apps.connections.open` hands out this WebSocket URL. */
  setSocketUrl(url: string): void {
    this.socketUrl = url;
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

  // --- the client side: what a person does in Slack --------------------------------------------

  /** `/klant-health acme` typed in a channel: a signed, form-encoded slash command. */
  async slashCommand(options: {
    command: string;
    text: string;
    userId: string;
    channelId?: string;
  }): Promise<BotAnswer & { responseUrl: string; triggerId: string }> {
    const channel = options.channelId ?? "C0SALES";
    const responseUrl = this.newResponseUrl({ channel, userId: options.userId });
    const triggerId = this.newTrigger(options.userId);
    const user = this.users.get(options.userId);
    const fields: Record<string, string> = {
      token: "local-verification-token",
      team_id: this.teamId,
      team_domain: "klantpuls-local",
      channel_id: channel,
      channel_name: channel === "C0SALES" ? "sales" : channel.toLowerCase(),
      user_id: options.userId,
      user_name: user?.name ?? options.userId,
      command: options.command.startsWith("/") ? options.command : `/${options.command}`,
      text: options.text,
      api_app_id: "A0KLANTPULS",
      is_enterprise_install: "false",
      response_url: responseUrl,
      trigger_id: triggerId,
    };
    const rawBody = new URLSearchParams(fields).toString();
    const answer = await this.send({
      payloadType: "slash_commands",
      payload: fields,
      rawBody,
      contentType: "application/x-www-form-urlencoded",
    });
    return { ...answer, responseUrl, triggerId };
  }

  /** Buttons on a message or view, in display order, as the demo console numbers them. */
  buttons(
    source: ShownMessage | ShownView,
  ): Array<{ actionId: string; blockId: string; text: string; value: string }> {
    const blocks = "ts" in source ? source.blocks : ((source.view.blocks as unknown[]) ?? []);
    const found: Array<{ actionId: string; blockId: string; text: string; value: string }> = [];
    blocks.forEach((block, index) => {
      const b = block as { type: string; block_id?: string; elements?: unknown[] };
      if (b.type !== "actions") return;
      for (const element of b.elements ?? []) {
        const e = element as { type: string; action_id: string; text: { text: string }; value?: string };
        if (e.type !== "button") continue;
        found.push({
          actionId: e.action_id,
          blockId: b.block_id ?? `b${index}`,
          text: e.text.text,
          value: e.value ?? "",
        });
      }
    });
    return found;
  }

  /** A click on a button of a message or of a view (home tab, modal): a signed `block_actions`. */
  async click(options: {
    userId: string;
    source: ShownMessage | ShownView;
    /** Action id ("customer.open:1"), a neutral id (first such button), or the position in `buttons()`. */
    button: string | number;
  }): Promise<BotAnswer & { triggerId: string }> {
    const all = this.buttons(options.source);
    const button =
      typeof options.button === "number"
        ? all[options.button]
        : all.find(
            (candidate) =>
              candidate.actionId === options.button || candidate.actionId.startsWith(`${options.button}:`),
          );
    if (!button) throw new Error(`No button ${String(options.button)} on this message or view`);
    const triggerId = this.newTrigger(options.userId);
    const user = {
      id: options.userId,
      username: this.users.get(options.userId)?.name ?? options.userId,
      team_id: this.teamId,
    };
    const action = {
      type: "button",
      action_id: button.actionId,
      block_id: button.blockId,
      text: { type: "plain_text", text: button.text, emoji: true },
      value: button.value,
      action_ts: `${Date.now() / 1000}`,
    };
    let payload: Record<string, unknown>;
    if ("ts" in options.source) {
      const message = options.source;
      payload = {
        type: "block_actions",
        user,
        api_app_id: "A0KLANTPULS",
        token: "local-verification-token",
        container: {
          type: "message",
          message_ts: message.ts,
          channel_id: message.channel,
          is_ephemeral: message.ephemeral,
        },
        trigger_id: triggerId,
        team: { id: this.teamId, domain: "klantpuls-local" },
        channel: { id: message.channel, name: message.channel.toLowerCase() },
        // Slack leaves `message` out for ephemeral messages.
        ...(message.ephemeral
          ? {}
          : { message: { ts: message.ts, text: message.text, blocks: message.blocks } }),
        response_url: this.newResponseUrl({
          channel: message.channel,
          userId: options.userId,
          sourceTs: message.ts,
        }),
        actions: [action],
      };
    } else {
      const view = options.source;
      payload = {
        type: "block_actions",
        user,
        api_app_id: "A0KLANTPULS",
        token: "local-verification-token",
        container: { type: "view", view_id: view.id },
        trigger_id: triggerId,
        team: { id: this.teamId, domain: "klantpuls-local" },
        view: { ...view.view, id: view.id, team_id: this.teamId },
        actions: [action],
      };
    }
    const answer = await this.sendInteractive(payload);
    return { ...answer, triggerId };
  }

  /** Submit a modal with the given values by block id (a select's value or a text input's text). */
  async submitView(options: {
    userId: string;
    viewId: string;
    values: Record<string, string | undefined>;
  }): Promise<BotAnswer> {
    const shown = this.views.get(options.viewId);
    if (!shown) throw new Error(`No view ${options.viewId}`);
    const state: Record<string, Record<string, unknown>> = {};
    for (const block of (shown.view.blocks as Array<Record<string, unknown>>) ?? []) {
      if (block.type !== "input") continue;
      const element = block.element as {
        type: string;
        action_id: string;
        options?: Array<{ text: unknown; value: string }>;
      };
      const blockId = String(block.block_id);
      const raw = options.values[blockId];
      if (element.type === "static_select") {
        const option = element.options?.find((candidate) => candidate.value === raw);
        state[blockId] = { [element.action_id]: { type: "static_select", selected_option: option ?? null } };
      } else {
        state[blockId] = { [element.action_id]: { type: element.type, value: raw ?? null } };
      }
    }
    const payload = {
      type: "view_submission",
      team: { id: this.teamId, domain: "klantpuls-local" },
      user: {
        id: options.userId,
        username: this.users.get(options.userId)?.name ?? options.userId,
        team_id: this.teamId,
      },
      api_app_id: "A0KLANTPULS",
      token: "local-verification-token",
      trigger_id: this.newTrigger(options.userId),
      view: {
        ...shown.view,
        id: options.viewId,
        team_id: this.teamId,
        state: { values: state },
        hash: `h${shown.version}`,
      },
      response_urls: [],
    };
    const answer = await this.sendInteractive(payload);
    const body = answer.body as { response_action?: string } | undefined;
    // An empty ack closes the modal; `response_action: "errors"` keeps it open.
    if (answer.status === 200 && !body?.response_action) shown.closed = true;
    return answer;
  }

  /** The user opens the bot's Home tab: an `app_home_opened` event (optionally as Slack's retry). */
  async openHome(options: {
    userId: string;
    eventId?: string;
    retryNum?: number;
  }): Promise<BotAnswer & { eventId: string }> {
    const eventId = options.eventId ?? `Ev${randomBytes(6).toString("hex").toUpperCase()}`;
    const payload = {
      token: "local-verification-token",
      team_id: this.teamId,
      api_app_id: "A0KLANTPULS",
      event: {
        type: "app_home_opened",
        user: options.userId,
        channel: `D${options.userId.slice(1)}`,
        tab: "home",
        event_ts: `${Date.now() / 1000}`,
      },
      type: "event_callback",
      event_id: eventId,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [
        { team_id: this.teamId, user_id: this.botUserId, is_bot: true, is_enterprise_install: false },
      ],
    };
    const answer = await this.send({
      payloadType: "events_api",
      payload,
      rawBody: JSON.stringify(payload),
      contentType: "application/json",
      ...(options.retryNum !== undefined ? { retryNum: options.retryNum } : {}),
    });
    return { ...answer, eventId };
  }

  private async sendInteractive(payload: Record<string, unknown>): Promise<BotAnswer> {
    return this.send({
      payloadType: "interactive",
      payload,
      rawBody: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
      contentType: "application/x-www-form-urlencoded",
    });
  }

  private async send(request: Parameters<BotTransport>[0]): Promise<BotAnswer> {
    if (!this.transport) throw new Error("LocalSlack: connect() a transport to the bot first");
    const started = performance.now();
    const response = await this.transport(request);
    const ackMs = performance.now() - started;
    let body: unknown = response.body;
    try {
      body = response.body ? JSON.parse(response.body) : undefined;
    } catch {
      // A plain-text ack body stays a string.
    }
    return { status: response.status, body, ackMs };
  }

  private newTrigger(userId: string): string {
    const id = `${Date.now()}.${randomBytes(4).toString("hex")}`;
    this.triggers.set(id, { createdAt: Date.now(), used: false, userId });
    return id;
  }

  private newResponseUrl(context: { channel: string; userId: string; sourceTs?: string }): string {
    const id = randomBytes(8).toString("hex");
    this.responseUrls.set(id, { uses: 0, createdAt: Date.now(), ...context });
    return `${this.baseUrl}/response/${id}`;
  }

  // --- the server side: the Web API and response_url -------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const raw = await readBody(req);
    this.currentPort = req.socket.remotePort;
    const url = new URL(req.url ?? "/", this.baseUrl);
    if (req.method === "POST" && url.pathname.startsWith("/response/")) {
      return this.handleResponseUrl(url.pathname.slice("/response/".length), parseJson(raw), res);
    }
    if (url.pathname.startsWith("/api/")) {
      const method = url.pathname.slice("/api/".length);
      const body = parseApiBody(raw, String(req.headers["content-type"] ?? ""));
      return this.handleApi(method, body, String(req.headers.authorization ?? ""), res);
    }
    send(res, 404, { error: "not found" });
  }

  private takeFault(method: string): SlackFault | undefined {
    const queue = this.faults.get(method);
    const fault = queue?.shift();
    if (queue && queue.length === 0) this.faults.delete(method);
    return fault;
  }

  private record(method: string, body: Record<string, unknown>, outcome: string, remotePort?: number): void {
    this.calls.push({ method, body, outcome, at: Date.now(), remotePort: remotePort ?? this.currentPort });
  }

  /** The remote port of the request being handled (set synchronously before each handler runs). */
  private currentPort: number | undefined;

  /** Answers a fault if one is queued; returns true when it did. */
  private answerFault(method: string, body: Record<string, unknown>, res: ServerResponse): boolean {
    const fault = this.takeFault(method);
    if (!fault) return false;
    if (fault.kind === "reset") {
      this.record(method, body, "reset");
      res.socket?.resetAndDestroy();
    } else if (fault.kind === "rate_limited") {
      this.record(method, body, "429");
      res.setHeader("retry-after", String(fault.retryAfterSeconds));
      send(res, 429, { ok: false, error: "ratelimited" });
    } else if (fault.kind === "http") {
      this.record(method, body, String(fault.status));
      send(res, fault.status, { ok: false, error: "http_error" });
    } else {
      this.record(method, body, fault.error);
      send(res, 200, { ok: false, error: fault.error });
    }
    return true;
  }

  private check(method: string, payload: unknown, kind: PayloadKind): string[] {
    const problems = checkBlockKit(payload, kind).map((problem) => `${method}: ${problem}`);
    this.problems.push(...problems);
    return problems;
  }

  private handleResponseUrl(id: string, body: Record<string, unknown>, res: ServerResponse) {
    const method = "response_url";
    const entry = this.responseUrls.get(id);
    if (this.answerFault(method, body, res)) return;
    if (!entry || entry.uses >= 5 || Date.now() - entry.createdAt > 30 * 60_000) {
      this.record(method, body, "404");
      return send(res, 404, { ok: false, error: "expired_url" });
    }
    if (body.delete_original !== true) {
      const problems = this.check(method, body, "message");
      if (problems.length > 0) {
        this.record(method, body, "invalid_blocks");
        return send(res, 400, { ok: false, error: "invalid_blocks", errors: problems });
      }
    }
    entry.uses += 1;
    this.record(method, body, "ok");
    const source = entry.sourceTs
      ? this.messages.find((message) => message.ts === entry.sourceTs)
      : undefined;
    if (body.delete_original === true && source) {
      source.deleted = true;
      this.emit({ kind: "message", change: "deleted", message: source });
    } else if (body.replace_original === true && source) {
      source.text = String(body.text ?? "");
      source.blocks = (body.blocks as unknown[]) ?? [];
      source.version += 1;
      this.emit({ kind: "message", change: "updated", message: source });
    } else {
      const inChannel = body.response_type === "in_channel";
      this.addMessage({
        channel: entry.channel,
        ephemeral: !inChannel,
        ...(inChannel ? {} : { visibleTo: entry.userId }),
        text: String(body.text ?? ""),
        blocks: (body.blocks as unknown[]) ?? [],
      });
    }
    send(res, 200, { ok: true });
  }

  private handleApi(
    method: string,
    body: Record<string, unknown>,
    authorization: string,
    res: ServerResponse,
  ) {
    if (method === "apps.connections.open") {
      this.record(method, body, "ok");
      if (!this.socketUrl) return send(res, 200, { ok: false, error: "socket_mode_not_enabled" });
      return send(res, 200, { ok: true, url: this.socketUrl });
    }
    if (
      authorization !== `Bearer ${this.options.botToken}` ||
      !this.options.botToken.startsWith(BOT_TOKEN_PREFIX)
    ) {
      this.record(method, body, "invalid_auth");
      return send(res, 200, { ok: false, error: "invalid_auth" });
    }
    if (this.answerFault(method, body, res)) return;
    const ok = (extra: Record<string, unknown> = {}) => {
      this.record(method, body, "ok");
      send(res, 200, { ok: true, ...extra });
    };
    const fail = (error: string, extra: Record<string, unknown> = {}) => {
      this.record(method, body, error);
      send(res, 200, { ok: false, error, ...extra });
    };
    switch (method) {
      case "auth.test":
        return ok({
          url: `${this.baseUrl}/`,
          team: "Klantpuls local",
          user: "klantpuls",
          team_id: this.teamId,
          user_id: this.botUserId,
          bot_id: "B0KLANTPULS",
        });
      case "users.info": {
        const user = this.users.get(String(body.user));
        if (!user) return fail("user_not_found");
        return ok({
          user: {
            id: user.id,
            name: user.name,
            real_name: user.name,
            // Like Slack: the language only when asked for (`include_locale`).
            ...(body.include_locale === true || body.include_locale === "true"
              ? { locale: user.locale ?? "nl-NL" }
              : {}),
            profile: { real_name: user.name, ...(user.email ? { email: user.email } : {}) },
          },
        });
      }
      case "chat.postMessage":
      case "chat.postEphemeral":
      case "chat.update": {
        const problems = this.check(method, body, "message");
        if (problems.length > 0) return fail("invalid_blocks", { errors: problems });
        const channel = String(body.channel ?? "");
        if (!channel) return fail("channel_not_found");
        if (this.missingChannels.has(channel)) return fail("channel_not_found");
        if (method === "chat.update") {
          const message = this.messages.find(
            (candidate) => candidate.ts === body.ts && candidate.channel === channel,
          );
          if (!message) return fail("message_not_found");
          message.text = String(body.text ?? "");
          message.blocks = (body.blocks as unknown[]) ?? [];
          message.version += 1;
          this.emit({ kind: "message", change: "updated", message });
          return ok({ channel, ts: message.ts });
        }
        // A DM to a user id lands in the bot's DM with that user.
        const target = /^[UW]/.test(channel) ? `D${channel.slice(1)}` : channel;
        const message = this.addMessage({
          channel: target,
          ephemeral: method === "chat.postEphemeral",
          ...(method === "chat.postEphemeral" ? { visibleTo: String(body.user) } : {}),
          text: String(body.text ?? ""),
          blocks: (body.blocks as unknown[]) ?? [],
          ...(isMetadata(body.metadata) ? { metadata: body.metadata } : {}),
        });
        return method === "chat.postEphemeral"
          ? ok({ message_ts: message.ts })
          : ok({ channel: target, ts: message.ts });
      }
      case "views.open":
      case "views.push": {
        const trigger = this.triggers.get(String(body.trigger_id));
        const ttl = this.options.triggerTtlMs ?? 3000;
        if (!trigger || trigger.used || Date.now() - trigger.createdAt > ttl)
          return fail("expired_trigger_id");
        const view = body.view as Record<string, unknown>;
        const problems = this.check(method, view, "modal");
        if (problems.length > 0)
          return fail("invalid_arguments", { response_metadata: { messages: problems } });
        trigger.used = true;
        const shown: ShownView = {
          id: `V${randomBytes(5).toString("hex").toUpperCase()}`,
          userId: trigger.userId,
          view,
          version: 1,
          closed: false,
        };
        this.views.set(shown.id, shown);
        this.emit({ kind: "view", change: method === "views.open" ? "opened" : "pushed", view: shown });
        return ok({ view: { ...view, id: shown.id, hash: `h${shown.version}` } });
      }
      case "views.update": {
        const shown = this.views.get(String(body.view_id));
        if (!shown) return fail("not_found");
        const view = body.view as Record<string, unknown>;
        const problems = this.check(method, view, view.type === "home" ? "home" : "modal");
        if (problems.length > 0)
          return fail("invalid_arguments", { response_metadata: { messages: problems } });
        shown.view = view;
        shown.version += 1;
        this.emit({ kind: "view", change: "updated", view: shown });
        return ok({ view: { ...view, id: shown.id, hash: `h${shown.version}` } });
      }
      case "views.publish": {
        const userId = String(body.user_id);
        const view = body.view as Record<string, unknown>;
        const problems = this.check(method, view, "home");
        if (problems.length > 0)
          return fail("invalid_arguments", { response_metadata: { messages: problems } });
        const id = this.homeViews.get(userId) ?? `VHOME${randomBytes(4).toString("hex").toUpperCase()}`;
        this.homeViews.set(userId, id);
        const previous = this.views.get(id);
        const shown: ShownView = { id, userId, view, version: (previous?.version ?? 0) + 1, closed: false };
        this.views.set(id, shown);
        this.emit({ kind: "view", change: "published", view: shown });
        return ok({ view: { ...view, id } });
      }
      default:
        return fail("unknown_method");
    }
  }

  private addMessage(fields: Omit<ShownMessage, "ts" | "deleted" | "version">): ShownMessage {
    this.tsCounter += 1;
    const ts = `${Math.floor(Date.now() / 1000)}.${String(this.tsCounter).padStart(6, "0")}`;
    const message: ShownMessage = { ...fields, ts, deleted: false, version: 1 };
    this.messages.push(message);
    this.emit({ kind: "message", change: "posted", message });
    return message;
  }

  private emit(activity: SlackActivity): void {
    for (const listener of this.listeners) listener(activity);
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader("content-type", "application/json; charset=utf-8");
  res.end(JSON.stringify(body));
}

function parseJson(raw: string): Record<string, unknown> {
  try {
    const value = JSON.parse(raw) as unknown;
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** WebClient sends form-encoded bodies with `blocks`/`view` as JSON strings. */
function parseApiBody(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.includes("application/json")) return parseJson(raw);
  const body: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    if (
      (key === "blocks" || key === "view" || key === "attachments" || key === "metadata") &&
      /^[[{]/.test(value)
    ) {
      try {
        body[key] = JSON.parse(value);
        continue;
      } catch {
        // Keep the raw string; the limits check reports it.
      }
    }
    body[key] = value;
  }
  return body;
}

function isMetadata(value: unknown): value is NonNullable<ShownMessage["metadata"]> {
  return typeof (value as { event_type?: unknown } | null)?.event_type === "string";
}
