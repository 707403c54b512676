/**
 * Deterministic demo data for Klantpuls: users, customers and a few years of ERP history.
 *
 * Pure: no I/O, no clock, no Math.random. The same options give byte-identical output. Every customer's
 * history comes from its own PRNG stream (seed × customer index), so the output does not depend on the
 * batch size and `generateDemoBatches` can stream 20,000 customers in bounded memory.
 *
 * ## Planted stories (see `demoStories`)
 *
 * Windows follow the health model: "recent" = the 90 days up to asOf, "baseline" = the 365 days before.
 *
 * | story          | shape of the data                                                                | band (measured) |
 * | -------------- | -------------------------------------------------------------------------------- | --------------- |
 * | healthy        | regular orders, pays on time or a few days late, steady engagement, promoters   | healthy         |
 * | attention      | over the last ~5 months: orders halved or paying ~20 days late, plus two milder | attention,      |
 * |                | issues (less engagement, a complaint, a passive NPS answer)                      | some healthy    |
 * | decline        | frequency, volume and engagement slide over the last ~6 months by 50–100 % of   | attention,      |
 * |                | the way to zero; payment and NPS worsen with it                                  | some at risk    |
 * | late-payer     | ~3 days late in the baseline; lateness ramps up over the last 150 days to 40+,  | at risk or      |
 * |                | recent invoices average 25+ days late with overdue amounts; buying less (cash   | attention       |
 * |                | trouble), a detractor NPS answer and an open complaint                           |                 |
 * | sudden-drop    | a severity-3 complaint, then no orders at all for the last 76–88 days            | at risk         |
 * | recovery       | bad 7–16 months ago (fewer orders, late payment, complaints, detractors), normal | healthy         |
 * |                | again for the last ~5 months                                                     |                 |
 * | churned        | status CHURNED with churned_at; orders stop weeks before, nothing after it       | (not scored)    |
 * | silent-churn   | still ACTIVE in the ERP, but no orders for 190–420 days, engagement near zero   | at risk         |
 *
 * Mix over all customers: 12 % churned, 4 % silent churn, 3 % sudden drop, 4 % late payer, 8 % decline,
 * 14 % attention, 5 % recovery, the rest healthy. Scored with the default health settings as of asOf
 * (seeds 42 and 7, 500 customers; 2,000 customers seed 3) the active customers came out 10–11 % at
 * risk, 23–26 % attention and the rest healthy, which is the intended mix.
 *
 * ## Users
 *
 * One admin, two managers and eight account owners (role MEMBER), all @klantpuls.demo. Jan de Vries
 * (jan@klantpuls.demo) is a MANAGER who also owns a handful of key accounts, Acme among them, so a demo
 * of `/klant-health acme` and of the manager digest can both be given as Jan. Owners report to Jan or to
 * Eva Janssens. Everyone uses locale nl except Sophie Maes (en).
 *
 * ## Volume
 *
 * One invoice per order (due 30 days after issue). About 50 orders per customer-year on average
 * (Enterprise ~80, MKB ~40, Retail ~55), so the default 500 customers over 3 years give ~55k invoices
 * and 20,000 customers ~2.2M.
 */
import { isIsoDate, toEpochDay } from "../../src/domain/dates.ts";
import { normalizeSearchName } from "../../src/domain/search-name.ts";

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
export type DemoStory =
  | "healthy"
  | "attention"
  | "decline"
  | "late-payer"
  | "sudden-drop"
  | "recovery"
  | "churned"
  | "silent-churn";

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
  /** Not stored: which planted story shaped this customer's data (for tests, the demo and the benchmark). */
  story: DemoStory;
}

export interface DemoInvoice {
  externalId: string;
  customerExternalId: string;
  issuedOn: string;
  dueOn: string;
  paidOn: string | null;
  amountCents: number;
}

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

export interface DemoStoryInfo {
  externalId: string;
  name: string;
  segment: DemoSegment;
  ownerEmail: string;
  story: DemoStory;
  description: string;
}

/**
 * Customers with a known story, always the first ones generated (K-1001, K-1002, …), so tests and the
 * demo can point at them. With fewer customers than stories only the first ones exist.
 */
export const demoStories: readonly DemoStoryInfo[] = [
  {
    externalId: "K-1001",
    name: "Acme",
    segment: "Enterprise",
    ownerEmail: "jan@klantpuls.demo",
    story: "late-payer",
    description:
      "Late payer getting worse (at risk): ~3–5 days late in the baseline, 25+ days late on recent invoices with " +
      "overdue amounts, ordering less; NPS 4 three weeks ago (was 8), two complaints (one severe, open), pulse 4.",
  },
  {
    externalId: "K-1002",
    name: "Bakker Bouw B.V.",
    segment: "MKB",
    ownerEmail: "pieter@klantpuls.demo",
    story: "healthy",
    description: "Steady and healthy; shares a prefix with K-1003 to test disambiguation.",
  },
  {
    externalId: "K-1003",
    name: "Bakker Bouwmaterialen BV",
    segment: "MKB",
    ownerEmail: "pieter@klantpuls.demo",
    story: "decline",
    description:
      "Slow decline over the last ~6 months: orders, revenue and web visits down ~70 %, NPS sliding.",
  },
  {
    externalId: "K-1004",
    name: "Café Hôtel Léon BV",
    segment: "Retail",
    ownerEmail: "sophie@klantpuls.demo",
    story: "recovery",
    description:
      "Recovery: bad 7–16 months ago (fewer orders, late payment, complaints, detractors), good now.",
  },
  {
    externalId: "K-1005",
    name: "Van Dijk Logistiek B.V.",
    segment: "Enterprise",
    ownerEmail: "jan@klantpuls.demo",
    story: "sudden-drop",
    description: "Sudden drop: a severity-3 complaint, then no orders for the last 80 days.",
  },
  {
    externalId: "K-1006",
    name: "Peeters Metaal NV",
    segment: "MKB",
    ownerEmail: "thomas@klantpuls.demo",
    story: "churned",
    description: "Churned 240 days before asOf (status CHURNED, churned_at set); no activity since.",
  },
  {
    externalId: "K-1007",
    name: "Janssens Food Groothandel BV",
    segment: "Retail",
    ownerEmail: "noor@klantpuls.demo",
    story: "silent-churn",
    description:
      "Silent churn: still ACTIVE in the ERP, but no orders for 230 days and hardly any engagement.",
  },
  {
    externalId: "K-1008",
    name: "De Groot Installatietechniek B.V.",
    segment: "MKB",
    ownerEmail: "lotte@klantpuls.demo",
    story: "attention",
    description:
      "Needs attention: ordering ~40 % less often, paying ~20 days late (was ~5), web visits down.",
  },
];

