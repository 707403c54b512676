import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { buttons, click, openHome, type SendToBot, slashCommand, submitView } from "./local-slack-client.ts";
import { parseApiBody, parseJson, readBody, send } from "./local-slack-http.ts";
import type { BotAnswer, BotTransport } from "./local-slack-transport.ts";
import { handleApi, handleResponseUrl } from "./local-slack-web-api.ts";
import { type ShownMessage, type ShownView, SlackWorkspace } from "./local-slack-workspace.ts";

/**
 * Slack, played on localhost: the Web API (`SLACK_API_URL`), `response_url`s, and the client side
 * that sends signed slash commands, clicks and events to the bot exactly as Slack does. Used by the
 * end-to-end tests and by `npm run demo`, so a newcomer sees the Slack bot without a Slack account.
 *
 * Every outbound payload (messages, response_url bodies, views) is checked against the Block Kit
 * limits; an over-limit payload is refused with `invalid_blocks`, like Slack, and recorded in
 * `problems`. Faults (429 + Retry-After, `{ok:false}` errors, HTTP 500) can be queued per method.
 *
 * The parts: the workspace's state (local-slack-workspace.ts), the Web API it answers
 * (local-slack-web-api.ts), the client side that talks to the bot (local-slack-client.ts,
 * local-slack-transport.ts, slack-signature.ts) and, here, the HTTP server that ties them together.
 */
export class LocalSlack extends SlackWorkspace {
  private server: Server | undefined;
  private transport: BotTransport | undefined;

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

  // --- the client side: what a person does in Slack --------------------------------------------

  /** `/klant-health acme` typed in a channel: a signed, form-encoded slash command. */
  slashCommand(options: Parameters<typeof slashCommand>[2]) {
    return slashCommand(this, this.toBot, options);
  }

  /** Buttons on a message or view, in display order, as the demo console numbers them. */
  buttons(source: ShownMessage | ShownView) {
    return buttons(source);
  }

  /** A click on a button of a message or of a view (home tab, modal): a signed `block_actions`. */
  click(options: Parameters<typeof click>[2]) {
    return click(this, this.toBot, options);
  }

  /** Submit a modal with the given values by block id (a select's value or a text input's text). */
  submitView(options: Parameters<typeof submitView>[2]) {
    return submitView(this, this.toBot, options);
  }

  /** The user opens the bot's Home tab: an `app_home_opened` event (optionally as Slack's retry). */
  openHome(options: Parameters<typeof openHome>[2]) {
    return openHome(this, this.toBot, options);
  }

  private readonly toBot: SendToBot = (request) => this.send(request);

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

  // --- the server side: the Web API and response_url -------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const raw = await readBody(req);
    this.currentPort = req.socket.remotePort;
    const url = new URL(req.url ?? "/", this.baseUrl);
    if (req.method === "POST" && url.pathname.startsWith("/response/")) {
      return handleResponseUrl(this, url.pathname.slice("/response/".length), parseJson(raw), res);
    }
    if (url.pathname.startsWith("/api/")) {
      const method = url.pathname.slice("/api/".length);
      const body = parseApiBody(raw, String(req.headers["content-type"] ?? ""));
      return handleApi(this, method, body, String(req.headers.authorization ?? ""), res);
    }
    send(res, 404, { error: "not found" });
  }
}
