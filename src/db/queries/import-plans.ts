import type { ImportKind } from "../../import/kinds.ts";

/**
 * How each import kind is staged and merged, in SQL. Rows are first copied into a temporary staging
 * table (`import_stage`, see import-stage.ts), then checked against the database (unknown customers
 * or users, duplicates within the file; import-checks.ts) and merged into the real table with one
 * set-based statement that only touches rows whose values changed (import-merge.ts). Which value of a
 * validated row goes into which stage column is the import service's business (services/import-rows.ts).
 */
export type StageType = "text" | "date" | "int";

export interface StageColumn {
  name: string;
  type: StageType;
}

export interface ReferenceCheck {
  /** Stage column reported as the bad one. */
  column: string;
  /** Condition on stage row `s` that makes it bad. */
  badWhen: string;
  reason(value: string): string;
}

export interface KindPlan {
  stage: StageColumn[];
  /** Stage columns that identify a row; two rows in one file with the same key are a mistake. */
  keys: string[][];
  references: ReferenceCheck[];
  /**
   * One statement: upsert from `import_stage` and return `inserted`, `updated` (changed rows only)
   * and `customer_ids` (the customers whose data changed, to rescore). `$1` is today's date.
   */
  merge: string;
}

const knownCustomer: ReferenceCheck = {
  column: "customer_external_id",
  badWhen: "NOT EXISTS (SELECT 1 FROM customers c WHERE c.external_id = s.customer_external_id)",
  reason: (value) => `unknown customer "${value}" (import it with the customers kind first)`,
};

const countsOf = (idColumn: string | null) => `
SELECT count(*) FILTER (WHERE inserted)::int AS inserted,
       count(*) FILTER (WHERE NOT inserted)::int AS updated,
       ${idColumn ? `COALESCE(array_agg(DISTINCT ${idColumn}), '{}'::int[])` : "'{}'::int[]"} AS customer_ids
FROM merged`;

/**
 * Merge for a table of facts that each belong to one customer, keyed by `key` (unique in the table).
 * Not one `INSERT … ON CONFLICT DO UPDATE`: that tries to insert every row first and locks (writes)
 * every existing row it meets, even when nothing changed, which made a re-import as slow as the first
 * import. Instead the stage is matched with the table ONCE (`src`, materialized: one join of the file
 * with the table, read twice), then one statement updates only the rows whose values differ and plainly
 * inserts the rows whose key is new; an unchanged row is only read. Both parts read the same snapshot,
 * taken after the import's advisory lock, so no other import of this kind can add a key in between. A
 * row that moves to another customer reports both customers: the one it left needs rescoring as much
 * as the one it joined.
 */
function customerFactMerge(
  table: string,
  key: string,
  columns: Array<{ name: string; value: string }>,
): string {
  const names = columns.map((c) => c.name);
  return `
WITH src AS MATERIALIZED (
  SELECT s.${key}, c.id AS customer_id, ${columns.map((c) => `${c.value} AS ${c.name}`).join(", ")},
         o.id AS old_id, o.customer_id AS old_customer_id,
         (o.customer_id, ${names.map((n) => `o.${n}`).join(", ")})
           IS DISTINCT FROM (c.id, ${columns.map((c) => c.value).join(", ")}) AS differs
  FROM import_stage s JOIN customers c ON c.external_id = s.customer_external_id
  LEFT JOIN ${table} o ON o.${key} = s.${key}
), updated AS (
  UPDATE ${table} t SET customer_id = ch.customer_id, ${names.map((n) => `${n} = ch.${n}`).join(", ")}
  FROM src ch WHERE ch.old_id IS NOT NULL AND ch.differs AND t.id = ch.old_id
  RETURNING ch.old_customer_id, t.customer_id
), inserted AS (
  INSERT INTO ${table} (${key}, customer_id, ${names.join(", ")})
  SELECT ${key}, customer_id, ${names.join(", ")} FROM src WHERE old_id IS NULL
  -- In customer order: the foreign-key checks and the (customer_id, …) index then walk in order.
  ORDER BY customer_id
  RETURNING customer_id
)
SELECT (SELECT count(*) FROM inserted)::int AS inserted,
       (SELECT count(*) FROM updated)::int AS updated,
       ARRAY(SELECT customer_id FROM inserted
             UNION SELECT customer_id FROM updated
             UNION SELECT old_customer_id FROM updated) AS customer_ids`;
}

