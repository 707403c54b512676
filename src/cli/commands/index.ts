import type { CliCommandInfo } from "../command.ts";

/**
 * Every `klantpuls` sub-command, in the order `klantpuls help` lists them. Add new ones here. Each is
 * loaded with a dynamic import only when it runs (the build makes each its own chunk): a static import
 * here would make every call load the whole application.
 */
export const cliCommands: CliCommandInfo[] = [
  {
    name: "demo",
    summary: "Start the bot on the embedded database with demo data and open a chat console",
    load: async () => (await import("../../dev/demo.ts")).demoCommand,
  },
  {
    name: "serve",
    summary: "Run the bot: HTTP endpoints for Slack and Teams, and the scheduler",
    load: async () => (await import("./serve.ts")).serveCommand,
  },
  {
    name: "health",
    summary: "A customer's health score with its reasons (like /klant-health)",
    load: async () => (await import("./health.ts")).healthCommand,
  },
  {
    name: "risk",
    summary: "At-risk customers ordered by revenue at risk (like /klant-risico)",
    load: async () => (await import("./risk.ts")).riskCommand,
  },
  {
    name: "kpi",
    summary: "Retention, churn, NPS, CLV and revenue at risk over a period (like /klant-kpi)",
    load: async () => (await import("./kpi.ts")).kpiCommand,
  },
  {
    name: "score",
    summary: "Score all customers as of a date and store daily snapshots",
    load: async () => (await import("./score.ts")).scoreCommand,
  },
  {
    name: "backtest",
    summary: "Replay scoring at past dates and measure how well it predicted churn",
    load: async () => (await import("./backtest.ts")).backtestCommand,
  },
  {
    name: "seed",
    summary: "Load deterministic demo data (default 500 customers) and score it",
    load: async () => (await import("./seed.ts")).seedCommand,
  },
  {
    name: "db",
    summary: "Apply database migrations (migrate) or list them (status)",
    load: async () => (await import("./db.ts")).dbCommand,
  },
  {
    name: "import",
    summary: "Import an ERP or Excel CSV export (customers, invoices, orders, …)",
    load: async () => (await import("./import.ts")).importCommand,
  },
  {
    name: "tokens",
    summary: "Create, revoke and list API tokens for the ingestion API",
    load: async () => (await import("./tokens.ts")).tokensCommand,
  },
  {
    name: "job",
    summary: "Run a scheduled job now (job run score.daily [--as-of D]) or list them (job list)",
    load: async () => (await import("./job.ts")).jobCommand,
  },
  {
    name: "alerts",
    summary: "List alerts with their state and audit trail (--open, --customer Q, --json)",
    load: async () => (await import("./alerts.ts")).alertsCommand,
  },
  {
    name: "deliveries",
    summary: "List proactive messages (alerts, digests, pulses) and why any failed",
    load: async () => (await import("./deliveries.ts")).deliveriesCommand,
  },
];
