/**
 * The walk-through customers K-1001…K-1008: always the first ones generated, with fixed names, owners
 * and a scripted latent state, so the README's `/klant-health acme`, the demo and the tests can point at
 * them. They go through the same emission code as every other customer (their orders, payments and
 * engagement follow the script with the usual noise); only a few events that make a card readable
 * (an NPS answer, a complaint) are placed by hand. They are 8 customers in a book of hundreds and are
 * not part of the measured mix's randomness.
 */
import type { LatentScript } from "./latent.ts";
import type { DemoPlantedInfo } from "./types.ts";

export interface PlantedEvents {
  nps: { daysAgo: number; score: number; comment: string }[];
  complaints: { daysAgo: number; severity: 1 | 2 | 3; summary: string; open: boolean }[];
  /** No regular survey answers in this many days before asOf (so the planted ones are the latest). */
  quietSurveyDays: number;
  /** Payments suspended (a dispute) this many days before asOf: nothing is paid after it. */
  paymentsOnHoldDaysAgo?: number;
}

export interface PlantedCustomer extends DemoPlantedInfo {
  ordersPerYear: number;
  orderValueEuros: number;
  lateHabitDays: number;
  punctualShare: number;
  financeSensitivity: number;
  script: LatentScript;
  /** Days before asOf the ERP marked it CHURNED, or null. */
  erpChurnedDaysAgo: number | null;
  events: PlantedEvents;
}

/** Linear from `from` (at `startDaysAgo`) to `to` (at `endDaysAgo`), flat outside. */
function ramp(daysAgo: number, startDaysAgo: number, from: number, endDaysAgo: number, to: number): number {
  if (daysAgo >= startDaysAgo) return from;
  if (daysAgo <= endDaysAgo) return to;
  return from + ((to - from) * (startDaysAgo - daysAgo)) / (startDaysAgo - endDaysAgo);
}

const noEvents: PlantedEvents = { nps: [], complaints: [], quietSurveyDays: 0 };

