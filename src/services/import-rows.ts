import { kindPlans } from "../db/queries/import-plans.ts";
import { normalizeSearchName } from "../domain/search-name.ts";
import type { ImportKind } from "../import/kinds.ts";
import type { RowOf } from "../import/row-schemas.ts";

/** A staged value: text, a whole number, an ISO date (as text) or null. */
export type StageValue = string | number | null;

type Getters<K extends ImportKind> = Partial<Record<string, (row: RowOf<K>) => StageValue>>;

/**
 * The stage columns whose value is not simply the validated row's field of the same name. Every
 * other stage column (see db/queries/import-plans.ts) takes that field as it is.
 */
const derived: { [K in ImportKind]: Getters<K> } = {
  customers: { search_name: (row) => normalizeSearchName(row.name) },
  invoices: { amount_cents: (row) => row.amount },
  orders: { amount_cents: (row) => row.amount },
  complaints: {},
  engagement: {},
  nps: {},
  users: {},
};

/** Writes a validated row's values into `out` from `offset` on, in the order of the kind's stage columns. */
export type StageRowWriter<K extends ImportKind> = (row: RowOf<K>, out: StageValue[], offset: number) => void;

export function stageRowWriter<K extends ImportKind>(kind: K): StageRowWriter<K> {
  const getters = kindPlans[kind].stage.map((column) => {
    const get = (derived[kind] as Getters<K>)[column.name];
    if (get) return get;
    const name = column.name;
    return (row: RowOf<K>) => ((row as Record<string, StageValue>)[name] ?? null) as StageValue;
  });
  return (row, out, offset) => {
    for (let i = 0; i < getters.length; i += 1) out[offset + i] = getters[i]!(row);
  };
}
