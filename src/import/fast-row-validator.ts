import type { z } from "zod";
import { fieldParsers, type RawRow, type RowProblem } from "./row-fields.ts";

/**
 * The same rules without zod, for the rows that pass: every field's own parse function, then the
 * rules between columns, then the same finishing step. zod costs several microseconds a row, which
 * is most of the validation time of a million-row file. Any row the fast path does not accept goes
 * through zod, so the issues (and their messages) come from one place; a row it accepts is exactly
 * what zod returns for it (the tests compare both on every kind).
 */
export function fastValidator(
  shape: Record<string, z.ZodType>,
  problems?: (row: never) => RowProblem[],
  finish?: (row: never) => unknown,
): (raw: RawRow) => unknown {
  const fields = Object.entries(shape).map(([name, schema]) => {
    const parse = fieldParsers.get(schema);
    if (!parse) throw new Error(`row schema field ${name} has no fast parser`);
    return [name, parse] as const;
  });
  return (raw) => {
    const row: Record<string, unknown> = {};
    for (const [name, parse] of fields) {
      const result = parse(raw[name]);
      if (!result.ok) return undefined;
      row[name] = result.value;
    }
    if (problems && problems(row as never).length > 0) return undefined;
    return finish ? finish(row as never) : row;
  };
}
