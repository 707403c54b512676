import { describe, expect, it } from "vitest";
import { AppError } from "../../src/app-error.ts";
import { defaultHealthSettings, parseHealthSettings } from "../../src/domain/health/settings.ts";

function errorOf(input: unknown): AppError {
  try {
    parseHealthSettings(input);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected parseHealthSettings to throw");
}

describe("defaultHealthSettings", () => {
  it("holds the documented defaults", () => {
    expect(defaultHealthSettings.weights).toEqual({
      payment: 20,
      frequency: 15,
      volume: 15,
      recency: 15,
      engagement: 10,
      nps: 10,
      complaints: 10,
      pulse: 5,
    });
    expect(defaultHealthSettings.bands).toEqual({ healthy: 70, atRisk: 40 });
    expect(defaultHealthSettings.churnAfterDays).toBe(180);
    expect(defaultHealthSettings.recentWindowDays).toBe(90);
    expect(defaultHealthSettings.baselineWindowDays).toBe(365);
    expect(defaultHealthSettings.pulseMaxAgeDays).toBe(90);
    expect(defaultHealthSettings.grossMargin).toBe(0.3);
    expect(defaultHealthSettings.clvMaxLifetimeYears).toBe(10);
    expect(defaultHealthSettings.signals.payment).toEqual({
      fineDaysLate: 3,
      zeroDaysLate: 30,
      overduePenaltyPerInvoice: 5,
    });
  });
});

describe("parseHealthSettings", () => {
  it("fills everything left out with the defaults", () => {
    expect(parseHealthSettings({})).toEqual(defaultHealthSettings);
    expect(parseHealthSettings(undefined)).toEqual(defaultHealthSettings);
    const tuned = parseHealthSettings({
      weights: { payment: 40 },
      signals: { recency: { zeroIntervalRatio: 6 } },
    });
    expect(tuned.weights.payment).toBe(40);
    expect(tuned.weights.frequency).toBe(15);
    expect(tuned.signals.recency).toEqual({
      fineIntervalRatio: 1.5,
      zeroIntervalRatio: 6,
      minIntervalDays: 7,
    });
  });

  it("names a negative weight", () => {
    const error = errorOf({ weights: { payment: -1 } });
    expect(error.code).toBe("CONFIG");
    expect(error.message).toBe(
      "Invalid health settings: weights.payment: Too small: expected number to be >=0",
    );
  });

  it("refuses all weights zero", () => {
    const zero = {
      payment: 0,
      frequency: 0,
      volume: 0,
      recency: 0,
      engagement: 0,
      nps: 0,
      complaints: 0,
      pulse: 0,
    };
    expect(errorOf({ weights: zero }).message).toBe(
      "Invalid health settings: weights: at least one weight must be greater than 0",
    );
  });

  it("requires healthy above at risk", () => {
    expect(errorOf({ bands: { healthy: 40, atRisk: 40 } }).message).toBe(
      "Invalid health settings: bands.healthy: must be greater than atRisk",
    );
  });

  it("requires each curve's zero point beyond its fine point", () => {
    expect(errorOf({ signals: { payment: { fineDaysLate: 30, zeroDaysLate: 10 } } }).message).toBe(
      "Invalid health settings: signals.payment.zeroDaysLate: must be greater than fineDaysLate",
    );
    expect(errorOf({ signals: { nps: { zeroAt: 9, fullAt: 2 } } }).message).toBe(
      "Invalid health settings: signals.nps.fullAt: must be greater than zeroAt",
    );
  });

  it("names unknown keys, so a typo is not silently ignored", () => {
    expect(errorOf({ weigths: {} }).message).toBe("Invalid health settings: weigths: unknown setting");
    expect(errorOf({ signals: { payment: { fineDaysLat: 2 } } }).message).toBe(
      "Invalid health settings: signals.payment.fineDaysLat: unknown setting",
    );
  });

  it("checks the KPI knobs", () => {
    expect(errorOf({ grossMargin: 1.5 }).message).toBe(
      "Invalid health settings: grossMargin: Too big: expected number to be <=1",
    );
    expect(errorOf({ churnAfterDays: 0 }).message).toContain("churnAfterDays:");
    expect(errorOf({ recentWindowDays: 400 }).message).toBe(
      "Invalid health settings: baselineWindowDays: must be at least recentWindowDays",
    );
  });

  it("lists every problem at once", () => {
    const message = errorOf({ weights: { nps: "high" }, pulseMaxAgeDays: -3 }).message;
    expect(message).toContain("weights.nps:");
    expect(message).toContain("pulseMaxAgeDays:");
  });
});
