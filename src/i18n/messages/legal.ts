import { defineMessages } from "../define.ts";

/** The privacy and terms pages the bot serves at /privacy and /terms (the Teams manifest links there). */
export const legalText = defineMessages({
  nl: {
    "legal.privacy.title": "Klantpuls — privacy",
    "legal.privacy.body":
      "Klantpuls verwerkt de klantgegevens die jouw organisatie uit haar ERP importeert (facturen, orders, klachten, NPS, contactmomenten) en de namen, e-mailadressen en Slack- of Teams-id's van de eigen medewerkers die de bot gebruiken. De gegevens staan in de database van de organisatie die Klantpuls draait en worden niet met derden gedeeld; berichten gaan alleen naar Slack of Microsoft Teams van die organisatie. Vragen over je gegevens: neem contact op met de beheerder van Klantpuls in je organisatie.",
    "legal.terms.title": "Klantpuls — gebruiksvoorwaarden",
    "legal.terms.body":
      "Klantpuls wordt geleverd zoals het is, door en voor de organisatie die het draait. Scores en KPI's zijn hulpmiddelen bij het gesprek met klanten, geen besluiten. Gebruik de bot alleen voor de klanten van je eigen organisatie en volgens de afspraken van je organisatie over klantgegevens.",
  },
  en: {
    "legal.privacy.title": "Klantpuls — privacy",
    "legal.privacy.body":
      "Klantpuls processes the customer data your organisation imports from its ERP (invoices, orders, complaints, NPS, contact moments) and the names, e-mail addresses and Slack or Teams ids of the organisation's own staff who use the bot. The data lives in the database of the organisation that runs Klantpuls and is not shared with third parties; messages go only to that organisation's Slack or Microsoft Teams. Questions about your data: contact your organisation's Klantpuls administrator.",
    "legal.terms.title": "Klantpuls — terms of use",
    "legal.terms.body":
      "Klantpuls is provided as is, by and for the organisation that runs it. Scores and KPIs support conversations with customers; they are not decisions. Use the bot only for your own organisation's customers and within your organisation's rules on customer data.",
  },
  fr: {
    "legal.privacy.title": "Klantpuls — confidentialité",
    "legal.privacy.body":
      "Klantpuls traite les données clients que votre organisation importe de son ERP (factures, commandes, plaintes, NPS, contacts) ainsi que les noms, adresses e-mail et identifiants Slack ou Teams des collaborateurs de l'organisation qui utilisent le bot. Les données se trouvent dans la base de données de l'organisation qui fait tourner Klantpuls et ne sont pas partagées avec des tiers ; les messages vont uniquement vers le Slack ou Microsoft Teams de cette organisation. Questions sur vos données : contactez l'administrateur Klantpuls de votre organisation.",
    "legal.terms.title": "Klantpuls — conditions d'utilisation",
    "legal.terms.body":
      "Klantpuls est fourni tel quel, par et pour l'organisation qui le fait tourner. Les scores et les KPI aident la conversation avec les clients ; ce ne sont pas des décisions. N'utilisez le bot que pour les clients de votre propre organisation et selon les règles de votre organisation sur les données clients.",
  },
});
