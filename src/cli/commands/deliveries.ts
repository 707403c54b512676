import { listDeliveries } from "../../services/deliveries/list-deliveries.ts";
import { parseCliArgs } from "../args.ts";
import type { CliCommand } from "../command.ts";

const usage = "klantpuls deliveries [--failed | --pending] [--limit N] [--json]";

/** `klantpuls deliveries`: the outbox of proactive messages, for admins; `--failed` shows why. */
export const deliveriesCommand: CliCommand = {
  usage,
  async run(args, io) {
    const { values } = parseCliArgs(
      args,
      {
        failed: { type: "boolean", default: false },
        pending: { type: "boolean", default: false },
        limit: { type: "string", default: "200" },
        json: { type: "boolean", default: false },
      },
      usage,
    );
    const limit = Math.max(1, Math.min(10_000, Number.parseInt(values.limit, 10) || 200));
    const status = values.failed ? "FAILED" : values.pending ? "PENDING" : undefined;
    const ctx = await io.services();
    const items = await listDeliveries({ ctx, ...(status ? { status } : {}), limit });
    if (values.json) {
      io.out(JSON.stringify(items, null, 2));
      return 0;
    }
    if (items.length === 0) {
      io.out(status ? `No ${status.toLowerCase()} deliveries.` : "No deliveries yet.");
      return 0;
    }
    for (const item of items) {
      const when =
        item.status === "SENT"
          ? `sent ${item.sentAt?.slice(0, 16)}`
          : item.status === "PENDING"
            ? `next try ${item.nextAttemptAt?.slice(0, 16)}`
            : item.attempts === 0
              ? "never sent"
              : `failed after ${item.attempts} attempt(s)`;
      io.out(
        `${item.status.padEnd(7)} ${item.kind.padEnd(14)} ${(item.platform ?? "-").padEnd(5)} ${item.target}  ${item.key}  (${when})`,
      );
      if (item.lastError && item.status !== "SENT") io.out(`        reason: ${item.lastError}`);
    }
    return 0;
  },
};
