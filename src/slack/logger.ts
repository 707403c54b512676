import { LogLevel, type Logger as SlackLogger } from "@slack/bolt";
import type { Logger } from "../logger.ts";

/** Bolt and WebClient log through our pino logger (structured, redacted), not their console logger. */
export function boltLogger(log: Logger): SlackLogger {
  const child = log.child({ component: "slack" });
  const text = (parts: unknown[]) =>
    parts.map((part) => (typeof part === "string" ? part : String(part))).join(" ");
  return {
    debug: (...msg: unknown[]) => child.debug(text(msg)),
    info: (...msg: unknown[]) => child.info(text(msg)),
    warn: (...msg: unknown[]) => child.warn(text(msg)),
    error: (...msg: unknown[]) => child.error(text(msg)),
    // The level is pino's; Bolt's setters are ignored so one LOG_LEVEL rules everything.
    setLevel: () => undefined,
    getLevel: () => {
      if (child.isLevelEnabled("debug")) return LogLevel.DEBUG;
      if (child.isLevelEnabled("info")) return LogLevel.INFO;
      if (child.isLevelEnabled("warn")) return LogLevel.WARN;
      return LogLevel.ERROR;
    },
    setName: () => undefined,
  };
}
