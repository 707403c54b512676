import type { CliIo } from "../../src/cli/command.ts";
import { dayClock } from "../../src/clock.ts";
import type { ServiceContext } from "../../src/services/context.ts";
import { testConfig } from "./test-config.ts";

/**
 * A `klantpuls` sub-command's I/O over a test service context (its ManualClock, its database), with
 * what it prints collected: runs the real CLI command code without a process or the wall clock.
 */
export function testCliIo(ctx: ServiceContext): CliIo & { stdout: () => string; stderr: () => string } {
  let out = "";
  let err = "";
  return {
    config: testConfig({ timezone: ctx.timezone }),
    // `--as-of` stops the clock at that day's noon, as the real CLI does (src/cli/main.ts).
    services: async (options) =>
      options?.asOf ? { ...ctx, clock: dayClock(options.asOf, ctx.timezone) } : ctx,
    database: async () => ctx.db,
    out: (text) => {
      out += text.endsWith("\n") ? text : `${text}\n`;
    },
    err: (text) => {
      err += text.endsWith("\n") ? text : `${text}\n`;
    },
    isTty: false,
    stdout: () => out,
    stderr: () => err,
  };
}
