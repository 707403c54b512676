import { pino } from "pino";

export type Logger = pino.Logger;

/** Structured JSON logs on stderr (stdout stays free for CLI output and --json). */
export function createLogger(level: string, options: { name?: string } = {}): Logger {
  return pino(
    {
      level,
      name: options.name ?? "klantpuls",
      redact: ["token", "*.token", "password", "*.password", "authorization"],
    },
    pino.destination(2),
  );
}

export const silentLogger: Logger = pino({ level: "silent" });
