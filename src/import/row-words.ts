/**
 * The words an export may use for a status, a severity, an engagement kind or a role, in English and
 * Dutch, as `oneOf` compares them: lower case, without accents or punctuation.
 */

export const customerStatuses = {
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

export const severities = {
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
export const engagementWords: Record<string, EngagementKind> = {
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

export const roles = {
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
