import { Application } from "@microsoft/teams-ai";
import { type Activity, ActivityTypes } from "botbuilder";
import express from "express";
import type { Config } from "../config/index.ts";
import type { ServiceContext } from "../services/context.ts";
import { KlantpulsTeamsAdapter, refusalLogger } from "./adapter.ts";
import { botAppId } from "./bot-auth.ts";
import { handleActionExecute } from "./card-actions.ts";
import { handleConversationUpdate, handleInstallationUpdate } from "./installs.ts";
import { handleMessage } from "./messages.ts";
import { type BotConnectorTransport, botConnectorTransport } from "./proactive.ts";
import type { TeamsDeps } from "./types.ts";

export const TEAMS_ENDPOINT = "/api/messages";

/**
 * Teams on the bot's HTTP server: teams-ai's Application on its CloudAdapter at POST /api/messages.
 * Only wiring lives here; each handler calls the neutral commands and actions. Without a Teams
 * section in the configuration nothing is mounted.
 */
export function mountTeams(
  app: express.Express,
  services: ServiceContext,
  config: Config,
): { transport: BotConnectorTransport } | undefined {
  const teams = config.teams;
  if (!teams) {
    services.log.debug("Teams is off (no TEAMS_APP_ID, no TEAMS_LOCAL_MODE)");
    return undefined;
  }
  if (teams.auth.kind === "local") {
    services.log.warn(
      "Teams runs in LOCAL MODE: /api/messages accepts requests WITHOUT authentication. Set TEAMS_APP_ID for any real use.",
    );
  }
  const appId = botAppId(teams);
  const adapter = new KlantpulsTeamsAdapter(teams);
  const deps: TeamsDeps = { services, defaultLocale: config.locale };

  const bot = new Application({
    adapter,
    botAppId: appId,
    // The typing timer lives on the Application, shared by all turns; commands answer fast anyway.
    startTypingTimer: false,
    removeRecipientMention: true,
  });
  bot.addRoute(
    async (context) =>
      context.activity.type === ActivityTypes.Invoke &&
      context.activity.name === "adaptiveCard/action" &&
      context.activity.value?.action?.type === "Action.Execute",
    (context) => handleActionExecute(context, deps),
    true,
  );
  bot.activity(ActivityTypes.Message, (context) => handleMessage(context, deps));
  bot.activity(ActivityTypes.ConversationUpdate, (context) => handleConversationUpdate(context, deps));
  bot.activity(ActivityTypes.InstallationUpdate, (context) => handleInstallationUpdate(context, deps));
  bot.error(async (context, error) => {
    services.log.error(
      { err: error, activityType: context.activity.type, conversationId: context.activity.conversation?.id },
      "Teams turn failed",
    );
  });

  const refusals = refusalLogger(services.log);
  app.post(TEAMS_ENDPOINT, express.json({ limit: "1mb" }), async (req, res) => {
    const activity = req.body as Activity | undefined;
    if (!activity || typeof activity !== "object" || typeof activity.type !== "string") {
      res.status(400).json({ error: "expected a Bot Framework activity (JSON with a type)" });
      return;
    }
    const refusal = await adapter.refusal(activity, req.get("authorization") ?? "", services.log);
    if (refusal) {
      refusals.refused(refusal, {
        serviceUrl: typeof activity.serviceUrl === "string" ? activity.serviceUrl : undefined,
      });
      // No detail in the body: what failed (a host name, a DNS error, a key id) is for our log only.
      res
        .status(refusal.status)
        .json({ error: refusal.status === 401 ? "unauthorized" : "service unavailable" });
      return;
    }
    refusals.accepted();
    await adapter.process(req, res, async (context) => {
      await bot.run(context);
    });
  });
  services.log.info(
    {
      endpoint: TEAMS_ENDPOINT,
      authenticated: teams.auth.kind !== "local",
      appType: teams.auth.kind === "local" ? undefined : teams.auth.appType,
    },
    "Teams endpoint mounted",
  );
  // What the outbox's Teams sender (teams-sender.ts) posts proactive messages with.
  return { transport: botConnectorTransport(adapter, appId) };
}
