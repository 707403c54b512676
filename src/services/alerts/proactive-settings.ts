import { defaultProactiveSettings, type ProactiveSettings } from "../../domain/alerts/settings.ts";
import type { ServiceContext } from "../context.ts";

// Keyed by the service context (like the proactive sender), so the composition root can hand the
// configured alert/digest/pulse settings to every service without widening ServiceContext.
const configured = new WeakMap<ServiceContext, ProactiveSettings>();

/** Use these settings for this context (composition root, or a test that tunes a threshold). */
export function useProactiveSettings(ctx: ServiceContext, settings: ProactiveSettings): void {
  configured.set(ctx, settings);
}

/** The settings for this context: the configured ones, else the defaults. */
export function proactiveSettings(ctx: ServiceContext): ProactiveSettings {
  return configured.get(ctx) ?? defaultProactiveSettings;
}
