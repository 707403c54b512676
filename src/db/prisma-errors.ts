/**
 * Prisma's unique violation (P2002) on one column. On both driver adapters (pglite-prisma-adapter,
 * @prisma/adapter-pg) the error has no `meta.target`; the constraint is in `meta.driverAdapterError`:
 * `{ fields: ["name"] }` from PGlite, `{ index: "api_tokens_name_key" }` from adapter-pg. Duck-typed,
 * so a repository need not load the generated client to recognise it.
 */
export function isUniqueViolation(error: unknown, table: string, column: string): boolean {
  const e = error as {
    code?: unknown;
    meta?: {
      target?: unknown;
      driverAdapterError?: {
        cause?: { constraint?: { fields?: unknown; index?: unknown }; originalMessage?: unknown };
      };
    };
  };
  if (e?.code !== "P2002") return false;
  const index = `${table}_${column}_key`;
  const target = e.meta?.target;
  if (Array.isArray(target) && target.includes(column)) return true;
  if (target === index) return true;
  const cause = e.meta?.driverAdapterError?.cause;
  const fields = cause?.constraint?.fields;
  if (Array.isArray(fields)) return fields.length === 1 && fields[0] === column;
  if (cause?.constraint?.index !== undefined) return cause.constraint.index === index;
  return typeof cause?.originalMessage === "string" && cause.originalMessage.includes(`"${index}"`);
}
