#!/usr/bin/env node
/**
 * "Only src/db talks to the database": fails when a file outside src/db runs SQL (a `sql.query`,
 * `tx.exec`, or an SQL statement in a string). A dependency check cannot see this, because the SQL
 * session is handed around in the ServiceContext rather than imported. Part of `npm run lint`.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

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
for (const file of [...sources("src"), ...sources("commands")]) {
  const lines = readFileSync(path.join(root, file), "utf8").split("\n");
  const line = lines.findIndex((text) => SQL.test(text));
  if (line >= 0) {
    problems.push(`${file}:${line + 1}: SQL outside src/db; put it in a repository in src/db/queries`);
  }
}
if (problems.length > 0) {
  console.error(problems.join("\n"));
  process.exit(1);
}
console.log("SQL outside src/db: none.");