export const demoUsers: readonly DemoUser[] = [
  { email: "sanne@klantpuls.demo", name: "Sanne Visser", role: "ADMIN", locale: "nl", managerEmail: null },
  { email: "jan@klantpuls.demo", name: "Jan de Vries", role: "MANAGER", locale: "nl", managerEmail: null },
  { email: "eva@klantpuls.demo", name: "Eva Janssens", role: "MANAGER", locale: "nl", managerEmail: null },
  {
    email: "pieter@klantpuls.demo",
    name: "Pieter Bakker",
    role: "MEMBER",
    locale: "nl",
    managerEmail: "jan@klantpuls.demo",
  },
  {
    email: "lotte@klantpuls.demo",
    name: "Lotte de Boer",
    role: "MEMBER",
    locale: "nl",
    managerEmail: "jan@klantpuls.demo",
  },
  {
    email: "daan@klantpuls.demo",
    name: "Daan Mulder",
    role: "MEMBER",
    locale: "nl",
    managerEmail: "jan@klantpuls.demo",
  },
  {
    email: "fleur@klantpuls.demo",
    name: "Fleur Smit",
    role: "MEMBER",
    locale: "nl",
    managerEmail: "jan@klantpuls.demo",
  },
  {
    email: "bram@klantpuls.demo",
    name: "Bram Willems",
    role: "MEMBER",
    locale: "nl",
    managerEmail: "eva@klantpuls.demo",
  },
  {
    email: "noor@klantpuls.demo",
    name: "Noor Claes",
    role: "MEMBER",
    locale: "nl",
    managerEmail: "eva@klantpuls.demo",
  },
  {
    email: "thomas@klantpuls.demo",
    name: "Thomas Peeters",
    role: "MEMBER",
    locale: "nl",
    managerEmail: "eva@klantpuls.demo",
  },
  {
    email: "sophie@klantpuls.demo",
    name: "Sophie Maes",
    role: "MEMBER",
    locale: "en",
    managerEmail: "eva@klantpuls.demo",
  },
];

// ---------------------------------------------------------------------------------------------------
// PRNG

/** mulberry32: tiny, fast and good enough for demo data; the state is one 32-bit integer. */
class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), 1 | t);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  range(min: number, max: number): number {
    return min + this.next() * (max - min);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  /** Roughly standard normal (sum of three uniforms): cheap, bounded at ±3. */
  normal(): number {
    return (this.next() + this.next() + this.next() - 1.5) * 2;
  }
}

