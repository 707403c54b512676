import { startBot } from "../../main.ts";
import { parseCliArgs } from "../args.ts";
import type { CliCommand } from "../command.ts";
import { startupSummary } from "../startup-summary.ts";

const usage = "klantpuls serve";

/** `klantpuls serve`: run the bot (HTTP server, Slack, Teams, scheduler) until stopped. */
export const serveCommand: CliCommand = {
  usage,
  async run(args, io) {
    parseCliArgs(args, {}, usage);
    const bot = await startBot({ config: io.config });
    io.err(startupSummary({ config: io.config, url: bot.url, database: bot.ctx.db }));
    await new Promise<void>((resolve) => {
      process.once("SIGINT", resolve);
      process.once("SIGTERM", resolve);
    });
    await bot.stop();
    return 0;
  },
};
