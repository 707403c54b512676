import type { Locale } from "../domain/health/types.ts";

export type { Locale };
export const locales = ["nl", "en", "fr"] as const;

/** The BCP 47 tag behind each language: Belgian French and Dutch, British English. */
export const localeTags: Record<Locale, string> = { nl: "nl-NL", en: "en-GB", fr: "fr-BE" };

/**
 * A namespace of strings in every language. The English and French tables must have exactly the
 * Dutch keys, so a missing translation fails the type check instead of showing a key to a user
 * (test/i18n/catalog.test.ts checks the same at run time, with the placeholders).
 * Placeholders are `{name}`; plurals `{count, plural, =0 {…} one {# klant} other {# klanten}}`.
 */
export function defineMessages<const T extends Record<string, string>>(messages: {
  nl: T;
  en: { [K in keyof T]: string };
  fr: { [K in keyof T]: string };
}): { nl: T; en: { [K in keyof T]: string }; fr: { [K in keyof T]: string } } {
  return messages;
}

export type MessageParams = Record<string, string | number>;

/**
 * Fill a template. `{name}` takes the parameter as given; `{n, plural, …}` picks a branch with
 * Intl.PluralRules for the locale (an exact `=N` branch first) and writes `#` as the number,
 * formatted for the locale by `formatCount`. A small subset of ICU MessageFormat, hand-rolled
 * because the catalogue needs nothing more and a full ICU library would be the largest dependency
 * of the i18n layer.
 */
export function interpolate(
  template: string,
  params: MessageParams = {},
  locale: Locale = "nl",
  formatCount: (value: number) => string = String,
): string {
  let out = "";
  let index = 0;
  while (index < template.length) {
    const open = template.indexOf("{", index);
    if (open === -1) break;
    out += template.slice(index, open);
    const close = matchingBrace(template, open);
    if (close === -1) {
      out += template.slice(open);
      return out;
    }
    out += expand(template.slice(open + 1, close), template.slice(open, close + 1));
    index = close + 1;
  }
  return out + template.slice(index);

  function expand(inner: string, whole: string): string {
    const plural = /^\s*(\w+)\s*,\s*plural\s*,([\s\S]*)$/.exec(inner);
    if (!plural) {
      const name = inner.trim();
      return /^\w+$/.test(name) && name in params ? String(params[name]) : whole;
    }
    const [, name = "", body = ""] = plural;
    const value = Number(params[name]);
    if (!(name in params) || !Number.isFinite(value)) return whole;
    const branches = pluralBranches(body);
    const category = pluralRules(locale).select(value);
    const branch = branches.get(`=${value}`) ?? branches.get(category) ?? branches.get("other") ?? "";
    return interpolate(branch, params, locale, formatCount).replace(/#/g, formatCount(value));
  }
}

function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let index = open; index < text.length; index++) {
    if (text[index] === "{") depth++;
    else if (text[index] === "}" && --depth === 0) return index;
  }
  return -1;
}

function pluralBranches(body: string): Map<string, string> {
  const branches = new Map<string, string>();
  const selector = /\s*(=\d+|zero|one|two|few|many|other)\s*\{/y;
  let index = 0;
  for (;;) {
    selector.lastIndex = index;
    const match = selector.exec(body);
    if (!match?.[1]) break;
    const open = selector.lastIndex - 1;
    const close = matchingBrace(body, open);
    if (close === -1) break;
    branches.set(match[1], body.slice(open + 1, close));
    index = close + 1;
  }
  return branches;
}

const rulesCache = new Map<Locale, Intl.PluralRules>();

function pluralRules(locale: Locale): Intl.PluralRules {
  let rules = rulesCache.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(localeTags[locale]);
    rulesCache.set(locale, rules);
  }
  return rules;
}

/**
 * A platform's or user's language tag ("fr-BE", "en_US", "nl") as one of ours; anything else
 * (German, empty) falls back. Slack and Teams both send BCP 47-like tags.
 */
export function toLocale(value: string | null | undefined, fallback: Locale = "nl"): Locale {
  return parseLocale(value) ?? fallback;
}

/** Like toLocale, but null when the tag is not one of our languages. */
export function parseLocale(value: string | null | undefined): Locale | null {
  if (!value) return null;
  const language = value.trim().toLowerCase().split(/[-_]/)[0];
  return (locales as readonly string[]).includes(language ?? "") ? (language as Locale) : null;
}
