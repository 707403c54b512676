import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The CLI tests spawn the compiled bin: build dist/ from the current sources first.
    globalSetup: ["test/support/build-dist.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // PGlite instances are memory-hungry WASM; two workers match the two cores here.
    pool: "forks",
    maxWorkers: 2,
  },
});
