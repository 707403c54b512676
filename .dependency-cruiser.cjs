/**
 * The dependency rules of Klantpuls, checked by `npm run lint` (and so by CI). The layers and why they
 * point one way: docs/architecture.md. A rule that cannot hold yet is not switched off silently: it is
 * listed there with the number of violations left.
 *
 *   domain ← db ← services ← commands/actions ← platforms (slack, teams, cli, http, scheduler) ← main
 *   views (the Message model and its pure renderers) depend on domain and i18n only.
 */

/** The shared kernel: pure code every layer may use. */
const KERNEL = "^src/(domain|i18n)/|^src/(app-error|clock|logger|package-root)\\.ts$";
const DB = "^src/db/";
const SERVICES = "^src/services/";
const VIEWS = "^src/views/";
const IMPORT = "^src/import/";
const CONFIG = "^src/config/";
const COMMANDS_ACTIONS = "^commands/|^src/actions/";
const PLATFORMS = "^src/(slack|teams|cli|http|scheduler)/";
const MAIN = "^src/main\\.ts$";
const DEV = "^src/dev/";
const DRIVERS =
  "(^|/)node_modules/(pg|pg-copy-streams|@electric-sql/pglite|@prisma/client|@prisma/adapter-pg|pglite-prisma-adapter)/|^src/generated/prisma/";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "A cycle means two modules are one; split the shared part out (docs/architecture.md).",
      from: {},
      to: { circular: true },
    },
    {
      name: "db-driver-only-in-src-db",
      severity: "error",
      comment:
        "Only src/db talks to the database: the pg driver, PGlite, Prisma Client and its generated code are imported there and nowhere else.",
      from: { path: "^(src|commands)/", pathNot: DB },
      to: { path: DRIVERS },
    },
    {
      name: "production-never-imports-dev",
      severity: "error",
      comment:
        "src/dev holds the Slack simulator, the demo backends and build helpers. Production code never imports it; the only door is `klantpuls demo`: the CLI's command table (src/cli/commands/index.ts) loads src/dev/demo.ts with a dynamic import.",
      from: { path: "^(src|commands)/", pathNot: `${DEV}|^src/cli/commands/index\\.ts$` },
      to: { path: DEV },
    },
    {
      name: "demo-loads-dev-lazily",
      severity: "error",
      comment: "`klantpuls demo` may reach src/dev only through a dynamic import, so `serve` never loads it.",
      from: { path: "^src/cli/commands/index\\.ts$" },
      to: { path: DEV, dynamic: false },
    },
    {
      name: "kernel-is-pure",
      severity: "error",
      comment: "domain, i18n and the small shared modules depend on nothing above them.",
      from: { path: KERNEL },
      to: { path: "^(src|commands)/", pathNot: KERNEL },
    },
    {
      name: "import-readers-below-services",
      severity: "error",
      comment:
        "src/import reads and checks files (rows, columns, kinds); it knows no service, view or database.",
      from: { path: IMPORT },
      to: { path: "^(src|commands)/", pathNot: `${KERNEL}|${IMPORT}` },
    },
    {
      name: "config-below-everything",
      severity: "error",
      comment:
        "src/config reads the environment once; every layer may read its types, it reads none of them.",
      from: { path: CONFIG },
      to: { path: "^(src|commands)/", pathNot: `${KERNEL}|${CONFIG}` },
    },
    {
      name: "views-depend-on-domain-only",
      severity: "error",
      comment: "views are the Message model and pure renderers: domain and i18n in, a Message out.",
      from: { path: VIEWS },
      to: { path: "^(src|commands)/", pathNot: `${KERNEL}|${VIEWS}` },
    },
    {
      name: "db-below-services",
      severity: "error",
      comment: "src/db knows the domain (and the import kinds it stores), never a service, view or platform.",
      from: { path: DB },
      to: { path: "^(src|commands)/", pathNot: `${KERNEL}|${DB}|${IMPORT}|${CONFIG}|^src/generated/` },
    },
    {
      name: "services-below-commands",
      severity: "error",
      comment:
        "services orchestrate db and domain; they never reach up to commands, actions, platforms or main.",
      from: { path: SERVICES },
      to: { path: `${COMMANDS_ACTIONS}|${PLATFORMS}|${MAIN}` },
    },
    {
      name: "commands-actions-below-platforms",
      severity: "error",
      comment: "commands and actions are platform-neutral: no Slack, Teams, CLI, HTTP, scheduler or main.",
      from: { path: COMMANDS_ACTIONS },
      to: { path: `${PLATFORMS}|${MAIN}` },
    },
    {
      name: "actions-never-import-commands",
      severity: "error",
      comment:
        "actions and commands are siblings; what both need lives in services or views (views/chat.ts).",
      from: { path: "^src/actions/" },
      to: { path: "^commands/" },
    },
    {
      name: "platforms-are-siblings",
      severity: "error",
      comment:
        "A platform wires its transport to commands, actions and services; it does not reach into another platform.",
      from: { path: "^src/(slack|teams|http|scheduler)/" },
      to: { path: `^src/(slack|teams|cli|http|scheduler)/|${MAIN}`, pathNot: "^src/$1/" },
    },
    {
      name: "cli-starts-main-only",
      severity: "error",
      comment:
        "The CLI is the process entry: it may start the bot (src/main.ts) and run a scheduled job by hand, but not reach into Slack, Teams or HTTP.",
      from: { path: "^src/cli/" },
      to: { path: "^src/(slack|teams|http)/" },
    },
  ],
  options: {
    // Generated Prisma code is a target to check (only src/db may import it), not a source to cruise.
    doNotFollow: { path: "node_modules|^src/generated/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default"],
    },
  },
};
