import type { ImportKind } from "../../import/kinds.ts";
import type { SqlSession } from "../sql-session.ts";
import { kindPlans } from "./import-plans.ts";

export interface MergeOutcome {
  inserted: number;
  updated: number;
  /** Rows left in the stage after the checks: inserted + updated + unchanged. */
  valid: number;
  /** Customers whose data changed, to rescore. */
  customerIds: number[];
}

/** Merges the checked stage into the kind's table; `today` (ISO) fills defaults such as customer_since. */
export async function mergeImportStage(
  tx: SqlSession,
  kind: ImportKind,
  today: string,
): Promise<MergeOutcome> {
  const plan = kindPlans[kind];
  const [valid] = await tx.query<{ n: number }>("SELECT count(*)::int AS n FROM import_stage");
  const [merged] = await tx.query<{ inserted: number; updated: number; customer_ids: number[] | null }>(
    plan.merge,
    plan.merge.includes("$1") ? [today] : [],
  );
  return {
    inserted: merged!.inserted,
    updated: merged!.updated,
    valid: valid!.n,
    customerIds: (merged!.customer_ids ?? []).map(Number),
  };
}

/** Work memory for this transaction only: the checks and the merge hash and sort the whole file. */
export async function raiseImportWorkMem(tx: SqlSession): Promise<void> {
  await tx.exec("SET LOCAL work_mem = '64MB'");
}
