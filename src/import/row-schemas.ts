import { createHash } from "node:crypto";
import { z } from "zod";
import type { ImportKind } from "./kinds.ts";
import { parseAmountCents, parseDate, parseWholeNumber } from "./values.ts";

/**
 * One zod schema per kind turns a raw row (canonical column → cell text, or a JSON value from the
 * ingestion API) into a typed row. Empty cells count as absent. Every message names what is wrong
 * with the value in words a person editing the export understands.
 */
export type RawValue = string | number | boolean | null | undefined;
export type RawRow = Record<string, RawValue>;

function blank(value: RawValue): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}

function asText(value: RawValue): string {
  return typeof value === "string" ? value.trim() : String(value);
}

type FieldParse = (value: RawValue) => { ok: true; value: unknown } | { ok: false; reason: string };

/** The plain parse function behind each field schema, for the fast path of `validateRow`. */
const fieldParsers = new WeakMap<z.ZodType, FieldParse>();

function field<T>(parse: (value: RawValue) => { ok: true; value: T } | { ok: false; reason: string }) {
  const schema = z
    .unknown()
    .optional()
    .transform((value: unknown, ctx) => {
      const result = parse(value as RawValue);
      if (result.ok) return result.value;
      ctx.addIssue({ code: "custom", message: result.reason, input: value });
      return z.NEVER;
    });
  fieldParsers.set(schema, parse);
  return schema;
}

/** A rule between columns of one row (a date before another); `column` is the one reported. */
interface RowProblem {
  column: string;
  message: string;
  input: unknown;
}

function reportProblems(ctx: { issues: unknown[] }, problems: RowProblem[]): void {
  for (const problem of problems) {
    (ctx.issues as Array<Record<string, unknown>>).push({
      code: "custom",
      message: problem.message,
      path: [problem.column],
      input: problem.input,
    });
  }
}

const required = <T>(parse: (value: RawValue) => { ok: true; value: T } | { ok: false; reason: string }) =>
  field<T>((value) => (blank(value) ? { ok: false, reason: "is required" } : parse(value)));

const optional = <T>(parse: (value: RawValue) => { ok: true; value: T } | { ok: false; reason: string }) =>
  field<T | null>((value) => (blank(value) ? { ok: true, value: null } : parse(value)));

/** PostgreSQL text cannot hold a NUL character; in an export it is damage, so the row is refused. */
const nulReason = "contains a NUL character (byte 0); remove it from the export";

const textOf =
  (max: number) =>
  (value: RawValue): { ok: true; value: string } | { ok: false; reason: string } => {
    const text = asText(value).replace(/\s+/g, " ");
    if (text.includes("\u0000")) return { ok: false, reason: nulReason };
    return text.length > max
      ? { ok: false, reason: `is longer than ${max} characters` }
      : { ok: true, value: text };
  };

const dateOf = (value: RawValue) =>
  typeof value === "string" ? parseDate(value) : { ok: false as const, reason: "is not a date" };
const amountOf = (value: RawValue) =>
  typeof value === "string" || typeof value === "number"
    ? parseAmountCents(value)
    : { ok: false as const, reason: "is not an amount" };
const wholeIn =
  (min: number, max: number) =>
  (value: RawValue): { ok: true; value: number } | { ok: false; reason: string } => {
    if (typeof value !== "string" && typeof value !== "number")
      return { ok: false, reason: "is not a whole number" };
    const parsed = parseWholeNumber(value);
    if (!parsed.ok) return parsed;
    return parsed.value < min || parsed.value > max
      ? { ok: false, reason: `must be between ${min} and ${max}` }
      : parsed;
  };

/** Case-, accent- and punctuation-insensitive choice from a list of accepted words. */
const oneOf =
  <T extends string | number>(words: Record<string, T>, expected: string) =>
  (value: RawValue): { ok: true; value: T } | { ok: false; reason: string } => {
    const key = asText(value)
      .toLowerCase()
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .replace(/[^a-z0-9]/g, "");
    const found = words[key];
    return found !== undefined
      ? { ok: true, value: found }
      : { ok: false, reason: `is not one of ${expected}` };
  };

const externalId = required(textOf(200));
const emailOf = (value: RawValue): { ok: true; value: string } | { ok: false; reason: string } => {
  const text = asText(value).toLowerCase();
  if (text.includes("\u0000")) return { ok: false, reason: nulReason };
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text) && text.length <= 320
    ? { ok: true, value: text }
    : { ok: false, reason: "is not an e-mail address" };
};

const customerStatuses = {
  active: "ACTIVE",
  actief: "ACTIVE",
  klant: "ACTIVE",
  ja: "ACTIVE",
  churned: "CHURNED",
  inactive: "CHURNED",
  inactief: "CHURNED",
  opgezegd: "CHURNED",
  vertrokken: "CHURNED",
  beeindigd: "CHURNED",
  nee: "CHURNED",
} as const satisfies Record<string, "ACTIVE" | "CHURNED">;

const severities = {
  "1": 1,
  low: 1,
  laag: 1,
  "2": 2,
  medium: 2,
  normal: 2,
  normaal: 2,
  middel: 2,
  gemiddeld: 2,
  "3": 3,
  high: 3,
  hoog: 3,
  urgent: 3,
  kritiek: 3,
} as const;

export const engagementKinds = [
  "WEB_VISIT",
  "NEWSLETTER_OPEN",
  "NEWSLETTER_CLICK",
  "MEETING",
  "CALL",
  "EMAIL",
] as const;
export type EngagementKind = (typeof engagementKinds)[number];
const engagementWords: Record<string, EngagementKind> = {
  webvisit: "WEB_VISIT",
  websitevisit: "WEB_VISIT",
  websitebezoek: "WEB_VISIT",
  webbezoek: "WEB_VISIT",
  bezoek: "WEB_VISIT",
  pageview: "WEB_VISIT",
  newsletteropen: "NEWSLETTER_OPEN",
  nieuwsbriefopen: "NEWSLETTER_OPEN",
  nieuwsbriefgeopend: "NEWSLETTER_OPEN",
  newsletterclick: "NEWSLETTER_CLICK",
  nieuwsbriefklik: "NEWSLETTER_CLICK",
  nieuwsbriefclick: "NEWSLETTER_CLICK",
  meeting: "MEETING",
  afspraak: "MEETING",
  bezoekbijklant: "MEETING",
  call: "CALL",
  telefoon: "CALL",
  telefoongesprek: "CALL",
  gebeld: "CALL",
  email: "EMAIL",
  mail: "EMAIL",
};

const roles = {
  admin: "ADMIN",
  beheerder: "ADMIN",
  manager: "MANAGER",
  leidinggevende: "MANAGER",
  member: "MEMBER",
  medewerker: "MEMBER",
  lid: "MEMBER",
  sales: "MEMBER",
  accountmanager: "MEMBER",
} as const satisfies Record<string, "ADMIN" | "MANAGER" | "MEMBER">;

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

/**
 * The same rules without zod, for the rows that pass: every field's own parse function, then the
 * rules between columns, then the same finishing step. zod costs several microseconds a row, which
 * is most of the validation time of a million-row file. Any row the fast path does not accept goes
 * through zod, so the issues (and their messages) come from one place; a row it accepts is exactly
 * what zod returns for it (the tests compare both on every kind).
 */
function fastValidator(
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
