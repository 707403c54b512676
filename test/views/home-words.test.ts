import { describe, expect, it } from "vitest";
import { homeMessage } from "../../src/slack/home.ts";
import { renderText } from "../../src/views/render-text.ts";

describe("App Home", () => {
  it("names alert kinds in words, not codes, in nl, en and fr", () => {
    const overview = {
      customers: { total: 0, rows: [] },
      alerts: {
        total: 2,
        rows: [
          {
            id: 1,
            customerId: 1,
            customerName: "Acme",
            kind: "order-drop",
            status: "OPEN",
            openedAt: "2026-11-30",
          },
          {
            id: 2,
            customerId: 1,
            customerName: "Acme",
            kind: "detractor",
            status: "OPEN",
            openedAt: "2026-11-30",
          },
        ],
      },
      scoredOn: "2026-12-01",
    } as unknown as Parameters<typeof homeMessage>[1];
    const user = {
      id: 1,
      name: "Jan de Vries",
      email: "jan@klantpuls.demo",
      role: "MANAGER",
      locale: "nl",
    } as const;
    for (const locale of ["nl", "en", "fr"] as const) {
      expect(renderText(homeMessage(user, overview, locale)).text).not.toContain("order-drop");
    }
    // "detractor" is the English word itself; a Dutch or French user reads their own.
    expect(renderText(homeMessage(user, overview, "nl")).text).toContain("criticaster");
    expect(renderText(homeMessage(user, overview, "fr")).text).toContain("détracteur");
    expect(renderText(homeMessage(user, overview, "nl")).text).toContain("minder bestellingen");
  });
});