const customers: KindPlan = {
  stage: [
    { name: "external_id", type: "text" },
    { name: "name", type: "text" },
    { name: "search_name", type: "text" },
    { name: "segment", type: "text" },
    { name: "owner_email", type: "text" },
    { name: "customer_since", type: "date" },
    { name: "churned_at", type: "date" },
    { name: "status", type: "text" },
  ],
  keys: [["external_id"]],
  references: [
    {
      column: "owner_email",
      badWhen:
        "s.owner_email IS NOT NULL AND NOT EXISTS (SELECT 1 FROM users u WHERE u.email = s.owner_email)",
      reason: (value) => `unknown user "${value}" (import it with the users kind first)`,
    },
  ],
  // Optional columns left empty keep what the customer already has (or the default for a new one):
  // an export without segments must not wipe segments set earlier.
  merge: `
WITH src AS (
  SELECT s.external_id, s.name, s.search_name,
         COALESCE(s.segment, e.segment, '') AS segment,
         CASE WHEN s.owner_email IS NULL THEN e.owner_id ELSE u.id END AS owner_id,
         COALESCE(s.status, CASE WHEN s.churned_at IS NOT NULL THEN 'CHURNED' END, e.status::text, 'ACTIVE') AS status,
         COALESCE(s.customer_since, e.customer_since, $1::date) AS customer_since,
         COALESCE(s.churned_at, e.churned_at) AS churned_at
  FROM import_stage s
  LEFT JOIN customers e ON e.external_id = s.external_id
  LEFT JOIN users u ON u.email = s.owner_email
), merged AS (
  INSERT INTO customers AS t (external_id, name, search_name, segment, owner_id, status, customer_since, churned_at)
  SELECT external_id, name, search_name, segment, owner_id, status::"CustomerStatus", customer_since,
         CASE WHEN status = 'ACTIVE' THEN NULL ELSE COALESCE(churned_at, GREATEST($1::date, customer_since)) END
  FROM src
  ON CONFLICT (external_id) DO UPDATE
    SET name = EXCLUDED.name, search_name = EXCLUDED.search_name, segment = EXCLUDED.segment,
        owner_id = EXCLUDED.owner_id, status = EXCLUDED.status, customer_since = EXCLUDED.customer_since,
        churned_at = EXCLUDED.churned_at, updated_at = now()
    WHERE (t.name, t.search_name, t.segment, t.owner_id, t.status, t.customer_since, t.churned_at)
      IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.search_name, EXCLUDED.segment, EXCLUDED.owner_id,
                        EXCLUDED.status, EXCLUDED.customer_since, EXCLUDED.churned_at)
  RETURNING t.id, (t.xmax::text = '0') AS inserted
)${countsOf("id")}`,
};

const invoices: KindPlan = {
  stage: [
    { name: "external_id", type: "text" },
    { name: "customer_external_id", type: "text" },
    { name: "issued_on", type: "date" },
    { name: "due_on", type: "date" },
    { name: "paid_on", type: "date" },
    { name: "amount_cents", type: "int" },
  ],
  keys: [["external_id"]],
  references: [knownCustomer],
  merge: customerFactMerge("invoices", "external_id", [
    { name: "issued_on", value: "s.issued_on" },
    { name: "due_on", value: "s.due_on" },
    { name: "paid_on", value: "s.paid_on" },
    { name: "amount_cents", value: "s.amount_cents" },
  ]),
};

const orders: KindPlan = {
  stage: [
    { name: "external_id", type: "text" },
    { name: "customer_external_id", type: "text" },
    { name: "ordered_on", type: "date" },
    { name: "amount_cents", type: "int" },
    { name: "quantity", type: "int" },
  ],
  keys: [["external_id"]],
  references: [knownCustomer],
  merge: customerFactMerge("orders", "external_id", [
    { name: "ordered_on", value: "s.ordered_on" },
    { name: "amount_cents", value: "s.amount_cents" },
    { name: "quantity", value: "COALESCE(s.quantity, 1)" },
  ]),
};

const complaints: KindPlan = {
  stage: [
    { name: "external_id", type: "text" },
    { name: "customer_external_id", type: "text" },
    { name: "opened_on", type: "date" },
    { name: "resolved_on", type: "date" },
    { name: "severity", type: "int" },
    { name: "summary", type: "text" },
  ],
  keys: [["external_id"]],
  references: [knownCustomer],
  merge: customerFactMerge("complaints", "external_id", [
    { name: "opened_on", value: "s.opened_on" },
    { name: "resolved_on", value: "s.resolved_on" },
    { name: "severity", value: "COALESCE(s.severity, 2)" },
    { name: "summary", value: "COALESCE(s.summary, '')" },
  ]),
};

