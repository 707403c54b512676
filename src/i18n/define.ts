import type { Locale } from "../domain/health/types.ts";

export type { Locale };
export const locales = ["nl", "en"] as const;

/**
 * A namespace of strings in both languages. The English table must have exactly the Dutch keys,
 * so a missing translation fails the type check instead of showing a key to a user.
 * Placeholders are `{name}`.
 */
export function defineMessages<const T extends Record<string, string>>(messages: {
  nl: T;
  en: { [K in keyof T]: string };
}): { nl: T; en: { [K in keyof T]: string } } {
  return messages;
}

export function interpolate(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}

export function toLocale(value: string | null | undefined, fallback: Locale = "nl"): Locale {
  if (!value) return fallback;
  const lower = value.toLowerCase();
  if (lower.startsWith("nl")) return "nl";
  if (lower.startsWith("en")) return "en";
  return fallback;
}
