import { pino } from "pino";
import { seedDatabase } from "../../prisma/seed/load.ts";
import { ManualClock } from "../../src/clock.ts";
import type { Config } from "../../src/config/index.ts";
import type { TeamsConfig } from "../../src/config/teams.ts";
import { type RunningBot, startBot } from "../../src/main.ts";
import { scoreCustomers } from "../../src/services/score-customers.ts";
import { type StandInConnector, startStandInConnector } from "./teams-connector.ts";
import { testConfig } from "./test-config.ts";

export const AS_OF = "2026-11-25";

export interface TeamsTestBot {
  bot: RunningBot;
  connector: StandInConnector;
  /** Structured log lines the bot wrote. */
  logs: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

/**
 * The real bot (startBot: migrations, HTTP server, Teams mounted at /api/messages) on an in-memory
 * PGlite with the demo data scored, plus a stand-in Bot Connector for the activities' serviceUrl.
 */
export async function startTeamsTestBot(
  teams: (connector: StandInConnector) => TeamsConfig,
  options: { seed?: boolean } = {},
): Promise<TeamsTestBot> {
  const connector = await startStandInConnector();
  const logs: Array<Record<string, unknown>> = [];
  const log = pino(
    { level: "info" },
    {
      write(line: string) {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      },
    },
  );
  const config: Config = testConfig({ logLevel: "info", teams: teams(connector) });
  const bot = await startBot({ config, clock: new ManualClock(`${AS_OF}T09:00:00Z`), log });
  if (options.seed !== false) {
    await seedDatabase(bot.ctx.db, { customers: 60, asOf: AS_OF });
    await scoreCustomers({ ctx: bot.ctx, asOf: AS_OF });
  }
  return {
    bot,
    connector,
    logs,
    async close() {
      await bot.stop();
      await connector.close();
    },
  };
}
