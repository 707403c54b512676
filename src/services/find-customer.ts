import {
  type CustomerSummary,
  findByExactName,
  findByExternalId,
  findByPrefix,
  findBySimilarity,
} from "../db/queries/customers.ts";
import type { SqlSession } from "../db/sql-session.ts";
import { normalizeSearchName } from "../domain/search-name.ts";

export type FindCustomerResult =
  | { kind: "found"; customer: CustomerSummary }
  /** `total`: how many match in all; at most 8 come back as candidates. */
  | { kind: "ambiguous"; candidates: CustomerSummary[]; total: number }
  | { kind: "none" };

const MAX_CANDIDATES = 8;
/** Candidates need this much whole-name or word similarity to be offered at all. */
const FUZZY_THRESHOLD = 0.25;
/** A fuzzy match is taken without asking only when it is good and clearly ahead of the next one. */
const FUZZY_ACCEPT = 0.45;
const FUZZY_LEAD = 0.12;

/**
 * Find the customer someone means by `query`: ERP id first, then the exact name (case- and
 * accent-insensitive), then a name or word prefix, then trigram similarity. Several close matches
 * come back as candidates to choose from instead of a guess.
 */
export async function findCustomer(options: { sql: SqlSession; query: string }): Promise<FindCustomerResult> {
  const { sql } = options;
  const query = options.query.trim();
  if (query === "") return { kind: "none" };

  const byId = await findByExternalId(sql, query);
  if (byId) return { kind: "found", customer: byId };

  const searchName = normalizeSearchName(query);
  if (searchName === "") return { kind: "none" };

  const exact = await findByExactName(sql, searchName);
  if (exact.length === 1 && exact[0]) return { kind: "found", customer: exact[0] };
  if (exact.length > 1) return { kind: "ambiguous", candidates: exact, total: exact.length };

  const prefixed = await findByPrefix(sql, searchName, MAX_CANDIDATES);
  if (prefixed.total === 1 && prefixed.customers[0])
    return { kind: "found", customer: prefixed.customers[0] };
  if (prefixed.total > 1) return { kind: "ambiguous", candidates: prefixed.customers, total: prefixed.total };

  const fuzzy = await findBySimilarity(sql, searchName, MAX_CANDIDATES, FUZZY_THRESHOLD);
  const [best, second] = fuzzy;
  if (!best) return { kind: "none" };
  if (best.similarity >= FUZZY_ACCEPT && (!second || best.similarity - second.similarity >= FUZZY_LEAD)) {
    return { kind: "found", customer: best.customer };
  }
  return { kind: "ambiguous", candidates: fuzzy.map((match) => match.customer), total: fuzzy.length };
}
