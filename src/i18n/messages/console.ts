import { defineMessages } from "../define.ts";

/** The demo console (`npm run demo`): its help, prompts, form questions and labels. */
export const consoleText = defineMessages({
  nl: {
    "console.help":
      "Typ een commando zoals in Slack of Teams:\n  /klant-health acme          de gezondheidskaart van een klant\n  /klant-risico [segment] [n] klanten met risico, op omzet met risico\n  /klant-kpi [periode] [seg]  retentie-KPI's (bijv. /klant-kpi 2026-Q3 MKB)\n  /home                       het App Home-tabblad (Slack)\n  1, 2, …                     druk op knop [1], [2], … van het laatste antwoord\n  a1, b2, …                   druk op een knop van bericht a, b, … dat de bot uit zichzelf stuurde\n  tijd +1d / tijd +2h         zet de demoklok vooruit (d, h, m) en voer uit wat aan de beurt is\n  job <id>                    voer een taak nu uit (jobs: de lijst)\n  help                        deze tekst\n  quit                        stop de demo",
    "console.prompt": "klantpuls> ",
    "console.noButton": "Er is geen knop {input}. Knoppen van het laatste antwoord: {range}.",
    "console.noButtons": "Er is geen knop {input}: het laatste antwoord had geen knoppen.",
    "console.noMessage": "Er is geen bericht {letter}. Berichten van de bot: {letters}.",
    "console.noMessages": "Er is geen bericht {letter}: de bot heeft nog niets uit zichzelf gestuurd.",
    "console.unknownInput": "Onbekende invoer “{line}”. Typ help voor de commando's.",
    "console.error": "Fout: {message}",
    "console.background":
      "── bericht {letter} van de bot, terwijl je bezig was (knoppen {letter}1, {letter}2, …) ──",
    "console.toOthers":
      "Klantpuls stuurde ook {count, plural, one {# DM} other {# DM's}} aan collega's (pulses, meldingen); die zien zij in hun eigen Slack.",
    "console.catchingUp":
      "Even wachten: de bot haalt de taken van vanochtend in (scores, meldingen, pulses)…",
    "console.notSaved": "Niet opgeslagen: {errors} Probeer het nog eens.",
    "console.skip": " (Enter om over te slaan)",
    "console.keep": " (Enter: {label})",
    "console.choose": "Kies een nummer, of typ een deel van de naam",
    "console.badChoice": "“{answer}” staat niet in de lijst. Kies een nummer van 1 t/m {count}.",
    "console.badNumber": "“{answer}” kan niet: kies {options}.",
    "console.required": "Dit veld is verplicht.",
    "console.cancelled": "Formulier geannuleerd.",
    "console.clockNow": "Het is nu {when}.",
    "console.clockUsage": "Gebruik bijvoorbeeld tijd +1d, tijd +3h of tijd +30m.",
    "console.jobRan": "{job} uitgevoerd voor {period}",
    "console.jobFailed": "{job} mislukt: {error}",
    "console.deliveries": "berichten: {sent} verstuurd, {retrying} opnieuw te proberen, {failed} mislukt",
    "console.where.ephemeral": "alleen zichtbaar voor jou",
    "console.where.visible": "zichtbaar voor iedereen",
    "console.where.dmToYou": "DM van Klantpuls aan jou",
    "console.where.dmTo": "DM van Klantpuls aan {name}",
    "console.where.updated": "bijgewerkt",
    "console.where.home": "App Home-tabblad",
    "console.where.modal": "venster",
    "console.banner":
      "Klantpuls-demo — {database} in {location}, bot op {url}\nJe bent {name} ({role}). Taal: {language}.",
    "console.bannerSlack":
      "Slack, lokaal nagespeeld: elk commando wordt ondertekend zoals Slack dat doet en gePOST naar {eventsUrl};\nde Web API en response_url draaien op {apiUrl}. /home opent het App Home-tabblad.",
    "console.loading":
      "Demodata laden: {customers, plural, one {# klant} other {# klanten}} met 3 jaar historie…",
    "console.loaded": "Geladen in {seconds} s; 13 weken historie scoren…",
    "console.scored":
      "{customers, plural, one {# klant} other {# klanten}} gescoord op {dates} datums in {seconds} s.",
    "console.trackRecord": "Trefzekerheid teruggerekend op {dates} datums in {seconds} s.",
    "console.customersIgnored":
      "--customers {requested} genegeerd: {dataDir} heeft al {existing, plural, one {# klant} other {# klanten}}. Begin opnieuw met --fresh (of verwijder de map).",
    "console.role.ADMIN": "beheerder",
    "console.role.MANAGER": "manager",
    "console.role.MEMBER": "medewerker",
    "console.language": "Nederlands",
  },
  en: {
    "console.help":
      "Type a command as in Slack or Teams:\n  /klant-health acme          a customer's health card\n  /klant-risico [segment] [n] at-risk customers by revenue at risk\n  /klant-kpi [period] [seg]   retention KPIs (e.g. /klant-kpi 2026-Q3 MKB)\n  /home                       the App Home tab (Slack)\n  1, 2, …                     press button [1], [2], … of the last answer\n  a1, b2, …                   press a button of message a, b, … that the bot sent on its own\n  time +1d / time +2h         move the demo clock (d, h, m) and run what became due\n  job <id>                    run a job now (jobs: list them)\n  help                        this text\n  quit                        stop the demo",
    "console.prompt": "klantpuls> ",
    "console.noButton": "There is no button {input}. Buttons of the last answer: {range}.",
    "console.noButtons": "There is no button {input}: the last answer had no buttons.",
    "console.noMessage": "There is no message {letter}. Messages from the bot: {letters}.",
    "console.noMessages": "There is no message {letter}: the bot has not sent anything on its own yet.",
    "console.unknownInput": "Unknown input “{line}”. Type help for the commands.",
    "console.error": "Error: {message}",
    "console.background":
      "── message {letter} from the bot, while you were busy (buttons {letter}1, {letter}2, …) ──",
    "console.toOthers":
      "Klantpuls also sent {count, plural, one {# DM} other {# DMs}} to colleagues (pulses, alerts); they see those in their own Slack.",
    "console.catchingUp":
      "One moment: the bot is catching up on this morning's jobs (scores, alerts, pulses)…",
    "console.notSaved": "Not saved: {errors} Please try again.",
    "console.skip": " (Enter to skip)",
    "console.keep": " (Enter: {label})",
    "console.choose": "Choose a number, or type part of the name",
    "console.badChoice": "“{answer}” is not in the list. Choose a number from 1 to {count}.",
    "console.badNumber": "“{answer}” is not possible: choose {options}.",
    "console.required": "This field is required.",
    "console.cancelled": "Form cancelled.",
    "console.clockNow": "It is now {when}.",
    "console.clockUsage": "Use e.g. time +1d, time +3h or time +30m.",
    "console.jobRan": "ran {job} for {period}",
    "console.jobFailed": "{job} failed: {error}",
    "console.deliveries": "deliveries: {sent} sent, {retrying} to retry, {failed} failed",
    "console.where.ephemeral": "only visible to you",
    "console.where.visible": "visible to everyone",
    "console.where.dmToYou": "DM from Klantpuls to you",
    "console.where.dmTo": "DM from Klantpuls to {name}",
    "console.where.updated": "updated",
    "console.where.home": "App Home tab",
    "console.where.modal": "modal",
    "console.banner":
      "Klantpuls demo — {database} in {location}, bot on {url}\nYou are {name} ({role}). Language: {language}.",
    "console.bannerSlack":
      "Slack, played locally: each command is signed like Slack signs it and POSTed to {eventsUrl};\nthe Web API and response_url run on {apiUrl}. /home opens the App Home tab.",
    "console.loading":
      "Loading demo data: {customers, plural, one {# customer} other {# customers}} with 3 years of history…",
    "console.loaded": "Loaded in {seconds} s; scoring 13 weeks of history…",
    "console.scored":
      "Scored {customers, plural, one {# customer} other {# customers}} on {dates} dates in {seconds} s.",
    "console.trackRecord": "Track record replayed on {dates} dates in {seconds} s.",
    "console.customersIgnored":
      "--customers {requested} ignored: {dataDir} already holds {existing, plural, one {# customer} other {# customers}}. Start over with --fresh (or delete the folder).",
    "console.role.ADMIN": "admin",
    "console.role.MANAGER": "manager",
    "console.role.MEMBER": "member",
    "console.language": "English",
  },
  fr: {
    "console.help":
      "Tapez une commande comme dans Slack ou Teams :\n  /klant-health acme          la fiche santé d'un client\n  /klant-risico [segment] [n] clients à risque, par chiffre d'affaires à risque\n  /klant-kpi [période] [seg]  KPI de rétention (p. ex. /klant-kpi 2026-Q3 MKB)\n  /home                       l'onglet App Home (Slack)\n  1, 2, …                     appuyer sur le bouton [1], [2], … de la dernière réponse\n  a1, b2, …                   appuyer sur un bouton du message a, b, … envoyé par le bot de lui-même\n  temps +1d / temps +2h       avancer l'horloge de la démo (d, h, m) et exécuter ce qui est dû\n  job <id>                    exécuter une tâche maintenant (jobs : la liste)\n  help                        ce texte\n  quit                        arrêter la démo",
    "console.prompt": "klantpuls> ",
    "console.noButton": "Il n'y a pas de bouton {input}. Boutons de la dernière réponse : {range}.",
    "console.noButtons": "Il n'y a pas de bouton {input} : la dernière réponse n'avait pas de boutons.",
    "console.noMessage": "Il n'y a pas de message {letter}. Messages du bot : {letters}.",
    "console.noMessages": "Il n'y a pas de message {letter} : le bot n'a encore rien envoyé de lui-même.",
    "console.unknownInput": "Saisie inconnue « {line} ». Tapez help pour les commandes.",
    "console.error": "Erreur : {message}",
    "console.background":
      "── message {letter} du bot, pendant que vous étiez occupé (boutons {letter}1, {letter}2, …) ──",
    "console.toOthers":
      "Klantpuls a aussi envoyé {count, plural, one {# DM} other {# DM}} à des collègues (pulses, alertes) ; ils les voient dans leur propre Slack.",
    "console.catchingUp": "Un instant : le bot rattrape les tâches de ce matin (scores, alertes, pulses)…",
    "console.notSaved": "Non enregistré : {errors} Réessayez.",
    "console.skip": " (Entrée pour passer)",
    "console.keep": " (Entrée : {label})",
    "console.choose": "Choisissez un numéro, ou tapez une partie du nom",
    "console.badChoice": "« {answer} » n'est pas dans la liste. Choisissez un numéro de 1 à {count}.",
    "console.badNumber": "« {answer} » n'est pas possible : choisissez {options}.",
    "console.required": "Ce champ est obligatoire.",
    "console.cancelled": "Formulaire annulé.",
    "console.clockNow": "Il est maintenant {when}.",
    "console.clockUsage": "Utilisez p. ex. time +1d, time +3h ou time +30m.",
    "console.jobRan": "{job} exécuté pour {period}",
    "console.jobFailed": "{job} a échoué : {error}",
    "console.deliveries": "messages : {sent} envoyés, {retrying} à réessayer, {failed} en échec",
    "console.where.ephemeral": "visible par vous seul",
    "console.where.visible": "visible par tous",
    "console.where.dmToYou": "DM de Klantpuls pour vous",
    "console.where.dmTo": "DM de Klantpuls pour {name}",
    "console.where.updated": "mis à jour",
    "console.where.home": "onglet App Home",
    "console.where.modal": "fenêtre",
    "console.banner":
      "Démo Klantpuls — {database} dans {location}, bot sur {url}\nVous êtes {name} ({role}). Langue : {language}.",
    "console.bannerSlack":
      "Slack, simulé en local : chaque commande est signée comme Slack la signe et envoyée (POST) à {eventsUrl} ;\nla Web API et response_url tournent sur {apiUrl}. /home ouvre l'onglet App Home.",
    "console.loading":
      "Chargement des données de démo : {customers, plural, one {# client} other {# clients}} avec 3 ans d'historique…",
    "console.loaded": "Chargé en {seconds} s ; calcul des scores de 13 semaines d'historique…",
    "console.scored":
      "{customers, plural, one {# client noté} other {# clients notés}} sur {dates} dates en {seconds} s.",
    "console.trackRecord": "Fiabilité recalculée sur {dates} dates en {seconds} s.",
    "console.customersIgnored":
      "--customers {requested} ignoré : {dataDir} contient déjà {existing, plural, one {# client} other {# clients}}. Recommencez avec --fresh (ou supprimez le dossier).",
    "console.role.ADMIN": "administrateur",
    "console.role.MANAGER": "manager",
    "console.role.MEMBER": "collaborateur",
    "console.language": "français",
  },
});
