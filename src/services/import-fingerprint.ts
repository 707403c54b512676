import { createHash, type Hash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { importsAtCurrentVersions } from "../db/queries/import-fingerprints.ts";
import type { StagedRole } from "../db/queries/user-import-changes.ts";
import type { SqlSession } from "../db/sql-session.ts";
import type { ImportMapping } from "../import/columns.ts";
import type { ImportKind } from "../import/kinds.ts";
import type { DateOrder } from "../import/reading-rules.ts";
import type { Delimiter, TextEncodingName } from "../import/text-decoding.ts";
import { packageRoot } from "../package-root.ts";
import type { ImportSource } from "./import-source.ts";

/**
 * The fingerprint of what an import reads: the bytes of the file and everything else that decides
 * which rows they become — the kind, the mapping, the date order, the role cap, and the code that
 * reads them. The same fingerprint is the same staged rows. (db/queries/import-fingerprints.ts says
 * when that is enough to skip the import.)
 *
 * Bump FORMAT when reading, validating or merging could turn the same bytes into other rows; the
 * package version is part of it too, so a release never trusts what an older one read.
 */
// 2: the file report keeps its columns as [field, header] pairs (1 kept an object, in jsonb key order).
const FORMAT = 2;

let packageVersion: string | undefined;
function version(): string {
  packageVersion ??= String(
    (JSON.parse(readFileSync(path.join(packageRoot(), "package.json"), "utf8")) as { version?: unknown })
      .version,
  );
  return packageVersion;
}

export interface FingerprintInputs {
  kind: ImportKind;
  mapping: ImportMapping | undefined;
  dateOrder: DateOrder | undefined;
  maxRole: StagedRole | undefined;
}

export function fingerprintHash(inputs: FingerprintInputs): Hash {
  const hash = createHash("sha256");
  const options = {
    format: FORMAT,
    version: version(),
    kind: inputs.kind,
    mapping: inputs.mapping ?? null,
    dateOrder: inputs.dateOrder ?? null,
    maxRole: inputs.maxRole ?? null,
  };
  // A length prefix: no file's bytes can be mistaken for the end of the options.
  const head = JSON.stringify(options);
  hash.update(`${head.length}:${head}`);
  return hash;
}

/** Reads a whole byte stream into the fingerprint. */
async function fingerprintOf(inputs: FingerprintInputs, bytes: AsyncIterable<Uint8Array>): Promise<string> {
  const hash = fingerprintHash(inputs);
  for await (const chunk of bytes) hash.update(chunk);
  return hash.digest("hex");
}

/** What a report said about the file, kept with a completed run, to report a repeat of it the same way. */
export interface FileReport {
  rowsRead: number;
  valid: number;
  encoding?: TextEncodingName;
  delimiter?: Delimiter;
  /** Field → header pairs in the file's order (a jsonb object would come back with its keys sorted). */
  columns: Array<[string, string]>;
  ignoredColumns: string[];
  creditLines?: number;
}

/** The completed run that read this fingerprint, if nothing it depends on was written since. */
export async function findRunAtCurrentVersions(
  sql: SqlSession,
  kind: ImportKind,
  fingerprint: string,
): Promise<{ runId: number; fileReport: unknown } | undefined> {
  return (await importsAtCurrentVersions(sql, kind)).find((run) => run.fingerprint === fingerprint);
}

/**
 * A CSV file that can be read twice, read once only to fingerprint it: the same fingerprint as a
 * completed run whose tables nobody wrote since is an import that would change nothing
 * (db/queries/import-fingerprints.ts). Asked first which runs still hold, so a new file is hashed
 * twice only when an import of the kind has been left as it was.
 */
export async function sameFileAsBefore(
  sql: SqlSession,
  source: ImportSource,
  inputs: FingerprintInputs,
): Promise<{ runId: number; fileReport: unknown } | undefined> {
  if (source.format !== "csv" || typeof source.bytes !== "function") return undefined;
  const candidates = await importsAtCurrentVersions(sql, inputs.kind);
  if (candidates.length === 0) return undefined;
  const fingerprint = await fingerprintOf(inputs, source.bytes());
  return candidates.find((run) => run.fingerprint === fingerprint);
}
