import { defineConfig } from "vitest/config";

/**
 * Two projects: `unit` (pure code: domain, parsers, renderers, config; no database, no server, no
 * child process; the whole project runs in seconds) and `e2e` (everything else: PGlite and
 * PostgreSQL, the HTTP endpoints, the CLI binary). `npm test` runs unit first, then e2e, and each
 * prints its own duration. A new test file is e2e unless it is listed here.
 */
const unitTests = [
  "test/alerts/noise-and-time.test.ts",
  "test/alerts/rules.test.ts",
  "test/cli/backtest-text.test.ts",
  "test/cli/demo-console.test.ts",
  "test/cli/import-progress-text.test.ts",
  "test/commands/help-words.test.ts",
  "test/domain/backtest-metrics.test.ts",
  "test/domain/bgnbd.test.ts",
  "test/domain/counterweight.test.ts",
  "test/domain/cron-slots.test.ts",
  "test/domain/format.test.ts",
  "test/domain/health-calibration.test.ts",
  "test/domain/health-score.test.ts",
  "test/domain/health-settings.test.ts",
  "test/domain/health-signals.test.ts",
  "test/domain/kpi.test.ts",
  "test/domain/lead-time.test.ts",
  "test/domain/logistic.test.ts",
  "test/domain/periods.test.ts",
  "test/domain/plain-features.test.ts",
  "test/domain/reason-text.test.ts",
  "test/i18n/catalog.test.ts",
  "test/import/columns.test.ts",
  "test/import/fast-paths.test.ts",
  "test/import/read-csv.test.ts",
  "test/import/row-schemas.test.ts",
  "test/import/text-decoding.test.ts",
  "test/import/values.test.ts",
  "test/scripts/r-data.test.ts",
  "test/seed/generate.test.ts",
  "test/slack/config.test.ts",
  "test/slack/manifest.test.ts",
  "test/slack/render-block-kit.test.ts",
  "test/teams/parse-and-config.test.ts",
  "test/teams/render-adaptive-card.test.ts",
  "test/views/home-words.test.ts",
  "test/views/mentions.test.ts",
];

export default defineConfig({
  test: {
    // Guards against a hang, not speed claims: on a shared 2-core machine under full load a CLI run
    // or a PGlite start takes several times longer than on an idle one.
    testTimeout: 300_000,
    hookTimeout: 600_000,
    // PGlite instances are memory-hungry WASM; two workers match the two cores here.
    pool: "forks",
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: "unit", include: unitTests } },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["test/**/*.test.ts"],
          exclude: unitTests,
          // The CLI tests spawn the compiled bin: build dist/ from the current sources first.
          globalSetup: ["test/support/build-dist.ts"],
        },
      },
    ],
  },
});