export const plantedCustomers: readonly PlantedCustomer[] = [
  {
    externalId: "K-1001",
    name: "Acme",
    segment: "Enterprise",
    ownerEmail: "jan@klantpuls.demo",
    role: "at-risk",
    description:
      "Key account on its way out (at risk): its state falls over the last five months and collapses in the " +
      "last two, so its weekly ordering all but stops, it pays 25+ days late (was ~3) with overdue amounts; " +
      "NPS 4 three weeks ago (was 8), two complaints (one severe, open).",
    ordersPerYear: 60,
    orderValueEuros: 4_000,
    lateHabitDays: 3,
    punctualShare: 0.6,
    financeSensitivity: 1.6,
    script: {
      state: (d) => (d > 75 ? ramp(d, 150, 0.3, 75, -2) : ramp(d, 75, -2, 45, -4.5)),
      leftDaysAgo: null,
    },
    erpChurnedDaysAgo: null,
    events: {
      nps: [
        { daysAgo: 120, score: 8, comment: "Goede producten, prettig contact." },
        { daysAgo: 21, score: 4, comment: "Leveringen komen steeds vaker te laat en facturen kloppen niet." },
      ],
      complaints: [
        { daysAgo: 48, severity: 2, summary: "Onvolledige levering", open: false },
        {
          daysAgo: 12,
          severity: 3,
          summary: "Bestelling dubbel gefactureerd, betaling opgeschort",
          open: true,
        },
      ],
      quietSurveyDays: 150,
      paymentsOnHoldDaysAgo: 12,
    },
  },
  {
    externalId: "K-1002",
    name: "Bakker Bouw B.V.",
    segment: "MKB",
    ownerEmail: "pieter@klantpuls.demo",
    role: "healthy",
    description: "Steady and happy; shares a prefix with K-1003 to test disambiguation.",
    ordersPerYear: 52,
    orderValueEuros: 1_500,
    lateHabitDays: 2,
    punctualShare: 0.8,
    financeSensitivity: 0.5,
    script: { state: () => 0.9, leftDaysAgo: null },
    erpChurnedDaysAgo: null,
    events: noEvents,
  },
  {
    externalId: "K-1003",
    name: "Bakker Bouwmaterialen BV",
    segment: "MKB",
    ownerEmail: "pieter@klantpuls.demo",
    role: "decline",
    description: "Slow decline over the last ~6 months: ordering, revenue, web visits and NPS sliding.",
    ordersPerYear: 45,
    orderValueEuros: 1_200,
    lateHabitDays: 4,
    punctualShare: 0.5,
    financeSensitivity: 1,
    script: { state: (d) => ramp(d, 120, 0.2, 0, -2.2), leftDaysAgo: null },
    erpChurnedDaysAgo: null,
    events: noEvents,
  },
  {
    externalId: "K-1004",
    name: "Café Hôtel Léon BV",
    segment: "Retail",
    ownerEmail: "sophie@klantpuls.demo",
    role: "recovery",
    description: "Recovery: unhappy 7–16 months ago (fewer orders, late payment, complaints), good now.",
    ordersPerYear: 40,
    orderValueEuros: 350,
    lateHabitDays: 3,
    punctualShare: 0.6,
    financeSensitivity: 1.2,
    script: {
      state: (d) => (d >= 210 ? ramp(d, 540, 0.3, 480, -1.6) : ramp(d, 210, -1.6, 150, 0.6)),
      leftDaysAgo: null,
    },
    erpChurnedDaysAgo: null,
    events: {
      nps: [
        { daysAgo: 300, score: 3, comment: "Klachten worden niet opgepakt." },
        { daysAgo: 30, score: 9, comment: "Flink verbeterd het afgelopen halfjaar." },
      ],
      complaints: [],
      quietSurveyDays: 0,
    },
  },
  {
    externalId: "K-1005",
    name: "Van Dijk Logistiek B.V.",
    segment: "Enterprise",
    ownerEmail: "jan@klantpuls.demo",
    role: "sudden-drop",
    description:
      "Sudden drop: a severe complaint 86 days ago, no orders since 80 days ago; the ERP still says active.",
    ordersPerYear: 60,
    orderValueEuros: 5_000,
    lateHabitDays: 3,
    punctualShare: 0.6,
    financeSensitivity: 0.8,
    script: { state: (d) => (d > 86 ? 0.5 : -2), leftDaysAgo: 80, shockDaysAgo: 86 },
    erpChurnedDaysAgo: null,
    events: {
      nps: [{ daysAgo: 76, score: 2, comment: "Zeer ontevreden over de afhandeling." }],
      complaints: [
        {
          daysAgo: 86,
          severity: 3,
          summary: "Partij geleverd met verkeerde specificaties, productie lag stil",
          open: true,
        },
      ],
      quietSurveyDays: 90,
    },
  },
  {
    externalId: "K-1006",
    name: "Peeters Metaal NV",
    segment: "MKB",
    ownerEmail: "thomas@klantpuls.demo",
    role: "churned",
    description: "Left 270 days before asOf; the ERP marked it CHURNED 240 days before asOf.",
    ordersPerYear: 30,
    orderValueEuros: 900,
    lateHabitDays: 5,
    punctualShare: 0.4,
    financeSensitivity: 1,
    script: { state: (d) => ramp(d, 420, 0.2, 270, -1.6), leftDaysAgo: 270 },
    erpChurnedDaysAgo: 240,
    events: noEvents,
  },
  {
    externalId: "K-1007",
    name: "Janssens Food Groothandel BV",
    segment: "Retail",
    ownerEmail: "noor@klantpuls.demo",
    role: "silent-churn",
    description: "Silent churn: stopped buying 230 days ago after a slow decline; the ERP still says active.",
    ordersPerYear: 35,
    orderValueEuros: 300,
    lateHabitDays: 4,
    punctualShare: 0.5,
    financeSensitivity: 1,
    script: { state: (d) => ramp(d, 400, 0, 230, -1.2), leftDaysAgo: 230 },
    erpChurnedDaysAgo: null,
    events: noEvents,
  },
  {
    externalId: "K-1008",
    name: "De Groot Installatietechniek B.V.",
    segment: "MKB",
    ownerEmail: "lotte@klantpuls.demo",
    role: "attention",
    description: "Needs attention: its state slipped over the last five months; ordering less, paying later.",
    ordersPerYear: 36,
    orderValueEuros: 1_100,
    lateHabitDays: 4,
    punctualShare: 0.5,
    financeSensitivity: 1.2,
    script: { state: (d) => ramp(d, 150, 0.4, 60, -0.9), leftDaysAgo: null },
    erpChurnedDaysAgo: null,
    events: noEvents,
  },
];
