import { defineMessages } from "../define.ts";

export const actionsText = defineMessages({
  nl: {
    "actions.badRequest": "Deze knop is verlopen of ongeldig. Vraag de kaart opnieuw op met /klant-health.",
    "actions.unknownCustomer": "Deze klant bestaat niet meer.",
    "actions.alreadyHandled": "Dit verzoek is al verwerkt.",
    "actions.sharedBy": "Gedeeld door {name}",
    "pulse.title": "Pulse: {customer}",
    "pulse.formTitle": "Klantpulse",
    "pulse.submit": "Opslaan",
    "pulse.scoreLabel": "Hoe waarschijnlijk beveelt {customer} ons aan? (jouw inschatting, 0–10)",
    "pulse.commentLabel": "Toelichting (optioneel)",
    "pulse.scoreRequired": "Kies een score van 0 t/m 10.",
    "pulse.commentTooLong": "Houd de toelichting onder de {max} tekens.",
    "pulse.saved":
      "Dank je, {name}: je inschatting {score}/10 voor {customer} is opgeslagen en telt mee in de score.",
    "pulse.forbidden":
      "Alleen de accountmanager van {customer}, managers en beheerders kunnen een pulse geven.",
  },
  en: {
    "actions.badRequest": "This button has expired or is invalid. Ask for the card again with /klant-health.",
    "actions.unknownCustomer": "This customer no longer exists.",
    "actions.alreadyHandled": "This request was already handled.",
    "actions.sharedBy": "Shared by {name}",
    "pulse.title": "Pulse: {customer}",
    "pulse.formTitle": "Customer pulse",
    "pulse.submit": "Save",
    "pulse.scoreLabel": "How likely is {customer} to recommend us? (your estimate, 0–10)",
    "pulse.commentLabel": "Comment (optional)",
    "pulse.scoreRequired": "Choose a score from 0 to 10.",
    "pulse.commentTooLong": "Keep the comment under {max} characters.",
    "pulse.saved":
      "Thank you, {name}: your estimate {score}/10 for {customer} is saved and counts in the score.",
    "pulse.forbidden": "Only the account owner of {customer}, managers and admins can give a pulse.",
  },
  fr: {
    "actions.badRequest": "Ce bouton a expiré ou n'est pas valide. Redemandez la fiche avec /klant-health.",
    "actions.unknownCustomer": "Ce client n'existe plus.",
    "actions.alreadyHandled": "Cette demande a déjà été traitée.",
    "actions.sharedBy": "Partagé par {name}",
    "pulse.title": "Pulse : {customer}",
    "pulse.formTitle": "Pulse client",
    "pulse.submit": "Enregistrer",
    "pulse.scoreLabel": "Quelle est la probabilité que {customer} nous recommande ? (votre estimation, 0–10)",
    "pulse.commentLabel": "Commentaire (facultatif)",
    "pulse.scoreRequired": "Choisissez un score de 0 à 10.",
    "pulse.commentTooLong": "Gardez le commentaire sous les {max} caractères.",
    "pulse.saved":
      "Merci, {name} : votre estimation {score}/10 pour {customer} est enregistrée et compte dans le score.",
    "pulse.forbidden":
      "Seuls le gestionnaire de compte de {customer}, les managers et les administrateurs peuvent donner un pulse.",
  },
});
