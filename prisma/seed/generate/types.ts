/** The shapes of the demo data set: what `prisma/seed/load.ts` writes, table by table. */
export type DemoRole = "ADMIN" | "MANAGER" | "MEMBER";
export type DemoCustomerStatus = "ACTIVE" | "CHURNED";
export type DemoEngagementKind =
  | "WEB_VISIT"
  | "NEWSLETTER_OPEN"
  | "NEWSLETTER_CLICK"
  | "MEETING"
  | "CALL"
  | "EMAIL";
export type DemoSegment = "Enterprise" | "MKB" | "Retail";
/** How a customer buys, drawn once: most are regular, some buy by the season, many new ones only try. */
export type DemoCustomerKind = "regular" | "seasonal" | "trial";
/** The walk-through examples K-1001…K-1008, whose latent state is scripted instead of drawn. */
export type DemoPlantedRole =
  | "at-risk"
  | "healthy"
  | "decline"
  | "recovery"
  | "sudden-drop"
  | "churned"
  | "silent-churn"
  | "attention";

/**
 * What the hidden process decided, for tests, the benchmark and evaluation. Never loaded into the
 * database: a scorer must find it out from the rows, as it would on a real book.
 */
export interface DemoHiddenTruth {
  kind: DemoCustomerKind;
  /** The day the customer really stopped buying, or null when it is still a customer at asOf. */
  leftOn: string | null;
  /** Why it left: the latent state ran low ("decline"), a cause the data does not show ("abrupt"), a trial. */
  leftBecause: "decline" | "abrupt" | "trial" | null;
  /** Latent state at asOf (or when it left): about 0 is average, below −1 is unhappy. */
  finalState: number;
  planted: DemoPlantedRole | null;
}

export interface DemoUser {
  email: string;
  name: string;
  role: DemoRole;
  locale: "nl" | "en";
  managerEmail: string | null;
}

export interface DemoCustomer {
  externalId: string;
  name: string;
  searchName: string;
  segment: DemoSegment;
  ownerEmail: string | null;
  status: DemoCustomerStatus;
  customerSince: string;
  churnedAt: string | null;
  /** Not stored: the hidden process's ground truth for this customer. */
  hidden: DemoHiddenTruth;
}

export interface DemoInvoice {
  externalId: string;
  customerExternalId: string;
  issuedOn: string;
  dueOn: string;
  paidOn: string | null;
  amountCents: number;
}

/** An order line. A credit note is a line with a negative amount and quantity: it is not an order. */
export interface DemoOrder {
  externalId: string;
  customerExternalId: string;
  orderedOn: string;
  amountCents: number;
  quantity: number;
}

export interface DemoComplaint {
  externalId: string;
  customerExternalId: string;
  openedOn: string;
  resolvedOn: string | null;
  severity: 1 | 2 | 3;
  summary: string;
}

export interface DemoEngagementEvent {
  customerExternalId: string;
  occurredOn: string;
  kind: DemoEngagementKind;
  count: number;
}

export interface DemoNpsResponse {
  sourceKey: string;
  customerExternalId: string;
  answeredOn: string;
  score: number;
  comment: string;
}

export interface DemoOwnerPulse {
  customerExternalId: string;
  userEmail: string;
  /** "YYYY-MM" */
  period: string;
  score: number | null;
  comment: string;
  /** ISO timestamps in UTC ("2026-05-01T07:00:00.000Z"). */
  askedAt: string;
  answeredAt: string | null;
  remindedAt: string | null;
  expiresAt: string;
}

/** One slice of the demo data; the whole data set has the same shape. */
export interface DemoBatch {
  users: DemoUser[];
  customers: DemoCustomer[];
  invoices: DemoInvoice[];
  orders: DemoOrder[];
  complaints: DemoComplaint[];
  engagementEvents: DemoEngagementEvent[];
  npsResponses: DemoNpsResponse[];
  ownerPulses: DemoOwnerPulse[];
}
export type DemoData = DemoBatch;

export interface DemoOptions {
  /** Number of customers (default 500). */
  customers?: number;
  /** PRNG seed (default 42). */
  seed?: number;
  /** The "today" of the data set, YYYY-MM-DD. Nothing happens after it. */
  asOf: string;
  /** Years of history before asOf (default 3). */
  years?: number;
}

export interface DemoBatchOptions extends DemoOptions {
  /** Customers per yielded batch (default 100, about 10k invoices and 15k engagement rows). */
  batchCustomers?: number;
}

export interface DemoPlantedInfo {
  externalId: string;
  name: string;
  segment: DemoSegment;
  ownerEmail: string;
  role: DemoPlantedRole;
  description: string;
}
