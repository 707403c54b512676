import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config/index.ts";

describe("configuration", () => {
  it("defaults to the embedded database in ./data", () => {
    const config = loadConfig({});
    expect(config.database).toEqual({ kind: "pglite", dataDir: "./data" });
    expect(config.http).toEqual({ port: 3000, host: "0.0.0.0", healthTimeoutMs: 1500 });
    expect(config.locale).toBe("nl");
  });

  it("uses PostgreSQL when DATABASE_URL is set", () => {
    const config = loadConfig({
      DATABASE_URL: "postgres://u@db:5432/klantpuls",
      KLANTPULS_DB_POOL_SIZE: "4",
    });
    expect(config.database).toEqual({
      kind: "postgres",
      url: "postgres://u@db:5432/klantpuls",
      poolSize: 4,
      timeouts: { connectMs: 5000, statementMs: 30000, idleInTransactionMs: 60000 },
    });
  });

  it("starts the clock at KLANTPULS_NOW when set, and refuses anything but an ISO instant", () => {
    expect(loadConfig({}).clockStart).toBeUndefined();
    expect(loadConfig({ KLANTPULS_NOW: "2026-11-28T02:00:00Z" }).clockStart).toEqual(
      new Date("2026-11-28T02:00:00Z"),
    );
    expect(() => loadConfig({ KLANTPULS_NOW: "tomorrow" })).toThrow(
      /KLANTPULS_NOW: must be an ISO 8601 instant/,
    );
  });

  it("takes the PostgreSQL timeouts from the environment and refuses nonsense", () => {
    const config = loadConfig({
      DATABASE_URL: "postgres://u@db:5432/klantpuls",
      KLANTPULS_DB_CONNECT_TIMEOUT_MS: "2000",
      KLANTPULS_DB_STATEMENT_TIMEOUT_MS: "10000",
      KLANTPULS_DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: "20000",
      KLANTPULS_HEALTHZ_TIMEOUT_MS: "800",
    });
    expect(config.database).toMatchObject({
      timeouts: { connectMs: 2000, statementMs: 10000, idleInTransactionMs: 20000 },
    });
    expect(config.http.healthTimeoutMs).toBe(800);
    expect(() =>
      loadConfig({ KLANTPULS_DB_STATEMENT_TIMEOUT_MS: "soon", KLANTPULS_DB_CONNECT_TIMEOUT_MS: "0" }),
    ).toThrow(/KLANTPULS_DB_CONNECT_TIMEOUT_MS: .*\n- KLANTPULS_DB_STATEMENT_TIMEOUT_MS: /s);
  });

  it("names every bad setting on its own line", () => {
    expect(() => loadConfig({ DATABASE_URL: "mysql://x", PORT: "http", KLANTPULS_LOCALE: "de" })).toThrow(
      /DATABASE_URL: must start with postgres:\/\/.*\n- PORT: .*\n- KLANTPULS_LOCALE: /s,
    );
  });

  it("takes the currency from KLANTPULS_CURRENCY (default EUR) and refuses what is not an ISO code", () => {
    expect(loadConfig({}).currency).toBe("EUR");
    expect(loadConfig({ KLANTPULS_CURRENCY: "usd" }).currency).toBe("USD");
    expect(() => loadConfig({ KLANTPULS_CURRENCY: "euro" })).toThrow(
      /KLANTPULS_CURRENCY: must be an ISO 4217 currency code such as EUR, USD or GBP/,
    );
  });

  it("refuses an unknown time zone and an unreadable settings file", () => {
    expect(() => loadConfig({ KLANTPULS_TIMEZONE: "Europe/Amsterdamm" })).toThrow(/unknown time zone/);
    expect(() => loadConfig({ KLANTPULS_SETTINGS_FILE: "/nonexistent/settings.json" })).toThrow(
      /KLANTPULS_SETTINGS_FILE: cannot read/,
    );
  });
});
