import { pruneInteractionKeys } from "../../db/queries/interaction-keys.ts";
import { dailyPeriodKey } from "../../domain/period-keys.ts";
import type { JobDefinition } from "../types.ts";

/** `interactions.prune`, daily at 03:15: forget the idempotency keys of chat interactions older than a day. */
export const interactionsPruneJob: JobDefinition = {
  id: "interactions.prune",
  cron: "15 3 * * *",
  periodKey: dailyPeriodKey,
  async run(ctx) {
    const pruned = await pruneInteractionKeys(ctx.db.sql);
    ctx.log.debug({ pruned }, "interaction keys pruned");
  },
};
