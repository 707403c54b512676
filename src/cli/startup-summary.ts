import type { Config } from "../config/index.ts";

/**
 * What `klantpuls serve` says when it is up: the address it really listens on (0.0.0.0 is every
 * interface, reachable locally as 127.0.0.1), which platforms are on or off and how to turn one on,
 * and the database. Pure, so it is tested without starting a server.
 */
export function startupSummary(options: {
  config: Pick<Config, "http" | "slack" | "teams">;
  url: string;
  database: { kind: string; location: string };
}): string {
  const { config } = options;
  const port = new URL(options.url).port || String(config.http.port);
  const host = config.http.host;
  const everywhere = host === "0.0.0.0" || host === "::";
  const listen = everywhere
    ? `Klantpuls listens on ${host}:${port} (all interfaces; on this machine http://127.0.0.1:${port}).`
    : `Klantpuls listens on ${host}:${port} (http://${host}:${port}).`;
  const slack = config.slack
    ? `Slack: on (${config.slack.appToken ? "Socket Mode" : `POST ${options.url}/slack/events`}).`
    : "Slack: off — set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode) to turn it on.";
  const teams = config.teams
    ? `Teams: on (POST ${options.url}/api/messages).`
    : "Teams: off — set TEAMS_APP_ID (and its password or certificate), or TEAMS_LOCAL_MODE for local testing.";
  const database = `Database: ${options.database.kind}, ${options.database.location}.`;
  return [listen, slack, teams, database, "Ctrl-C stops it."].join("\n");
}
