import { expect, it } from "vitest";
import { ManualClock } from "../../src/clock.ts";
import { LocalSlack } from "../../src/dev/local-slack.ts";
import { dailyPeriodKey } from "../../src/domain/period-keys.ts";
import { silentLogger } from "../../src/logger.ts";
import { startBot } from "../../src/main.ts";
import type { JobDefinition } from "../../src/scheduler/types.ts";
import { enqueueDelivery } from "../../src/services/deliveries/enqueue-delivery.ts";
import { localSlackConfig, testConfig } from "../support/test-config.ts";

const BOT_TOKEN = "xoxb-scheduler-test";

/**
 * The whole chain in the real bot with `scheduler.enabled`: at start-up the missed run of a job is
 * caught up once, the job writes to the outbox, and the background dispatcher posts it to Slack.
 */
it("startBot catches up a missed run once and the dispatcher delivers what it wrote", async () => {
  const slack = new LocalSlack({ botToken: BOT_TOKEN });
  await slack.start();
  const runs: string[] = [];
  const job: JobDefinition = {
    id: "test.morning-note",
    cron: "0 7 * * *",
    periodKey: dailyPeriodKey,
    async run(ctx, { periodKey }) {
      runs.push(periodKey);
      await enqueueDelivery({
        ctx,
        key: `note:${periodKey}`,
        platform: "SLACK",
        target: { kind: "channel", channelId: "C0SALES" },
        kind: "note",
        message: { text: `Goedemorgen ${periodKey}`, blocks: [] },
      });
    },
  };
  const bot = await startBot({
    config: testConfig({
      slack: localSlackConfig(slack.apiUrl, { botToken: BOT_TOKEN }),
      scheduler: { enabled: true },
    }),
    clock: new ManualClock("2026-11-25T09:00:00Z"),
    log: silentLogger,
    jobs: [job],
  });
  try {
    await bot.scheduler.caughtUp;
    expect(runs).toEqual(["2026-11-25"]);
    const deadline = Date.now() + 5_000;
    while (slack.messages.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(slack.messages.map((message) => [message.channel, message.text])).toEqual([
      ["C0SALES", "Goedemorgen 2026-11-25"],
    ]);
    expect(await bot.scheduler.runDueJobs()).toMatchObject([{ outcome: "skipped" }]);
  } finally {
    await bot.stop();
    await slack.stop();
  }
});
