import { z } from "zod";
import { type ImportKind, kindColumns, normalizeHeader } from "./kinds.ts";
import type { Delimiter, TextEncodingName } from "./text-decoding.ts";

/**
 * A mapping file tells the importer what an unusual export calls its columns, and optionally its
 * delimiter and encoding when detection guesses wrong:
 *   { "columns": { "Debiteur": "customer_external_id", "Notities": null }, "delimiter": ";", "encoding": "windows-1252" }
 * A column mapped to null is ignored. A flat `{ "Debiteur": "customer_external_id" }` is accepted too.
 */
export const importMappingSchema = z
  .union([
    z.strictObject({
      columns: z.record(z.string(), z.string().nullable()).default({}),
      delimiter: z.enum([";", ",", "\t", "|", "tab"]).optional(),
      encoding: z.enum(["utf-8", "windows-1252", "utf-16le", "utf-16be"]).optional(),
    }),
    z.record(z.string(), z.string().nullable()).transform((columns) => ({ columns })),
  ])
  .transform((mapping) => ({
    columns: mapping.columns,
    delimiter: ("delimiter" in mapping && mapping.delimiter === "tab"
      ? "\t"
      : "delimiter" in mapping
        ? mapping.delimiter
        : undefined) as Delimiter | undefined,
    encoding: ("encoding" in mapping ? mapping.encoding : undefined) as TextEncodingName | undefined,
  }));

export type ImportMapping = z.output<typeof importMappingSchema>;

export interface ColumnResolution {
  /** Canonical column → its index in the source header. */
  indexes: Map<string, number>;
  /** Canonical column → the source header it was read from, for the report. */
  sources: Record<string, string>;
  /** Source headers that matched nothing and are not read. */
  ignored: string[];
  /** Problems that make the whole file unusable (a required column missing, one column twice). */
  problems: string[];
}

/**
 * Matches a file's header to the kind's canonical columns: the mapping file first, then the canonical
 * name, then the known aliases. Unknown headers are ignored (exports carry many columns we do not need).
 */
export function resolveColumns(
  kind: ImportKind,
  headers: string[],
  mapping?: ImportMapping,
): ColumnResolution {
  const specs = kindColumns[kind];
  const canonical = new Set(specs.map((spec) => spec.name));
  const problems: string[] = [];
  const mapped = new Map<string, string | null>();
  for (const [from, to] of Object.entries(mapping?.columns ?? {})) {
    if (to !== null && !canonical.has(to)) {
      problems.push(
        `mapping: "${from}" maps to "${to}", which is not a ${kind} column (${[...canonical].join(", ")})`,
      );
      continue;
    }
    mapped.set(normalizeHeader(from), to);
  }
  const byAlias = new Map<string, string>();
  for (const spec of specs) {
    for (const alias of spec.aliases) byAlias.set(normalizeHeader(alias), spec.name);
  }
  for (const spec of specs) byAlias.set(normalizeHeader(spec.name), spec.name);

  const indexes = new Map<string, number>();
  const sources: Record<string, string> = {};
  const ignored: string[] = [];
  headers.forEach((header, index) => {
    const key = normalizeHeader(header);
    if (key === "") return;
    const target = mapped.has(key) ? mapped.get(key) : byAlias.get(key);
    if (!target) {
      ignored.push(header);
      return;
    }
    const earlier = sources[target];
    if (earlier !== undefined) {
      // Two aliases of one column (e.g. "Datum" and "Factuurdatum"): the more specific, later one is
      // not guessed at; the mapping file can pick one.
      problems.push(
        `columns "${earlier}" and "${header}" both read as ${target}; map one of them to null in a mapping file`,
      );
      return;
    }
    indexes.set(target, index);
    sources[target] = header;
  });
  for (const spec of specs) {
    if (spec.required && !indexes.has(spec.name)) {
      const names = [spec.name, ...spec.aliases.slice(0, 3)].map((n) => `"${n}"`).join(", ");
      problems.push(`required column ${spec.name} is missing (looked for ${names}, …; or use --mapping)`);
    }
  }
  return { indexes, sources, ignored, problems };
}

/**
 * Name-by-name column lookup for sources without a header row (the rows of a JSON body): the
 * canonical column a key reads as, `null` for a key the mapping ignores, `undefined` for an unknown
 * key. Same rules as `resolveColumns` (mapping first, then canonical name, then aliases).
 */
export function columnLookup(
  kind: ImportKind,
  mapping?: ImportMapping,
): { lookup(key: string): string | null | undefined; problems: string[] } {
  const { problems } = resolveColumns(
    kind,
    kindColumns[kind].map((spec) => spec.name),
    mapping,
  );
  const mapped = new Map<string, string | null>();
  for (const [from, to] of Object.entries(mapping?.columns ?? {})) mapped.set(normalizeHeader(from), to);
  const byAlias = new Map<string, string>();
  for (const spec of kindColumns[kind]) {
    for (const alias of spec.aliases) byAlias.set(normalizeHeader(alias), spec.name);
    byAlias.set(normalizeHeader(spec.name), spec.name);
  }
  return {
    // Only the mapping's own problems: with every canonical name as the header nothing else fails.
    problems: problems.filter((problem) => problem.startsWith("mapping:")),
    lookup(key) {
      const normalized = normalizeHeader(key);
      if (normalized === "") return undefined;
      if (mapped.has(normalized)) return mapped.get(normalized);
      return byAlias.get(normalized);
    },
  };
}