const engagement: KindPlan = {
  stage: [
    { name: "customer_external_id", type: "text" },
    { name: "occurred_on", type: "date" },
    { name: "kind", type: "text" },
    { name: "count", type: "int" },
  ],
  keys: [["customer_external_id", "occurred_on", "kind"]],
  references: [knownCustomer],
  // Keyed by customer, day and kind: a row cannot move to another customer, only its count changes.
  merge: `
WITH updated AS (
  UPDATE engagement_events t SET count = COALESCE(s.count, 1)
  FROM import_stage s JOIN customers c ON c.external_id = s.customer_external_id
  WHERE t.customer_id = c.id AND t.occurred_on = s.occurred_on AND t.kind = s.kind::"EngagementKind"
    AND t.count IS DISTINCT FROM COALESCE(s.count, 1)
  RETURNING t.customer_id
), inserted AS (
  INSERT INTO engagement_events (customer_id, occurred_on, kind, count)
  SELECT c.id, s.occurred_on, s.kind::"EngagementKind", COALESCE(s.count, 1)
  FROM import_stage s JOIN customers c ON c.external_id = s.customer_external_id
  WHERE NOT EXISTS (SELECT 1 FROM engagement_events o
                    WHERE o.customer_id = c.id AND o.occurred_on = s.occurred_on AND o.kind = s.kind::"EngagementKind")
  ORDER BY c.id
  RETURNING customer_id
)
SELECT (SELECT count(*) FROM inserted)::int AS inserted,
       (SELECT count(*) FROM updated)::int AS updated,
       ARRAY(SELECT customer_id FROM inserted UNION SELECT customer_id FROM updated) AS customer_ids`,
};

const nps: KindPlan = {
  stage: [
    { name: "source_key", type: "text" },
    { name: "customer_external_id", type: "text" },
    { name: "answered_on", type: "date" },
    { name: "score", type: "int" },
    { name: "comment", type: "text" },
  ],
  keys: [["source_key"]],
  references: [knownCustomer],
  merge: customerFactMerge("nps_responses", "source_key", [
    { name: "answered_on", value: "s.answered_on" },
    { name: "score", value: "s.score" },
    { name: "comment", value: "s.comment" },
  ]),
};

const takenBy = (column: string): ReferenceCheck => ({
  column,
  badWhen: `s.${column} IS NOT NULL AND EXISTS (SELECT 1 FROM users u WHERE u.${column} = s.${column} AND u.email <> s.email)`,
  reason: (value) => `"${value}" already belongs to another user`,
});

const users: KindPlan = {
  stage: [
    { name: "email", type: "text" },
    { name: "name", type: "text" },
    { name: "role", type: "text" },
    { name: "slack_user_id", type: "text" },
    { name: "teams_user_id", type: "text" },
  ],
  keys: [["email"], ["slack_user_id"], ["teams_user_id"]],
  references: [takenBy("slack_user_id"), takenBy("teams_user_id")],
  // Chat ids and roles may have been set in Slack/Teams since the last export: empty keeps them.
  merge: `
WITH merged AS (
  INSERT INTO users AS t (email, name, role, slack_user_id, teams_user_id)
  SELECT s.email, s.name, COALESCE(s.role, e.role::text, 'MEMBER')::"Role",
         COALESCE(s.slack_user_id, e.slack_user_id), COALESCE(s.teams_user_id, e.teams_user_id)
  FROM import_stage s LEFT JOIN users e ON e.email = s.email
  ON CONFLICT (email) DO UPDATE
    SET name = EXCLUDED.name, role = EXCLUDED.role, slack_user_id = EXCLUDED.slack_user_id,
        teams_user_id = EXCLUDED.teams_user_id, updated_at = now()
    WHERE (t.name, t.role, t.slack_user_id, t.teams_user_id)
      IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.role, EXCLUDED.slack_user_id, EXCLUDED.teams_user_id)
  RETURNING (t.xmax::text = '0') AS inserted
)${countsOf(null)}`,
};

export const kindPlans: Record<ImportKind, KindPlan> = {
  customers,
  invoices,
  orders,
  complaints,
  engagement,
  nps,
  users,
};
