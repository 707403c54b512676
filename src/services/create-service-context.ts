import { z } from "zod";
import { AppError } from "../app-error.ts";
import type { Clock } from "../clock.ts";
import type { Database } from "../db/client.ts";
import { parseProactiveSettings } from "../domain/alerts/settings.ts";
import { parseHealthSettings } from "../domain/health/settings.ts";
import type { Logger } from "../logger.ts";
import type { ServiceContext } from "./context.ts";
import type { PlatformSenders } from "./deliveries/sender.ts";
import { OutboxWake } from "./deliveries/wake.ts";

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
  /** Senders known up front (tests); src/main.ts adds the platforms' own once they are mounted. */
  senders?: PlatformSenders;
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
  const proactive = parseProactiveSettings({
    alerts: sections.alerts,
    digest: sections.digest,
    pulses: sections.pulses,
  });
  const ctx: ServiceContext = {
    db: options.db,
    clock: options.clock,
    log: options.log,
    timezone: options.timezone,
    settings: { ...proactive, health: parseHealthSettings(sections.health ?? {}) },
    outbox: { senders: { ...options.senders }, wake: new OutboxWake() },
  };
  return ctx;
}
