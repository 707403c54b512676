#!/usr/bin/env node
/**
 * "Only src/db talks to the database": fails when a file outside src/db runs SQL (a `sql.query`,
 * `tx.exec`, or an SQL statement in a string). A dependency check cannot see this, because the SQL
 * session is handed around in the ServiceContext rather than imported. Part of `npm run lint`.
 *
 * The files below still hold SQL that has to move into a repository in src/db
 * (docs/architecture.md, "The data layer"). The list only shrinks: a file on it that no longer runs
 * SQL fails the check too, so it is taken off when its SQL moves.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const STILL_TO_MOVE = new Set([
  "src/services/alerts/act-on-alerts.ts",
  "src/services/alerts/alert-cards.ts",
  "src/services/alerts/escalate-alerts.ts",
  "src/services/alerts/evaluate-alerts.ts",
  "src/services/alerts/push-alert-messages.ts",
  "src/services/alerts/refresh-alert-messages.ts",
  "src/services/alerts/reopen-snoozed-alerts.ts",
]);

const SQL =
  /\b(SELECT|INSERT INTO|DELETE FROM|UPDATE [a-z_"]+|ON CONFLICT|FOR UPDATE)\b|\b(sql|tx)\.(query|exec)\b/;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function* sources(dir) {
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const file = `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (file !== "src/db" && file !== "src/generated") yield* sources(file);
    } else if (file.endsWith(".ts")) yield file;
  }
}

const problems = [];
const runningSql = new Set();
for (const file of [...sources("src"), ...sources("commands")]) {
  const lines = readFileSync(path.join(root, file), "utf8").split("\n");
  const line = lines.findIndex((text) => SQL.test(text));
  if (line < 0) continue;
  runningSql.add(file);
  if (!STILL_TO_MOVE.has(file)) {
    problems.push(`${file}:${line + 1}: SQL outside src/db; put it in a repository in src/db/queries`);
  }
}
for (const file of STILL_TO_MOVE) {
  if (!runningSql.has(file)) {
    problems.push(
      `${file}: runs no SQL any more; take it off STILL_TO_MOVE in scripts/check-sql-outside-db.js`,
    );
  }
}
if (problems.length > 0) {
  console.error(problems.join("\n"));
  process.exit(1);
}
console.log(`SQL outside src/db: ${runningSql.size} file(s) still to move (docs/architecture.md).`);
