import { dailyPeriodKey } from "../../domain/period-keys.ts";
import { refreshTrackRecord } from "../../services/health-model/track-record.ts";
import type { JobDefinition } from "../types.ts";

/**
 * `trackRecord.refresh`, daily at 04:30: replay the backtest when the stored track record is older
 * than the calibration's refit interval (monthly by default) or missing, so App Home, `/klant-kpi` and
 * the digest show the figures of the model users see. A separate job, not a scoring hook: the replay
 * takes a while on a large book and the morning scoring must not wait for it. On other days it is one
 * lookup.
 *
 * No catch-up at start: the replay holds every replayed date's rows (about 850 MB at 20,000 customers),
 * so it runs only in its quiet early-morning slot, never while a freshly started bot answers its
 * first requests. `klantpuls backtest` (or `job run trackRecord.refresh`) stores a record at once.
 */
export const trackRecordRefreshJob: JobDefinition = {
  id: "trackRecord.refresh",
  cron: "30 4 * * *",
  periodKey: dailyPeriodKey,
  catchUp: false,
  async run(ctx) {
    const record = await refreshTrackRecord(ctx);
    ctx.log.debug({ lastDate: record?.lastDate ?? null }, "track record refreshed");
  },
};
