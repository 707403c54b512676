import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The CLI tests spawn the compiled bin: build dist/ from the current sources first.
    globalSetup: ["test/support/build-dist.ts"],
    // Guards against a hang, not speed claims: on a shared 2-core machine under full load a CLI run
    // or a PGlite start takes several times longer than on an idle one.
    testTimeout: 300_000,
    hookTimeout: 600_000,
    // PGlite instances are memory-hungry WASM; two workers match the two cores here.
    pool: "forks",
    maxWorkers: 2,
  },
});
