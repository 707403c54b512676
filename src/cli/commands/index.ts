import type { CliCommand } from "../command.ts";
import { dbCommand } from "./db.ts";
import { deliveriesCommand } from "./deliveries.ts";
import { demoCommand } from "./demo.ts";
import { healthCommand } from "./health.ts";
import { importCommand } from "./import.ts";
import { kpiCommand } from "./kpi.ts";
import { riskCommand } from "./risk.ts";
import { scoreCommand } from "./score.ts";
import { seedCommand } from "./seed.ts";
import { serveCommand } from "./serve.ts";
import { tokensCommand } from "./tokens.ts";

/** Every `klantpuls` sub-command, in the order `klantpuls help` lists them. Add new ones here. */
export const cliCommands: CliCommand[] = [
  demoCommand,
  serveCommand,
  healthCommand,
  riskCommand,
  kpiCommand,
  scoreCommand,
  seedCommand,
  dbCommand,
  importCommand,
  tokensCommand,
  deliveriesCommand,
];
