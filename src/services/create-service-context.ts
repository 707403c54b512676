import { z } from "zod";
import { AppError } from "../app-error.ts";
import type { Clock } from "../clock.ts";
import type { Database } from "../db/client.ts";
import { parseProactiveSettings } from "../domain/alerts/settings.ts";
import { parseHealthSettings } from "../domain/health/settings.ts";
import type { Logger } from "../logger.ts";
import { useProactiveSettings } from "./alerts/proactive-settings.ts";
import type { ServiceContext } from "./context.ts";

/**
 * The settings file (KLANTPULS_SETTINGS_FILE) has one section per concern, each optional:
 * `health` (weights, bands, signal curves) and `alerts`, `digest`, `pulses` (the proactive side).
 */
const settingsFileSchema = z
  .strictObject({
    health: z.unknown().optional(),
    alerts: z.unknown().optional(),
    digest: z.unknown().optional(),
    pulses: z.unknown().optional(),
  })
  .optional();

/** Build the service context every layer shares, with the configured settings applied. */
export function createServiceContext(options: {
  db: Database;
  settingsJson: unknown;
  clock: Clock;
  log: Logger;
  timezone: string;
}): ServiceContext {
  const parsed = settingsFileSchema.safeParse(options.settingsJson);
  if (!parsed.success) {
    const unknown = parsed.error.issues.flatMap((issue) =>
      issue.code === "unrecognized_keys" ? issue.keys : [],
    );
    throw new AppError(
      "CONFIG",
      `Invalid settings file: ${unknown.length > 0 ? `unknown section(s) ${unknown.join(", ")}; ` : ""}expected an object with the sections health, alerts, digest, pulses.`,
    );
  }
  const sections = parsed.data ?? {};
  const ctx: ServiceContext = {
    db: options.db,
    settings: parseHealthSettings(sections.health ?? {}),
    clock: options.clock,
    log: options.log,
    timezone: options.timezone,
  };
  useProactiveSettings(
    ctx,
    parseProactiveSettings({ alerts: sections.alerts, digest: sections.digest, pulses: sections.pulses }),
  );
  return ctx;
}