/** Mixes seed, stream and index into an independent 32-bit seed (murmur3 finalizer). */
function mixSeed(seed: number, stream: number, index: number): number {
  let h = (seed ^ Math.imul(stream + 1, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

// ---------------------------------------------------------------------------------------------------
// Names

// biome-ignore format: a word list reads better packed
const surnamesNl = [
  "Van Dijk", "Bakker", "De Groot", "Jansen", "De Vries", "Van den Berg", "Visser", "Smit", "Meijer", "De Boer",
  "Mulder", "Bos", "Vos", "Hendriks", "Van Leeuwen", "Dekker", "Brouwer", "De Wit", "Dijkstra", "De Graaf",
  "Van der Meer", "Van der Linden", "Kok", "De Haan", "Vermeulen", "Van den Heuvel", "Van der Veen",
  "Van den Broek", "De Bruijn", "De Jong", "Verhoeven", "Koster", "Prins", "Huisman", "Kuipers", "Postma",
  "Schouten", "Timmermans", "Verbeek", "Van Wijk", "Lammers", "Willemsen", "Van Beek", "Hoekstra", "Van Vliet",
  "Bosman", "Kramer", "Scholten", "Groen", "Hoogendoorn",
] as const;
// biome-ignore format: a word list reads better packed
const surnamesBe = [
  "Janssens", "Peeters", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens", "Wouters", "De Smet",
  "Dubois", "Lambert", "Hermans", "Aerts", "Michiels", "Van Damme", "Lefèvre", "Dupré", "Verstraete", "Coppens",
] as const;
// biome-ignore format: a word list reads better packed
const regions = [
  "Noord", "Rijnmond", "Brabant", "Twente", "Limburg", "Kempen", "Zeeland", "Veluwe", "Westland", "Delta",
  "Holland", "Vlaanderen", "Gelre", "Friesland", "Achterhoek", "Waasland",
] as const;
// biome-ignore format: a word list reads better packed
const trades = [
  "Installatietechniek", "Logistiek", "Bouw", "Metaal", "Food", "Groothandel", "Transport", "Elektrotechniek",
  "Schilderwerken", "Dakwerken", "Verpakkingen", "Kantoorinrichting", "Machinebouw", "Tuinbouw", "Drukwerk",
  "Kunststoffen", "Techniek", "Agri", "Koeltechniek", "Houthandel", "Sanitair", "Catering", "Schoonmaak",
  "Beveiliging", "IJzerwaren", "Textiel", "Automatisering", "Vastgoedonderhoud", "Laswerken", "Hydrauliek",
  "Zonnepanelen", "Keukens", "Glas", "Tegels", "Vloeren", "Isolatie", "Bouwmaterialen", "Metaalbewerking",
] as const;
// biome-ignore format: a word list reads better packed
const cities = [
  "Zwolle", "Utrecht", "Eindhoven", "Tilburg", "Breda", "Groningen", "Leeuwarden", "Arnhem", "Nijmegen",
  "Apeldoorn", "Amersfoort", "Venlo", "Den Bosch", "Rotterdam", "Dordrecht", "Haarlem", "Alkmaar", "Enschede",
  "Deventer", "Antwerpen", "Gent", "Brugge", "Leuven", "Hasselt", "Mechelen", "Kortrijk", "Genk", "Liège",
] as const;
const legalFormsNl = ["B.V.", "BV", "B.V.", "B.V.", "V.O.F.", ""] as const;
const legalFormsBe = ["NV", "BV", "BV", "BVBA", "NV"] as const;
const legalFormPattern = /\s+(B\.V\.|BV|NV|BVBA|V\.O\.F\.)$/i;

function coreName(name: string): string {
  return normalizeSearchName(name.replace(legalFormPattern, ""));
}

function drawCompanyName(rng: Rng): string {
  const belgian = rng.chance(0.3);
  const surname = (): string => (belgian ? rng.pick(surnamesBe) : rng.pick(surnamesNl));
  const roll = rng.next();
  let core: string;
  if (roll < 0.35) core = `${surname()} ${rng.pick(trades)}`;
  else if (roll < 0.45) core = `${rng.pick(regions)} ${rng.pick(trades)}`;
  else if (roll < 0.6) core = `${surname()} ${rng.pick(trades)} ${rng.pick(cities)}`;
  else if (roll < 0.7) core = `${surname()} & ${surname()}`;
  else if (roll < 0.82) core = `${surname()} & ${surname()} ${rng.pick(trades)}`;
  else if (roll < 0.87) core = `${surname()} & Zonen ${rng.pick(trades)}`;
  else if (roll < 0.92) core = `${rng.pick(trades)} ${rng.pick(cities)}`;
  else core = `${surname()} ${rng.pick(trades)} & ${rng.pick(trades)}`;
  const form = belgian ? rng.pick(legalFormsBe) : rng.pick(legalFormsNl);
  return form ? `${core} ${form}` : core;
}

// ---------------------------------------------------------------------------------------------------
// Text pools (Dutch, as a Dutch/Belgian ERP would hold them)

const complaintSummaries = [
  "Levering te laat",
  "Verkeerde artikelen geleverd",
  "Factuur klopt niet met de orderbevestiging",
  "Beschadigde goederen bij aflevering",
  "Klantenservice slecht bereikbaar",
  "Monteur niet op de afgesproken tijd",
  "Creditnota laat op zich wachten",
  "Onvolledige levering",
  "Prijsverhoging niet aangekondigd",
  "Kwaliteit van de laatste partij onder de maat",
  "Bestelling dubbel gefactureerd",
  "Retourzending niet verwerkt",
  "Geen terugkoppeling op offerteaanvraag",
  "Verpakking onvoldoende, producten gebroken",
] as const;
const promoterComments = [
  "Altijd snel geleverd, prima contact.",
  "Betrouwbare partner, denkt goed mee.",
  "Zeer tevreden over de accountmanager.",
  "Goede kwaliteit en scherpe prijzen.",
  "Problemen worden snel opgelost.",
] as const;
const passiveComments = [
  "Prima, maar de levertijden mogen korter.",
  "Redelijk tevreden, prijzen zijn wel gestegen.",
  "Doet wat het moet doen.",
  "Contact kan soms wat proactiever.",
] as const;
const detractorComments = [
  "Leveringen komen steeds vaker te laat.",
  "Facturen kloppen regelmatig niet.",
  "We horen weinig van onze contactpersoon.",
  "Kwaliteit is achteruitgegaan.",
  "Te duur voor wat we krijgen.",
  "Klachten worden niet opgepakt.",
] as const;
const pulseComments = [
  "Loopt goed, volgende maand evaluatiegesprek.",
  "Nieuwe inkoper, relatie moet nog groeien.",
  "Kijken ook bij de concurrent.",
  "Tevreden, wil uitbreiden.",
  "Budget staat onder druk.",
  "",
  "",
] as const;

// ---------------------------------------------------------------------------------------------------
// Customer profiles

interface SegmentTraits {
  intervalDays: [number, number];
  orderValueEuros: [number, number];
  unitPriceEuros: [number, number];
  webPerWeek: [number, number];
  meetingPerWeek: number;
  callPerWeek: number;
  emailPerWeek: number;
  respondents: number;
}

const segmentTraits: Record<DemoSegment, SegmentTraits> = {
  Enterprise: {
    intervalDays: [3, 6],
    orderValueEuros: [2_500, 12_000],
    unitPriceEuros: [50, 500],
    webPerWeek: [4, 12],
    meetingPerWeek: 0.25,
    callPerWeek: 0.25,
    emailPerWeek: 0.5,
    respondents: 3,
  },
  MKB: {
    intervalDays: [6, 12],
    orderValueEuros: [400, 3_000],
    unitPriceEuros: [20, 250],
    webPerWeek: [1, 5],
    meetingPerWeek: 0.06,
    callPerWeek: 0.15,
    emailPerWeek: 0.3,
    respondents: 1,
  },
  Retail: {
    intervalDays: [4, 9],
    orderValueEuros: [80, 600],
    unitPriceEuros: [5, 60],
    webPerWeek: [1, 3],
    meetingPerWeek: 0.02,
    callPerWeek: 0.08,
    emailPerWeek: 0.15,
    respondents: 1,
  },
};

/** Share of all customers per story; the rest is healthy. */
const storyShares: [DemoStory, number][] = [
  ["churned", 0.12],
  ["silent-churn", 0.04],
  ["sudden-drop", 0.03],
  ["late-payer", 0.04],
  ["decline", 0.08],
  ["attention", 0.14],
  ["recovery", 0.05],
];

/** Issues a customer in the attention story has three of (one of them frequency or payment). */
type AttentionIssue = "frequency" | "payment" | "engagement" | "complaints" | "nps";
const attentionIssues: readonly AttentionIssue[] = [
  "frequency",
  "payment",
  "engagement",
  "complaints",
  "nps",
];

interface Profile {
  index: number;
  customer: DemoCustomer;
  sinceDay: number;
  segment: DemoSegment;
  story: DemoStory;
  planted: boolean;
  intervalDays: number;
  orderValueCents: number;
  unitPriceCents: number;
  /** Mean days late of the invoices that are paid late. */
  lateMean: number;
  onTimeShare: number;
  webPerWeek: number;
  webWeekShare: number;
  newsletterSubscriber: boolean;
  npsBase: number;
  complaintsPerYear: number;
  /** decline depth 0..1 */
  depth: number;
  /** sudden drop / silent churn: days before asOf since when there are no orders */
  stopDaysAgo: number;
  /** churned: days before asOf of churned_at */
  churnDaysAgo: number;
  issues: AttentionIssue[];
}

interface Factors {
  frequency: number;
  volume: number;
  engagement: number;
  lateExtra: number;
  onTime: number;
  complaints: number;
  nps: number;
}

const neutral: Factors = {
  frequency: 1,
  volume: 1,
  engagement: 1,
  lateExtra: 0,
  onTime: 1,
  complaints: 1,
  nps: 0,
};

function clamp01(x: number): number {
  return Math.max(0, Math.min(1, x));
}

/** How the story bends behaviour `daysAgo` days before asOf (0 = asOf). */
function storyFactors(p: Profile, daysAgo: number): Factors {
  switch (p.story) {
    case "healthy":
      return neutral;
    case "attention": {
      const on = daysAgo < 150 ? 1 : 0;
      if (!on) return neutral;
      const has = (issue: AttentionIssue) => p.issues.includes(issue);
      return {
        frequency: has("frequency") ? 0.55 : 1,
        volume: has("frequency") ? 0.5 : 1,
        engagement: has("engagement") ? 0.3 : 1,
        lateExtra: has("payment") ? 18 : 0,
        onTime: has("payment") ? 0.2 : 1,
        complaints: has("complaints") ? 8 : 1,
        nps: has("nps") ? -3 : 0,
      };
    }
    case "decline": {
      const progress = clamp01((180 - daysAgo) / 180) * p.depth;
      return {
        frequency: 1 - progress,
        volume: Math.max(0.1, 1 - progress * 1.1),
        engagement: Math.max(0.1, 1 - progress * 1.2),
        lateExtra: 12 * progress,
        onTime: 1 - progress,
        complaints: 1 + 4 * progress,
        nps: -5 * progress,
      };
    }
    case "late-payer": {
      const progress = clamp01((150 - daysAgo) / 150);
      // Cash trouble: paying later and later, and buying less with it.
      return {
        frequency: 1 - 0.6 * progress,
        volume: 1 - 0.7 * progress,
        engagement: 1 - 0.6 * progress,
        lateExtra: 42 * progress,
        onTime: clamp01(1 - progress * 3),
        complaints: 1 + 2 * progress,
        nps: -3 * progress,
      };
    }
    case "sudden-drop":
      if (daysAgo >= p.stopDaysAgo) return neutral;
      return { frequency: 0, volume: 0, engagement: 0.2, lateExtra: 0, onTime: 1, complaints: 2, nps: -5 };
    case "recovery": {
      // Bad from 480 to 210 days ago, back to normal by 150 days ago.
      let bad = 0;
      if (daysAgo >= 210 && daysAgo <= 480) bad = 1;
      else if (daysAgo > 150 && daysAgo < 210) bad = (daysAgo - 150) / 60;
      if (bad === 0) return daysAgo <= 150 ? { ...neutral, nps: 0.8 } : neutral;
      return {
        frequency: 1 - 0.45 * bad,
        volume: 1 - 0.5 * bad,
        engagement: 1 - 0.6 * bad,
        lateExtra: 18 * bad,
        onTime: 1 - 0.8 * bad,
        complaints: 1 + 5 * bad,
        nps: -5 * bad,
      };
    }
    case "silent-churn": {
      if (daysAgo < p.stopDaysAgo) {
        return { frequency: 0, volume: 0, engagement: 0.05, lateExtra: 0, onTime: 1, complaints: 0, nps: -4 };
      }
      const fading = clamp01((p.stopDaysAgo + 90 - daysAgo) / 90);
      return { ...neutral, frequency: 1 - 0.4 * fading, engagement: 1 - 0.5 * fading, nps: -2 * fading };
    }
    case "churned": {
      const fading = clamp01((p.churnDaysAgo + 150 - daysAgo) / 150);
      return {
        frequency: 1 - 0.5 * fading,
        volume: 1 - 0.4 * fading,
        engagement: 1 - 0.7 * fading,
        lateExtra: 8 * fading,
        onTime: 1 - 0.5 * fading,
        complaints: 1 + 3 * fading,
        nps: -4 * fading,
      };
    }
  }
}

/** Owner pulse score the account owner would give today. */
function pulseBase(p: Profile): number {
  switch (p.story) {
    case "healthy":
      return 8;
    case "attention":
      return 6.5;
    case "decline":
      return 7 - 4 * p.depth;
    case "late-payer":
      return 4;
    case "sudden-drop":
      return 3;
    case "silent-churn":
      return 3;
    case "recovery":
      return 8;
    case "churned":
      return 2;
  }
}

// ---------------------------------------------------------------------------------------------------
// Context shared by all customers of one run

class DayNames {
  private readonly cache: string[] = [];
  constructor(private readonly base: number) {}
  /** ISO date of an epoch day; cached because the same few thousand days are formatted millions of times. */
  get(day: number): string {
    const i = day - this.base;
    if (i < 0 || i > 20_000) return new Date(day * 86_400_000).toISOString().slice(0, 10);
    let name = this.cache[i];
    if (name === undefined) {
      name = new Date(day * 86_400_000).toISOString().slice(0, 10);
      this.cache[i] = name;
    }
    return name;
  }
}

interface Context {
  seed: number;
  asOfDay: number;
  startDay: number;
  days: DayNames;
  /** Epoch day of each owner pulse ask, oldest first, with its period. */
  pulseAsks: { day: number; period: string }[];
  /** Epoch days of the quarterly NPS survey mailings within the window. */
  surveyDays: number[];
}

interface Plan {
  users: DemoUser[];
  profiles: Profile[];
  context: Context;
}

function dayOfWeek(day: number): number {
  // 1970-01-01 was a Thursday; 0 = Monday … 6 = Sunday.
  return (day + 3) % 7;
}

function normalizeOptions(options: DemoOptions): Required<DemoOptions> {
  const customers = options.customers ?? 500;
  const seed = options.seed ?? 42;
  const years = options.years ?? 3;
  if (!Number.isInteger(customers) || customers < 1 || customers > 1_000_000) {
    throw new RangeError(`customers must be a whole number from 1 to 1,000,000, got ${customers}`);
  }
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be a whole number, got ${seed}`);
  if (!Number.isInteger(years) || years < 1 || years > 10) {
    throw new RangeError(`years must be a whole number from 1 to 10, got ${years}`);
  }
  if (!isIsoDate(options.asOf)) throw new RangeError(`asOf must be a date YYYY-MM-DD, got "${options.asOf}"`);
  return { customers, seed, years, asOf: options.asOf };
}

function buildContext(seed: number, asOf: string, years: number): Context {
  const asOfDay = toEpochDay(asOf);
  const startDay = asOfDay - years * 365;
  const days = new DayNames(startDay - 10 * 365);

  // Owner pulses go out on the first working day of each of the last four months, 07:00 UTC.
  const pulseAsks: { day: number; period: string }[] = [];
  const [y, m] = asOf.split("-").map(Number) as [number, number];
  for (let back = 3; back >= 0; back--) {
    const monthIndex = y * 12 + (m - 1) - back;
    const year = Math.floor(monthIndex / 12);
    const month = (monthIndex % 12) + 1;
    let day = Date.UTC(year, month - 1, 1) / 86_400_000;
    while (dayOfWeek(day) > 4) day++;
    if (day <= asOfDay) pulseAsks.push({ day, period: `${year}-${String(month).padStart(2, "0")}` });
  }

  // NPS survey mailings on 10 February, May, August and November.
  const surveyDays: number[] = [];
  const firstYear = Number(days.get(startDay).slice(0, 4));
  for (let year = firstYear; year <= y; year++) {
    for (const month of [2, 5, 8, 11]) {
      const day = Date.UTC(year, month - 1, 10) / 86_400_000;
      if (day >= startDay && day <= asOfDay) surveyDays.push(day);
    }
  }
  return { seed, asOfDay, startDay, days, pulseAsks, surveyDays };
}

function storyQuota(count: number): DemoStory[] {
  const stories: DemoStory[] = [];
  for (const [story, share] of storyShares) {
    for (let i = 0; i < Math.round(count * share); i++) stories.push(story);
  }
  while (stories.length < count) stories.push("healthy");
  return stories.slice(0, count);
}

/** Days of history before asOf a story needs to be visible. */
function historyNeeded(story: DemoStory, stopDaysAgo: number, churnDaysAgo: number): number {
  switch (story) {
    case "healthy":
      return 30;
    case "attention":
      return 400;
    case "decline":
    case "late-payer":
    case "sudden-drop":
      return 640;
    case "recovery":
      return 700;
    case "silent-churn":
      return stopDaysAgo + 455;
    case "churned":
      return churnDaysAgo + 300;
  }
}

function planDemo(options: Required<DemoOptions>): Plan {
  const context = buildContext(options.seed, options.asOf, options.years);
  const windowDays = options.years * 365;
  const rng = new Rng(mixSeed(options.seed, 0, 0));
  const ownerEmails = demoUsers.filter((u) => u.role === "MEMBER").map((u) => u.email);

  const planted = demoStories.slice(0, options.customers);
  const randomCount = options.customers - planted.length;
  const stories = storyQuota(randomCount);
  // Fisher–Yates with the plan PRNG, so stories are spread over the customer numbers.
  for (let i = stories.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [stories[i], stories[j]] = [stories[j]!, stories[i]!];
  }

  const takenCores = new Set<string>(demoStories.map((s) => coreName(s.name)));
  const profiles: Profile[] = [];
  for (let index = 0; index < options.customers; index++) {
    const story = index < planted.length ? planted[index]!.story : stories[index - planted.length]!;
    const fixed = index < planted.length ? planted[index] : undefined;
    const prng = new Rng(mixSeed(options.seed, 1, index));

    let name: string;
    if (fixed) name = fixed.name;
    else {
      name = drawCompanyName(rng);
      for (let attempt = 0; takenCores.has(coreName(name)); attempt++) {
        name = drawCompanyName(rng);
        // Hardly reachable: tens of thousands of cores exist. A city keeps the name readable.
        if (attempt > 50) name = `${name.replace(legalFormPattern, "")} ${rng.pick(cities)} ${attempt}`;
      }
      takenCores.add(coreName(name));
    }

    const segmentRoll = prng.next();
    const segment: DemoSegment =
      fixed?.segment ?? (segmentRoll < 0.12 ? "Enterprise" : segmentRoll < 0.7 ? "MKB" : "Retail");
    const traits = segmentTraits[segment];

    const depth = fixed ? 0.7 : prng.range(0.5, 1);
    const stopDaysAgo =
      story === "sudden-drop"
        ? fixed
          ? 80
          : prng.int(76, 88)
        : story === "silent-churn"
          ? fixed
            ? 230
            : prng.int(190, 420)
          : 0;
    const churnDaysAgo = story === "churned" ? (fixed ? 240 : prng.int(20, windowDays - 120)) : 0;

    const needed = historyNeeded(story, stopDaysAgo, churnDaysAgo);
    let sinceDaysAgo: number;
    if (fixed) sinceDaysAgo = windowDays + 400 + index * 37;
    else if (story === "healthy" && prng.chance(0.45)) sinceDaysAgo = prng.int(needed, windowDays);
    else sinceDaysAgo = prng.int(Math.max(needed, windowDays), windowDays + 6 * 365);
    const sinceDay = context.asOfDay - sinceDaysAgo;

    const ownerEmail = fixed
      ? fixed.ownerEmail
      : prng.chance(0.02)
        ? null
        : prng.chance(0.06)
          ? "jan@klantpuls.demo"
          : prng.pick(ownerEmails);

    const issues: AttentionIssue[] = [];
    if (story === "attention") {
      // One issue that moves the score a lot (ordering or paying) and two milder ones.
      if (fixed) issues.push("frequency", "payment", "engagement");
      else {
        issues.push(prng.chance(0.5) ? "frequency" : "payment");
        while (issues.length < 3) {
          const issue = prng.pick(attentionIssues);
          if (!issues.includes(issue)) issues.push(issue);
        }
      }
    }

    const customer: DemoCustomer = {
      externalId: `K-${1001 + index}`,
      name,
      searchName: normalizeSearchName(name),
      segment,
      ownerEmail,
      status: story === "churned" ? "CHURNED" : "ACTIVE",
      customerSince: context.days.get(sinceDay),
      churnedAt: story === "churned" ? context.days.get(context.asOfDay - churnDaysAgo) : null,
      story,
    };
    profiles.push({
      index,
      customer,
      sinceDay,
      segment,
      story,
      planted: fixed !== undefined,
      intervalDays: prng.range(traits.intervalDays[0], traits.intervalDays[1]),
      orderValueCents: Math.round(prng.range(traits.orderValueEuros[0], traits.orderValueEuros[1]) * 100),
      unitPriceCents: Math.round(prng.range(traits.unitPriceEuros[0], traits.unitPriceEuros[1]) * 100),
      lateMean: story === "late-payer" ? 6 : prng.range(2, 7),
      onTimeShare: story === "late-payer" ? 0.5 : prng.range(0.45, 0.75),
      webPerWeek: prng.range(traits.webPerWeek[0], traits.webPerWeek[1]),
      webWeekShare: prng.range(0.7, 0.95),
      newsletterSubscriber: prng.chance(0.7),
      npsBase: prng.range(7.6, 9.4),
      complaintsPerYear: prng.range(0.2, 0.8),
      depth,
      stopDaysAgo,
      churnDaysAgo,
      issues,
    });
  }
  return { users: demoUsers.map((u) => ({ ...u })), profiles, context };
}

// ---------------------------------------------------------------------------------------------------
// History of one customer

function emptyBatch(): DemoBatch {
  return {
    users: [],
    customers: [],
    invoices: [],
    orders: [],
    complaints: [],
    engagementEvents: [],
    npsResponses: [],
    ownerPulses: [],
  };
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

function npsComment(rng: Rng, score: number): string {
  if (rng.chance(0.5)) return "";
  if (score >= 9) return rng.pick(promoterComments);
  if (score >= 7) return rng.pick(passiveComments);
  return rng.pick(detractorComments);
}

function generateHistory(p: Profile, ctx: Context, out: DemoBatch): void {
  const rng = new Rng(mixSeed(ctx.seed, 2, p.index));
  const { days, asOfDay } = ctx;
  const ext = p.customer.externalId;
  const number = ext.slice(2);
  const firstDay = Math.max(ctx.startDay, p.sinceDay);
  const churnDay = p.story === "churned" ? asOfDay - p.churnDaysAgo : Number.POSITIVE_INFINITY;
  // Churned customers place their last order a few weeks before the ERP marks them churned.
  const lastOrderDay = p.story === "churned" ? churnDay - rng.int(20, 45) : asOfDay;
  const lastActiveDay = Math.min(asOfDay, churnDay);

  // Orders, one invoice each.
  let seq = 0;
  let day = firstDay + rng.int(0, Math.ceil(p.intervalDays));
  while (day <= lastOrderDay) {
    const f = storyFactors(p, asOfDay - day);
    const jitter = 0.75 + 0.5 * rng.next();
    if (f.frequency <= 0.02) {
      day += Math.max(1, Math.round(p.intervalDays));
      continue;
    }
    // Orders land on working days: a weekend date moves back to the Friday before.
    const dow = dayOfWeek(day);
    const orderDay = Math.max(firstDay, dow === 5 ? day - 1 : dow === 6 ? day - 2 : day);
    seq++;
    const amountCents = Math.max(500, Math.round(p.orderValueCents * f.volume * (0.7 + 0.6 * rng.next())));
    const quantity = Math.max(1, Math.round(amountCents / p.unitPriceCents));
    out.orders.push({
      externalId: `O-${number}-${pad(seq, 5)}`,
      customerExternalId: ext,
      orderedOn: days.get(orderDay),
      amountCents,
      quantity,
    });

    const dueDay = orderDay + 30;
    const fp = storyFactors(p, Math.max(0, asOfDay - dueDay));
    let daysLate: number;
    if (rng.chance(p.onTimeShare * fp.onTime)) daysLate = -rng.int(0, 5);
    else daysLate = 1 + Math.round((p.lateMean + fp.lateExtra) * (0.5 + rng.next()));
    const paidDay = Math.max(orderDay + 1, dueDay + daysLate);
    out.invoices.push({
      externalId: `F-${number}-${pad(seq, 5)}`,
      customerExternalId: ext,
      issuedOn: days.get(orderDay),
      dueOn: days.get(dueDay),
      paidOn: paidDay <= asOfDay ? days.get(paidDay) : null,
      amountCents,
    });
    day += Math.max(1, Math.round((p.intervalDays * jitter) / f.frequency));
  }

  // Weekly: engagement (at most one row per kind per week, so customer/day/kind stays unique) and complaints.
  let complaintSeq = 0;
  const addComplaint = (openedDay: number, severity: 1 | 2 | 3, summary: string, forceOpen: boolean) => {
    complaintSeq++;
    const resolveDays = severity === 1 ? rng.int(1, 10) : severity === 2 ? rng.int(3, 20) : rng.int(5, 40);
    const resolvedDay = openedDay + resolveDays;
    out.complaints.push({
      externalId: `C-${number}-${pad(complaintSeq, 3)}`,
      customerExternalId: ext,
      openedOn: days.get(openedDay),
      resolvedOn: forceOpen || resolvedDay > asOfDay ? null : days.get(resolvedDay),
      severity,
      summary,
    });
  };
  const traits = segmentTraits[p.segment];
  const mondayFirst = firstDay - dayOfWeek(firstDay);
  for (let week = mondayFirst; week <= lastActiveDay; week += 7) {
    const f = storyFactors(p, Math.max(0, asOfDay - week));
    const inRange = (d: number) => d >= firstDay && d <= lastActiveDay;
    const push = (d: number, kind: DemoEngagementKind, count: number) => {
      if (inRange(d))
        out.engagementEvents.push({ customerExternalId: ext, occurredOn: days.get(d), kind, count });
    };
    if (rng.chance(p.webWeekShare * Math.min(1, f.engagement))) {
      push(
        week + rng.int(0, 4),
        "WEB_VISIT",
        Math.max(1, Math.round(p.webPerWeek * f.engagement * (0.5 + rng.next()))),
      );
    }
    // Newsletter every other Tuesday.
    if (
      p.newsletterSubscriber &&
      Math.floor(week / 7) % 2 === 0 &&
      rng.chance(0.5 * Math.min(1, f.engagement))
    ) {
      const openDay = week + 1 + rng.int(0, 2);
      push(openDay, "NEWSLETTER_OPEN", rng.int(1, 2));
      if (rng.chance(0.35)) push(openDay, "NEWSLETTER_CLICK", rng.int(1, 3));
    }
    if (rng.chance(traits.meetingPerWeek * f.engagement)) push(week + rng.int(0, 4), "MEETING", 1);
    if (rng.chance(traits.callPerWeek * f.engagement)) push(week + rng.int(0, 4), "CALL", rng.int(1, 2));
    if (rng.chance(traits.emailPerWeek * f.engagement)) push(week + rng.int(0, 4), "EMAIL", rng.int(1, 4));

    if (rng.chance((p.complaintsPerYear * f.complaints) / 52)) {
      const openedDay = week + rng.int(0, 4);
      if (inRange(openedDay)) {
        const roll = rng.next();
        const severity: 1 | 2 | 3 =
          f.complaints > 2 ? (roll < 0.2 ? 1 : roll < 0.65 ? 2 : 3) : roll < 0.45 ? 1 : roll < 0.85 ? 2 : 3;
        addComplaint(openedDay, severity, rng.pick(complaintSummaries), false);
      }
    }
  }

  // NPS: quarterly survey, each respondent answers with probability 0.45 within two weeks.
  const npsScore = (answerDay: number): number => {
    const f = storyFactors(p, asOfDay - answerDay);
    return Math.min(10, Math.max(0, Math.round(p.npsBase + f.nps + 1.2 * rng.normal())));
  };
  for (const survey of ctx.surveyDays) {
    if (survey < firstDay || survey > lastActiveDay) continue;
    if (p.story === "silent-churn" && survey > asOfDay - p.stopDaysAgo) continue;
    // Acme's card must read "NPS 4, was 8": its last two answers are planted below.
    if (p.planted && p.story === "late-payer" && survey > asOfDay - 150) continue;
    const respondents = rng.int(1, traits.respondents);
    for (let r = 1; r <= respondents; r++) {
      if (!rng.chance(0.45)) continue;
      const answerDay = survey + rng.int(0, 14);
      if (answerDay > lastActiveDay) continue;
      const score = npsScore(answerDay);
      const answeredOn = days.get(answerDay);
      out.npsResponses.push({
        sourceKey: `nps:${ext}:${answeredOn}:${r}`,
        customerExternalId: ext,
        answeredOn,
        score,
        comment: npsComment(rng, score),
      });
    }
  }

  // Story events that make the story readable on a card.
  const storyNps = (answerDay: number, score: number, comment: string) => {
    const answeredOn = days.get(answerDay);
    out.npsResponses.push({
      sourceKey: `nps:${ext}:${answeredOn}:s`,
      customerExternalId: ext,
      answeredOn,
      score,
      comment,
    });
  };
  if (p.story === "late-payer") {
    if (p.planted) {
      storyNps(asOfDay - 120, 8, "Goede producten, prettig contact.");
      storyNps(asOfDay - 21, 4, "Leveringen komen steeds vaker te laat en facturen kloppen niet.");
      addComplaint(asOfDay - 48, 2, "Onvolledige levering", false);
      addComplaint(asOfDay - 12, 3, "Bestelling dubbel gefactureerd, betaling opgeschort", true);
    } else {
      const score = rng.int(3, 5);
      storyNps(asOfDay - rng.int(10, 40), score, rng.pick(detractorComments));
      addComplaint(asOfDay - rng.int(5, 30), 2, rng.pick(complaintSummaries), true);
      if (rng.chance(0.5))
        addComplaint(
          asOfDay - rng.int(31, 80),
          rng.int(1, 3) as 1 | 2 | 3,
          rng.pick(complaintSummaries),
          false,
        );
    }
  } else if (p.story === "sudden-drop") {
    const openedDay = asOfDay - p.stopDaysAgo - (p.planted ? 6 : rng.int(3, 12));
    addComplaint(openedDay, 3, "Partij geleverd met verkeerde specificaties, productie lag stil", p.planted);
    if (p.planted || rng.chance(0.7))
      storyNps(openedDay + 10, rng.int(1, 3), "Zeer ontevreden over de afhandeling.");
  } else if (p.story === "attention") {
    // Mild issues that only a rate would show are made visible in the recent window.
    if (p.issues.includes("complaints")) {
      addComplaint(asOfDay - rng.int(10, 60), 2, rng.pick(complaintSummaries), rng.chance(0.5));
    }
    if (p.issues.includes("nps"))
      storyNps(asOfDay - rng.int(10, 60), rng.int(5, 6), rng.pick(passiveComments));
  } else if (p.story === "recovery" && p.planted) {
    storyNps(asOfDay - 300, 3, "Klachten worden niet opgepakt.");
    storyNps(asOfDay - 30, 9, "Flink verbeterd het afgelopen halfjaar.");
  }

  // Owner pulses for the last four months.
  if (p.customer.ownerEmail) {
    for (const ask of ctx.pulseAsks) {
      if (ask.day < p.sinceDay || ask.day > lastActiveDay) continue;
      const askedAt = `${days.get(ask.day)}T07:00:00.000Z`;
      const expiresAt = `${days.get(ask.day + 14)}T07:00:00.000Z`;
      const answerDay = ask.day + rng.int(0, 6);
      const answered = (p.planted || rng.chance(0.7)) && answerDay <= asOfDay;
      const reminded = !answered || answerDay - ask.day >= 3;
      const score = Math.min(
        10,
        Math.max(0, Math.round(pulseBase(p) + (p.planted ? 0 : rng.normal() * 0.8))),
      );
      out.ownerPulses.push({
        customerExternalId: ext,
        userEmail: p.customer.ownerEmail,
        period: ask.period,
        score: answered ? score : null,
        comment: answered ? rng.pick(pulseComments) : "",
        askedAt,
        answeredAt: answered
          ? `${days.get(answerDay)}T${pad(8 + rng.int(0, 8), 2)}:${pad(rng.int(0, 59), 2)}:00.000Z`
          : null,
        remindedAt: reminded && ask.day + 3 <= asOfDay ? `${days.get(ask.day + 3)}T07:00:00.000Z` : null,
        expiresAt,
      });
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Public API

/**
 * Streams the demo data in batches of `batchCustomers` customers with all their rows. The first batch
 * also carries the users. Output is independent of the batch size.
 */
export function* generateDemoBatches(options: DemoBatchOptions): Generator<DemoBatch> {
  const normalized = normalizeOptions(options);
  const batchCustomers = options.batchCustomers ?? 100;
  if (!Number.isInteger(batchCustomers) || batchCustomers < 1) {
    throw new RangeError(`batchCustomers must be a positive whole number, got ${batchCustomers}`);
  }
  const plan = planDemo(normalized);
  for (let start = 0; start < plan.profiles.length; start += batchCustomers) {
    const batch = emptyBatch();
    if (start === 0) batch.users = plan.users;
    for (const profile of plan.profiles.slice(start, start + batchCustomers)) {
      batch.customers.push(profile.customer);
      generateHistory(profile, plan.context, batch);
    }
    yield batch;
  }
}

/** Only the users and customers (no history): cheap even for 20,000 customers. */
export function generateDemoCustomers(options: DemoOptions): {
  users: DemoUser[];
  customers: DemoCustomer[];
} {
  const plan = planDemo(normalizeOptions(options));
  return { users: plan.users, customers: plan.profiles.map((p) => p.customer) };
}

/** The whole demo data set in memory; fine up to a few thousand customers. */
export function generateDemoData(options: DemoOptions): DemoData {
  const all = emptyBatch();
  for (const batch of generateDemoBatches({ ...options, batchCustomers: 500 })) {
    for (const key of Object.keys(all) as (keyof DemoBatch)[]) {
      const target = all[key] as unknown[];
      for (const row of batch[key]) target.push(row);
    }
  }
  return all;
}

/** Row counts of a data set or batch, per table. */
export function countDemoRows(data: DemoBatch): Record<keyof DemoBatch, number> {
  return {
    users: data.users.length,
    customers: data.customers.length,
    invoices: data.invoices.length,
    orders: data.orders.length,
    complaints: data.complaints.length,
    engagementEvents: data.engagementEvents.length,
    npsResponses: data.npsResponses.length,
    ownerPulses: data.ownerPulses.length,
  };
}
