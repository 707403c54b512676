import { defineMessages } from "../define.ts";

/** Strings only the Slack layer shows: modal chrome, App Home, delivery problems. */
export const slackText = defineMessages({
  nl: {
    "slack.more": "+{count} meer",
    "slack.moreBlocks": "+{count} meer (ingekort: Slack toont maximaal {max} blokken)",
    "slack.loadingTitle": "Klantpuls",
    "slack.loading": "Even geduld, ik haal de gegevens op…",
    "slack.close": "Sluiten",
    "slack.cancel": "Annuleren",
    "slack.shareFailed":
      "Ik kan hier niet posten ({error}). Nodig me uit in dit kanaal met `/invite @Klantpuls` en probeer het opnieuw.",
    "slack.deliveryFailed":
      "Slack weigerde mijn antwoord ({error}). De fout is gelogd; probeer het zo nog eens.",
    "slack.home.title": "Klantpuls",
    "slack.home.greeting": "Hoi {name}, dit is de stand van jouw klanten.",
    "slack.home.myCustomers": "Mijn klanten ({count})",
    "slack.home.noCustomers": "Je bent nog geen accountmanager van een klant.",
    "slack.home.notScored": "nog geen score",
    "slack.home.customerLine": "{emoji} **{name}** · {score} · {band} · trend {trend}",
    "slack.home.myAlerts": "Mijn open signalen ({count})",
    "slack.home.noAlerts": "Geen open signalen. 👍",
    "slack.home.alertLine": "**{customer}** · {kind} · sinds {date}",
    "slack.home.howTo": "Zo gebruik je Klantpuls",
    "slack.home.commands":
      "`/klant-health <klant>` de gezondheidskaart van een klant\n`/klant-risico [segment] [aantal]` klanten met risico, op omzet\n`/klant-kpi [periode] [segment]` retentie, churn, NPS, CLV en meer",
    "slack.home.scoredOn": "Scores van {date}. Trend: verschil met 30 dagen eerder.",
    "slack.home.unknownUser":
      "Ik ken je nog niet als gebruiker van Klantpuls. Vraag een beheerder om je toe te voegen; daarna zie je hier je klanten.",
  },
  en: {
    "slack.more": "+{count} more",
    "slack.moreBlocks": "+{count} more (shortened: Slack shows at most {max} blocks)",
    "slack.loadingTitle": "Klantpuls",
    "slack.loading": "One moment, fetching the data…",
    "slack.close": "Close",
    "slack.cancel": "Cancel",
    "slack.shareFailed":
      "I can't post here ({error}). Invite me to this channel with `/invite @Klantpuls` and try again.",
    "slack.deliveryFailed":
      "Slack refused my answer ({error}). The error was logged; please try again shortly.",
    "slack.home.title": "Klantpuls",
    "slack.home.greeting": "Hi {name}, here is how your customers are doing.",
    "slack.home.myCustomers": "My customers ({count})",
    "slack.home.noCustomers": "You are not the account owner of any customer yet.",
    "slack.home.notScored": "not scored yet",
    "slack.home.customerLine": "{emoji} **{name}** · {score} · {band} · trend {trend}",
    "slack.home.myAlerts": "My open alerts ({count})",
    "slack.home.noAlerts": "No open alerts. 👍",
    "slack.home.alertLine": "**{customer}** · {kind} · since {date}",
    "slack.home.howTo": "How to use Klantpuls",
    "slack.home.commands":
      "`/klant-health <customer>` a customer's health card\n`/klant-risico [segment] [count]` at-risk customers by revenue\n`/klant-kpi [period] [segment]` retention, churn, NPS, CLV and more",
    "slack.home.scoredOn": "Scores of {date}. Trend: change against 30 days earlier.",
    "slack.home.unknownUser":
      "I don't know you as a Klantpuls user yet. Ask an admin to add you; then your customers show up here.",
  },
  fr: {
    "slack.more": "+{count} de plus",
    "slack.moreBlocks": "+{count} de plus (raccourci : Slack affiche au plus {max} blocs)",
    "slack.loadingTitle": "Klantpuls",
    "slack.loading": "Un instant, je récupère les données…",
    "slack.close": "Fermer",
    "slack.cancel": "Annuler",
    "slack.shareFailed":
      "Je ne peux pas publier ici ({error}). Invitez-moi dans ce canal avec `/invite @Klantpuls` et réessayez.",
    "slack.deliveryFailed":
      "Slack a refusé ma réponse ({error}). L'erreur a été enregistrée ; réessayez dans un instant.",
    "slack.home.title": "Klantpuls",
    "slack.home.greeting": "Bonjour {name}, voici où en sont vos clients.",
    "slack.home.myCustomers": "Mes clients ({count})",
    "slack.home.noCustomers": "Vous n'êtes encore gestionnaire de compte d'aucun client.",
    "slack.home.notScored": "pas encore de score",
    "slack.home.customerLine": "{emoji} **{name}** · {score} · {band} · tendance {trend}",
    "slack.home.myAlerts": "Mes alertes ouvertes ({count})",
    "slack.home.noAlerts": "Aucune alerte ouverte. 👍",
    "slack.home.alertLine": "**{customer}** · {kind} · depuis le {date}",
    "slack.home.howTo": "Comment utiliser Klantpuls",
    "slack.home.commands":
      "`/klant-health <client>` la fiche santé d'un client\n`/klant-risico [segment] [nombre]` les clients à risque, par chiffre d'affaires\n`/klant-kpi [période] [segment]` rétention, churn, NPS, CLV et plus",
    "slack.home.scoredOn": "Scores du {date}. Tendance : écart avec 30 jours plus tôt.",
    "slack.home.unknownUser":
      "Je ne vous connais pas encore comme utilisateur de Klantpuls. Demandez à un administrateur de vous ajouter ; vos clients apparaîtront ensuite ici.",
  },
});
