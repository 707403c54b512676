import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";
import type { BotTransport } from "../../src/dev/local-slack-transport.ts";

/**
 * Slack's Socket Mode side, on localhost: `apps.connections.open` (answered by LocalSlack) points
 * the bot here; requests go out as envelopes and the bot's acks come back as `{envelope_id, payload}`.
 */
export class LocalSocketMode {
  private server: WebSocketServer | undefined;
  private socket: WebSocket | undefined;
  private readonly pending = new Map<string, (payload: unknown) => void>();
  connections = 0;

  async start(): Promise<string> {
    this.server = new WebSocketServer({ port: 0, host: "127.0.0.1" });
    await new Promise<void>((resolve) => this.server?.once("listening", () => resolve()));
    this.server.on("connection", (socket) => {
      this.connections += 1;
      this.socket = socket;
      socket.on("message", (data) => {
        const message = JSON.parse(String(data)) as { envelope_id?: string; payload?: unknown };
        if (message.envelope_id) this.pending.get(message.envelope_id)?.(message.payload);
      });
      socket.send(
        JSON.stringify({
          type: "hello",
          num_connections: 1,
          debug_info: { host: "local", approximate_connection_time: 3600 },
          connection_info: { app_id: "A0KLANTPULS" },
        }),
      );
    });
    const { port } = this.server.address() as AddressInfo;
    return `ws://127.0.0.1:${port}/link`;
  }

  /** Resolves once the bot holds an open connection. */
  async connected(timeoutMs = 10_000): Promise<void> {
    const started = Date.now();
    while (!this.socket || this.socket.readyState !== this.socket.OPEN) {
      if (Date.now() - started > timeoutMs) throw new Error("Socket Mode: the bot did not connect");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  transport(): BotTransport {
    return async ({ payloadType, payload, retryNum }) => {
      await this.connected();
      const envelopeId = randomBytes(8).toString("hex");
      const acked = new Promise<unknown>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("Socket Mode: no ack within 10 s")), 10_000);
        this.pending.set(envelopeId, (ackPayload) => {
          clearTimeout(timer);
          this.pending.delete(envelopeId);
          resolve(ackPayload);
        });
      });
      this.socket?.send(
        JSON.stringify({
          envelope_id: envelopeId,
          type: payloadType,
          payload,
          accepts_response_payload: payloadType !== "events_api",
          ...(retryNum !== undefined ? { retry_attempt: retryNum, retry_reason: "timeout" } : {}),
        }),
      );
      const ackPayload = await acked;
      const empty =
        ackPayload === undefined ||
        (typeof ackPayload === "object" && ackPayload !== null && Object.keys(ackPayload).length === 0);
      return { status: 200, body: empty ? "" : JSON.stringify(ackPayload) };
    };
  }

  async stop(): Promise<void> {
    for (const client of this.server?.clients ?? []) client.terminate();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
