import type { App } from "@slack/bolt";
import { claimInboundEvent, pruneInboundEvents } from "../../db/queries/event-claims.ts";
import { getMyOverview } from "../../services/get-my-overview.ts";
import { renderHomeView } from "../../views/render-slack-views.ts";
import { HOME_ALERTS, HOME_CUSTOMERS, homeMessage, unknownUserHome } from "../home.ts";
import { slackErrorCode } from "../surface-replies.ts";
import { slackChatUser } from "../users.ts";
import type { SlackDeps } from "./types.ts";

const EVENT_SOURCE = "slack-event";
/** Old claims are pruned on roughly one event in this many. */
const PRUNE_EVERY = 200;

/**
 * The App Home tab, published whenever the user opens it. Bolt acks events before listeners run;
 * Slack retries an event it thinks failed (X-Slack-Retry-Num), so each event id is claimed once in
 * the database and a retry of a handled event is skipped, on any instance.
 */
export function registerHome(app: App, deps: SlackDeps): void {
  app.event("app_home_opened", async ({ event, body, client }) => {
    if (event.tab !== "home") return;
    const eventId = (body as { event_id?: string }).event_id;
    try {
      if (eventId) {
        const first = await claimInboundEvent(deps.ctx.db.sql, {
          source: EVENT_SOURCE,
          eventId,
          claimedBy: deps.instanceId,
        });
        if (!first) {
          deps.log.info({ eventId }, "slack: event already handled, retry skipped");
          return;
        }
        if (Math.random() < 1 / PRUNE_EVERY) await pruneInboundEvents(deps.ctx.db.sql, EVENT_SOURCE);
      }
      const user = await slackChatUser(deps, client, event.user);
      const locale = user?.locale ?? deps.locale;
      const message = user
        ? homeMessage(
            user,
            await getMyOverview({
              ctx: deps.ctx,
              userId: user.id,
              customerLimit: HOME_CUSTOMERS,
              alertLimit: HOME_ALERTS,
            }),
            locale,
          )
        : unknownUserHome(locale);
      await client.views.publish({ user_id: event.user, view: renderHomeView(message, locale) });
    } catch (error) {
      deps.log.error(
        { err: error, code: slackErrorCode(error), eventId },
        "slack: publishing the home tab failed",
      );
    }
  });
}
