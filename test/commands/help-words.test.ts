import { describe, expect, it } from "vitest";
import { klantDigest } from "../../commands/klant-digest.ts";
import { klantKpi } from "../../commands/klant-kpi.ts";
import { klantRisico } from "../../commands/klant-risico.ts";
import { isHelpWord } from "../../commands/shared.ts";
import type { CommandContext } from "../../commands/types.ts";
import type { Locale } from "../../src/i18n/index.ts";

/** Help is answered before any service is touched, so a context without services is enough here. */
function context(locale: Locale): CommandContext {
  return {
    locale,
    user: { id: 1, name: "Jan", email: "jan@example.test", role: "MEMBER", locale },
  } as CommandContext;
}

describe("help in every command and language", () => {
  it("knows help, hulp, aide and ? in any case, and nothing else", () => {
    for (const word of ["help", "HULP", "Aide", "?", " help "]) expect(isHelpWord(word)).toBe(true);
    for (const word of ["helpdesk", "acme", "", "hulpje"]) expect(isHelpWord(word)).toBe(false);
  });

  it("answers HELP, Hulp and aide with the command's usage", async () => {
    const digest = await klantDigest.run("HELP", context("nl"));
    expect(digest.text).toMatch(/klant-digest/);
    const risk = await klantRisico.run("MKB aide", context("fr"));
    expect(risk.text).toMatch(/klant-risico/);
    const kpi = await klantKpi.run("Hulp", context("nl"));
    expect(kpi.text).toMatch(/klant-kpi/);
  });
});
