import type { SqlSession } from "../sql-session.ts";

export interface CustomerSummary {
  id: number;
  externalId: string;
  name: string;
  segment: string;
  status: "ACTIVE" | "CHURNED";
  customerSince: string;
  churnedAt: string | null;
  owner: {
    id: number;
    name: string;
    email: string;
    slackUserId: string | null;
    teamsUserId: string | null;
  } | null;
}

const CUSTOMER_COLUMNS = `
  c.id, c.external_id, c.name, c.segment, c.status::text AS status,
  c.customer_since::text AS customer_since, c.churned_at::text AS churned_at,
  u.id AS owner_id, u.name AS owner_name, u.email AS owner_email,
  u.slack_user_id AS owner_slack_user_id, u.teams_user_id AS owner_teams_user_id`;

const CUSTOMER_FROM = "FROM customers c LEFT JOIN users u ON u.id = c.owner_id";

interface CustomerRow {
  id: number;
  external_id: string;
  name: string;
  segment: string;
  status: "ACTIVE" | "CHURNED";
  customer_since: string;
  churned_at: string | null;
  owner_id: number | null;
  owner_name: string | null;
  owner_email: string | null;
  owner_slack_user_id: string | null;
  owner_teams_user_id: string | null;
  similarity?: number;
}

function toSummary(row: CustomerRow): CustomerSummary {
  return {
    id: Number(row.id),
    externalId: row.external_id,
    name: row.name,
    segment: row.segment,
    status: row.status,
    customerSince: row.customer_since,
    churnedAt: row.churned_at,
    owner:
      row.owner_id === null
        ? null
        : {
            id: Number(row.owner_id),
            name: row.owner_name ?? "",
            email: row.owner_email ?? "",
            slackUserId: row.owner_slack_user_id,
            teamsUserId: row.owner_teams_user_id,
          },
  };
}

export async function getCustomerById(sql: SqlSession, id: number): Promise<CustomerSummary | null> {
  const rows = await sql.query<CustomerRow>(`SELECT ${CUSTOMER_COLUMNS} ${CUSTOMER_FROM} WHERE c.id = $1`, [
    id,
  ]);
  return rows[0] ? toSummary(rows[0]) : null;
}

export async function findByExternalId(sql: SqlSession, externalId: string): Promise<CustomerSummary | null> {
  const rows = await sql.query<CustomerRow>(
    `SELECT ${CUSTOMER_COLUMNS} ${CUSTOMER_FROM} WHERE lower(c.external_id) = lower($1)`,
    [externalId],
  );
  return rows[0] ? toSummary(rows[0]) : null;
}

export async function findByExactName(sql: SqlSession, searchName: string): Promise<CustomerSummary[]> {
  const rows = await sql.query<CustomerRow>(
    `SELECT ${CUSTOMER_COLUMNS} ${CUSTOMER_FROM} WHERE c.search_name = $1 ORDER BY c.status, c.name LIMIT 10`,
    [searchName],
  );
  return rows.map(toSummary);
}

/** Names that start with the query, or have a word that does; active customers first; with how many match. */
export async function findByPrefix(
  sql: SqlSession,
  searchName: string,
  limit: number,
): Promise<{ customers: CustomerSummary[]; total: number }> {
  const pattern = escapeLike(searchName);
  const rows = await sql.query<CustomerRow & { total: number }>(
    `SELECT ${CUSTOMER_COLUMNS}, count(*) OVER ()::int AS total ${CUSTOMER_FROM}
     WHERE c.search_name LIKE $1 || '%' OR c.search_name LIKE '% ' || $1 || '%'
     ORDER BY (c.search_name LIKE $1 || '%') DESC, c.status, length(c.name), c.name
     LIMIT $2`,
    [pattern, limit],
  );
  return { customers: rows.map(toSummary), total: Number(rows[0]?.total ?? 0) };
}

export interface FuzzyMatch {
  customer: CustomerSummary;
  similarity: number;
}

/**
 * Trigram similarity (pg_trgm), best first. Ranked by the mean of whole-name and word similarity:
 * word similarity alone rates every "… Logistiek" equal for "van dyk logistiek".
 */
export async function findBySimilarity(
  sql: SqlSession,
  searchName: string,
  limit: number,
  threshold: number,
): Promise<FuzzyMatch[]> {
  const rows = await sql.query<CustomerRow>(
    `SELECT ${CUSTOMER_COLUMNS},
       ((similarity(c.search_name, $1) + word_similarity($1, c.search_name)) / 2)::float8 AS similarity
     ${CUSTOMER_FROM}
     WHERE GREATEST(similarity(c.search_name, $1), word_similarity($1, c.search_name)) >= $3
     ORDER BY similarity DESC, c.status, c.name
     LIMIT $2`,
    [searchName, limit, threshold],
  );
  return rows.map((row) => ({ customer: toSummary(row), similarity: Number(row.similarity) }));
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** The segments customers have, as spelled in the data (none empty), sorted. */
export async function listCustomerSegments(sql: SqlSession): Promise<string[]> {
  const rows = await sql.query<{ segment: string }>(
    "SELECT DISTINCT segment FROM customers WHERE segment <> '' ORDER BY segment",
  );
  return rows.map((row) => row.segment);
}
