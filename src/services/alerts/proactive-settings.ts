import type { ProactiveSettings } from "../../domain/alerts/settings.ts";
import type { ServiceContext } from "../context.ts";

/** The alert, digest and pulse settings of this context (the settings file's sections, or defaults). */
export function proactiveSettings(ctx: ServiceContext): ProactiveSettings {
  return ctx.settings;
}
