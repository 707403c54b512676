import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

/**
 * A CLI call pays only for the sub-command it runs: the compiled bin is started with a module
 * resolve hook that writes down every package it loads, and the test checks the list.
 */
const bin = path.resolve(import.meta.dirname, "../../bin/klantpuls.js");
const workDir = mkdtempSync(path.join(tmpdir(), "kp-lazy-"));
const hookFile = path.join(workDir, "trace-hooks.mjs");
writeFileSync(
  hookFile,
  `import { appendFileSync } from "node:fs";
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  const match = /\\/node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(result.url);
  if (match) appendFileSync(process.env.KP_TRACE_FILE, match[1] + "\\n");
  return result;
}
`,
);
const registerHooks = `data:text/javascript,${encodeURIComponent(
  `import { register } from "node:module"; register(${JSON.stringify(`file://${hookFile}`)});`,
)}`;

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** Runs the bin and returns the packages it loaded (the ESM imports that reach node_modules). */
function packagesLoadedBy(args: string[]): Promise<{ code: number | null; packages: Set<string> }> {
  const traceFile = path.join(workDir, `trace-${args.join("-").replace(/\W/g, "_")}.txt`);
  writeFileSync(traceFile, "");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", registerHooks, bin, ...args], {
      env: {
        ...process.env,
        KP_TRACE_FILE: traceFile,
        KLANTPULS_DATA_DIR: path.join(workDir, "data"),
        DATABASE_URL: "",
        LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "ignore", "inherit"],
    });
    child.on("error", reject);
    child.on("close", (code) =>
      resolve({ code, packages: new Set(readFileSync(traceFile, "utf8").split("\n").filter(Boolean)) }),
    );
  });
}

const chatPlatforms = ["@slack/bolt", "@slack/web-api", "@microsoft/teams-ai", "botbuilder", "openai"];

describe("the klantpuls bin loads only what a sub-command needs", () => {
  it("--help loads no package at all", async () => {
    const { code, packages } = await packagesLoadedBy(["--help"]);
    expect(code).toBe(0);
    expect([...packages]).toEqual([]);
  });

  it("health --json on the embedded database loads PGlite, never Prisma, Slack, Teams or openai", async () => {
    // An empty database: "not found" (exit 1) after the same loading as a real answer.
    const { code, packages } = await packagesLoadedBy(["health", "acme", "--json"]);
    expect(code).toBe(1);
    expect(packages).toContain("@electric-sql/pglite");
    const prisma = ["@prisma/client", "pglite-prisma-adapter", "@prisma/adapter-pg"];
    for (const name of [...chatPlatforms, ...prisma, "pg", "express"]) {
      expect(packages).not.toContain(name);
    }
  });

  it("tokens list, the one Prisma Client user, loads it with the PGlite adapter when it asks for it", async () => {
    const { code, packages } = await packagesLoadedBy(["tokens", "list"]);
    expect(code).toBe(0);
    expect(packages).toContain("@prisma/client");
    expect(packages).toContain("pglite-prisma-adapter");
    for (const name of chatPlatforms) expect(packages).not.toContain(name);
  });
});
