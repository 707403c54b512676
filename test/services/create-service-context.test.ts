import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.ts";
import type { Database } from "../../src/db/client.ts";
import { silentLogger } from "../../src/logger.ts";
import { proactiveSettings } from "../../src/services/alerts/proactive-settings.ts";
import { createServiceContext } from "../../src/services/create-service-context.ts";

// The settings file is parsed before any query runs, so no database is needed here.
const db = {} as Database;
const build = (settingsJson: unknown) =>
  createServiceContext({
    db,
    settingsJson,
    clock: new ManualClock("2026-11-25"),
    log: silentLogger,
    timezone: "UTC",
  });

describe("the settings file", () => {
  it("defaults every section when there is no file", () => {
    const ctx = build(undefined);
    expect(ctx.settings.health.weights.payment).toBe(20);
    expect(proactiveSettings(ctx).alerts.rules.orderDrop.dropPercent).toBe(40);
  });

  it("applies the health and proactive sections it is given, and keeps the rest", () => {
    const ctx = build({
      health: { weights: { payment: 40 }, bands: { healthy: 75 } },
      alerts: { rules: { orderDrop: { dropPercent: 50 } } },
    });
    expect(ctx.settings.health.weights.payment).toBe(40);
    expect(ctx.settings.health.weights.frequency).toBe(15);
    expect(ctx.settings.health.bands).toEqual({ healthy: 75, atRisk: 40 });
    expect(proactiveSettings(ctx).alerts.rules.orderDrop.dropPercent).toBe(50);
    expect(proactiveSettings(ctx).alerts.rules.paymentDelay.increaseDays).toBe(10);
  });

  it("names an unknown section and a bad value", () => {
    expect(() => build({ helth: {} })).toThrow(/unknown section\(s\) helth/);
    expect(() => build({ health: { bands: { healthy: 30, atRisk: 40 } } })).toThrow(
      /bands\.healthy: must be greater than atRisk/,
    );
    expect(() => build({ alerts: { rules: { orderDrop: { maxChance: 0 } } } })).toThrow(/maxChance/);
  });
});
