import { createHash } from "node:crypto";
import { z } from "zod";
import { fastValidator } from "./fast-row-validator.ts";
import type { ImportKind } from "./kinds.ts";
import {
  amountOf,
  dateOf,
  emailOf,
  oneOf,
  optional,
  type RawRow,
  type RowProblem,
  reportProblems,
  required,
  textOf,
  wholeIn,
} from "./row-fields.ts";
import { customerStatuses, engagementWords, roles, severities } from "./row-words.ts";

/**
 * One zod schema per kind turns a raw row (canonical column → cell text, or a JSON value from the
 * ingestion API) into a typed row. Empty cells count as absent. Every message names what is wrong
 * with the value in words a person editing the export understands. The field schemas: row-fields.ts;
 * the words each choice accepts: row-words.ts.
 */
// Kept here for src/services/import-source.ts, which imports them from this module.

const externalId = required(textOf(200));

/**
 * NPS answers have no id in most exports. Their key is the customer, the date and a hash of the
 * comment, so re-importing the same answer updates it, and two different answers on one day stay two.
 */
export function npsSourceKey(customerExternalId: string, answeredOn: string, comment: string): string {
  const commentHash = createHash("sha256").update(comment.trim()).digest("hex").slice(0, 16);
  return `import:${customerExternalId}:${answeredOn}:${commentHash}`;
}

const customerShape = {
  external_id: externalId,
  name: required(textOf(300)),
  segment: optional(textOf(100)),
  owner_email: optional(emailOf),
  customer_since: optional(dateOf),
  churned_at: optional(dateOf),
  status: optional(oneOf(customerStatuses, "active, churned (actief, opgezegd)")),
};
function customerProblems(row: {
  status: string | null;
  churned_at: string | null;
  customer_since: string | null;
}): RowProblem[] {
  const problems: RowProblem[] = [];
  if (row.status === "ACTIVE" && row.churned_at) {
    problems.push({ column: "churned_at", message: "is set while status is active", input: row.churned_at });
  }
  if (row.churned_at && row.customer_since && row.churned_at < row.customer_since) {
    problems.push({ column: "churned_at", message: "is before customer_since", input: row.churned_at });
  }
  return problems;
}
const customers = z.object(customerShape).check((ctx) => reportProblems(ctx, customerProblems(ctx.value)));

const invoiceShape = {
  external_id: externalId,
  customer_external_id: externalId,
  issued_on: required(dateOf),
  due_on: required(dateOf),
  paid_on: optional(dateOf),
  amount: required(amountOf),
};
function invoiceProblems(row: { issued_on: string; due_on: string }): RowProblem[] {
  return row.due_on < row.issued_on
    ? [{ column: "due_on", message: "is before issued_on", input: row.due_on }]
    : [];
}
const invoices = z.object(invoiceShape).check((ctx) => reportProblems(ctx, invoiceProblems(ctx.value)));

const orderShape = {
  external_id: externalId,
  customer_external_id: externalId,
  ordered_on: required(dateOf),
  amount: required(amountOf),
  quantity: optional(wholeIn(-1_000_000_000, 1_000_000_000)),
};
const orders = z.object(orderShape);

const complaintShape = {
  external_id: externalId,
  customer_external_id: externalId,
  opened_on: required(dateOf),
  resolved_on: optional(dateOf),
  severity: optional(oneOf(severities, "1–3 (laag, middel, hoog)")),
  summary: optional(textOf(2000)),
};
function complaintProblems(row: { opened_on: string; resolved_on: string | null }): RowProblem[] {
  return row.resolved_on && row.resolved_on < row.opened_on
    ? [{ column: "resolved_on", message: "is before opened_on", input: row.resolved_on }]
    : [];
}
const complaints = z.object(complaintShape).check((ctx) => reportProblems(ctx, complaintProblems(ctx.value)));

const engagementShape = {
  customer_external_id: externalId,
  occurred_on: required(dateOf),
  kind: required(
    oneOf(engagementWords, "web_visit, newsletter_open, newsletter_click, meeting, call, email"),
  ),
  count: optional(wholeIn(0, 1_000_000)),
};
const engagement = z.object(engagementShape);

const npsShape = {
  customer_external_id: externalId,
  answered_on: required(dateOf),
  score: required(wholeIn(0, 10)),
  comment: optional(textOf(2000)),
};
function withSourceKey(row: {
  customer_external_id: string;
  answered_on: string;
  score: number;
  comment: string | null;
}) {
  return {
    ...row,
    comment: row.comment ?? "",
    source_key: npsSourceKey(row.customer_external_id, row.answered_on, row.comment ?? ""),
  };
}
const nps = z.object(npsShape).transform(withSourceKey);

const userShape = {
  email: required(emailOf),
  name: required(textOf(200)),
  role: optional(oneOf(roles, "admin, manager, member (beheerder, medewerker)")),
  slack_user_id: optional(textOf(50)),
  teams_user_id: optional(textOf(100)),
};
const users = z.object(userShape);

export const rowSchemas = { customers, invoices, orders, complaints, engagement, nps, users } as const;

export type RowOf<K extends ImportKind> = z.output<(typeof rowSchemas)[K]>;
export type AnyRow = { [K in ImportKind]: RowOf<K> }[ImportKind];

export interface RowIssue {
  column: string | undefined;
  value: string | undefined;
  reason: string;
}

export type RowResult<K extends ImportKind> = { ok: true; row: RowOf<K> } | { ok: false; issues: RowIssue[] };

const fastValidators: Record<ImportKind, (raw: RawRow) => unknown> = {
  customers: fastValidator(customerShape, customerProblems),
  invoices: fastValidator(invoiceShape, invoiceProblems),
  orders: fastValidator(orderShape),
  complaints: fastValidator(complaintShape, complaintProblems),
  engagement: fastValidator(engagementShape),
  nps: fastValidator(npsShape, undefined, withSourceKey),
  users: fastValidator(userShape),
};

export function validateRow<K extends ImportKind>(
  kind: K,
  raw: RawRow,
  options: { zodOnly?: boolean } = {},
): RowResult<K> {
  if (!options.zodOnly) {
    const row = fastValidators[kind](raw);
    if (row !== undefined) return { ok: true, row: row as RowOf<K> };
  }
  const result = (rowSchemas[kind] as z.ZodType).safeParse(raw);
  if (result.success) return { ok: true, row: result.data as RowOf<K> };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => {
      const column = issue.path[0] === undefined ? undefined : String(issue.path[0]);
      const value = column === undefined ? undefined : raw[column];
      return {
        column,
        value: value === undefined || value === null ? undefined : clip(String(value)),
        reason: issue.message,
      };
    }),
  };
}

function clip(raw: string): string {
  // A NUL cannot be stored in the run's report (jsonb) either: show it as the symbol for NUL.
  const text = raw.replaceAll("\u0000", "␀");
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
