import { readFileSync } from "node:fs";
import { z } from "zod";
import { AppError } from "../app-error.ts";
import { currencyCode } from "../domain/format.ts";
import { isValidTimeZone } from "../domain/zoned-time.ts";
import type { DatabaseTarget } from "./database.ts";
import { configError, optionalString } from "./env.ts";
import { loadSlackConfig, type SlackConfig } from "./slack.ts";
import { loadTeamsConfig, type TeamsConfig } from "./teams.ts";

/**
 * All configuration, read from the environment once at start-up and validated here. Nothing else
 * reads `process.env`. Each platform contributes its own section schema; a bad setting stops start-up
 * with one line per problem.
 */
const baseSchema = z.object({
  DATABASE_URL: optionalString.refine((url) => url === undefined || /^postgres(ql)?:\/\//.test(url), {
    message: "must start with postgres:// or postgresql://",
  }),
  KLANTPULS_DATA_DIR: z.string().trim().min(1).default("./data"),
  /** The embedded database's shared_buffers (see src/db/client.ts for why it is small by default). */
  KLANTPULS_PGLITE_SHARED_BUFFERS: z
    .string()
    .trim()
    .regex(/^\d+(kB|MB|GB)$/, { message: "must be a size like 16MB or 128MB" })
    .optional(),
  KLANTPULS_DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /** PostgreSQL timeouts in milliseconds (see db/client.ts PostgresTimeouts). */
  KLANTPULS_DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  KLANTPULS_DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(86_400_000).default(30_000),
  KLANTPULS_DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(86_400_000)
    .default(60_000),
  /** How long GET /healthz waits for the database before answering 503. */
  KLANTPULS_HEALTHZ_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(1_500),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().trim().min(1).default("0.0.0.0"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  KLANTPULS_LOCALE: z.enum(["nl", "en", "fr"]).default("nl"),
  KLANTPULS_TIMEZONE: z.string().trim().min(1).default("Europe/Amsterdam"),
  /** The currency of every amount in the book (ISO 4217); amounts are imported as they are, never converted. */
  KLANTPULS_CURRENCY: z
    .string()
    .trim()
    .toUpperCase()
    .regex(currencyCode, { message: "must be an ISO 4217 currency code such as EUR, USD or GBP" })
    .default("EUR"),
  /** JSON file with health weights and thresholds (see README); defaults apply when unset. */
  KLANTPULS_SETTINGS_FILE: optionalString,
  /**
   * Pretend the process starts at this instant (ISO 8601, e.g. 2026-11-25T09:00:00Z); the clock runs
   * on from there. For tests and demos that must not depend on the hour or day they run.
   */
  KLANTPULS_NOW: optionalString.refine(
    (value) => value === undefined || (/^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value))),
    { message: "must be an ISO 8601 instant like 2026-11-25T09:00:00Z" },
  ),
  /** "off": no cron jobs and no background sending on this instance (another instance does them). */
  KLANTPULS_SCHEDULER: z.enum(["on", "off"]).default("on"),
});

export interface Config {
  database: DatabaseTarget;
  /** `healthTimeoutMs`: how long /healthz waits for the database (default 1500). */
  http: { port: number; host: string; healthTimeoutMs?: number };
  logLevel: z.infer<typeof baseSchema>["LOG_LEVEL"];
  locale: "nl" | "en" | "fr";
  timezone: string;
  /** ISO 4217 code of every amount (KLANTPULS_CURRENCY); undefined (hand-built configs) means EUR. */
  currency?: string | undefined;
  /** Raw settings JSON (validated by the health settings schema where it is used), or undefined. */
  settingsJson: unknown;
  /** Undefined when no SLACK_* variable is set (Slack off). */
  slack?: SlackConfig | undefined;
  /** Undefined when Teams is off (no TEAMS_APP_ID and no TEAMS_LOCAL_MODE). */
  teams?: TeamsConfig | undefined;
  /**
   * Background work: the cron jobs and the delivery dispatcher's loop. Undefined (as in tests that
   * build a Config by hand) means off; tests drive the scheduler and dispatcher themselves.
   */
  scheduler?: { enabled: boolean } | undefined;
  /** KLANTPULS_NOW: where the process's clock starts (undefined: the system clock). */
  clockStart?: Date | undefined;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = baseSchema.safeParse(env);
  if (!parsed.success) throw configError(parsed.error);
  const values = parsed.data;
  if (values.KLANTPULS_TIMEZONE && !isValidTimeZone(values.KLANTPULS_TIMEZONE)) {
    throw new AppError("CONFIG", `KLANTPULS_TIMEZONE: unknown time zone "${values.KLANTPULS_TIMEZONE}"`);
  }
  return {
    database: values.DATABASE_URL
      ? {
          kind: "postgres",
          url: values.DATABASE_URL,
          poolSize: values.KLANTPULS_DB_POOL_SIZE,
          timeouts: {
            connectMs: values.KLANTPULS_DB_CONNECT_TIMEOUT_MS,
            statementMs: values.KLANTPULS_DB_STATEMENT_TIMEOUT_MS,
            idleInTransactionMs: values.KLANTPULS_DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
          },
        }
      : {
          kind: "pglite",
          dataDir: values.KLANTPULS_DATA_DIR,
          sharedBuffers: values.KLANTPULS_PGLITE_SHARED_BUFFERS,
        },
    http: { port: values.PORT, host: values.HOST, healthTimeoutMs: values.KLANTPULS_HEALTHZ_TIMEOUT_MS },
    logLevel: values.LOG_LEVEL,
    locale: values.KLANTPULS_LOCALE,
    timezone: values.KLANTPULS_TIMEZONE,
    currency: values.KLANTPULS_CURRENCY,
    slack: loadSlackConfig(env),
    teams: loadTeamsConfig(env),
    scheduler: { enabled: values.KLANTPULS_SCHEDULER === "on" },
    clockStart: values.KLANTPULS_NOW ? new Date(values.KLANTPULS_NOW) : undefined,
    settingsJson: values.KLANTPULS_SETTINGS_FILE
      ? readSettingsFile(values.KLANTPULS_SETTINGS_FILE)
      : undefined,
  };
}

function readSettingsFile(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new AppError(
      "CONFIG",
      `KLANTPULS_SETTINGS_FILE: cannot read ${file} as JSON (${(error as Error).message})`,
    );
  }
}
