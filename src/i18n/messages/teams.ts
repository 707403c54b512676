import { defineMessages } from "../define.ts";

export const teamsText = defineMessages({
  nl: {
    "teams.help.title": "Klantpuls in Teams",
    "teams.help.intro":
      "Typ een commando hier in de chat, of noem mij in een kanaal of groepschat (@Klantpuls klant-health acme):",
    "teams.help.health": "**klant-health <klant>** — score, trend en redenen van één klant",
    "teams.help.risk": "**klant-risico [segment] [aantal]** — klanten met risico, op omzet",
    "teams.help.kpi": "**klant-kpi [periode] [segment]** — retentie, churn, NPS, CLV en omzet met risico",
    "teams.help.footer": "Een / ervoor mag ook: /klant-health acme.",
    "teams.unknownText": "Dat herken ik niet als commando: “{text}”.",
    "teams.welcome":
      "Hallo! Ik ben Klantpuls: ik laat zien hoe het met je klanten gaat en waarschuw als een klant wegglijdt. Typ **help** voor de commando's.",
    "teams.shared": "Gedeeld in het gesprek.",
    "teams.formErrors": "Controleer het formulier: {errors}",
    "teams.form.required": "Vul dit veld in.",
    "teams.form.tooLong": "Maximaal {max} tekens.",
    "teams.card.truncated": "Kaart ingekort: de rest past niet in één Teams-bericht.",
  },
  en: {
    "teams.help.title": "Klantpuls in Teams",
    "teams.help.intro":
      "Type a command here in the chat, or mention me in a channel or group chat (@Klantpuls klant-health acme):",
    "teams.help.health": "**klant-health <customer>** — one customer's score, trend and reasons",
    "teams.help.risk": "**klant-risico [segment] [count]** — customers at risk, by revenue",
    "teams.help.kpi": "**klant-kpi [period] [segment]** — retention, churn, NPS, CLV and revenue at risk",
    "teams.help.footer": "A leading / works too: /klant-health acme.",
    "teams.unknownText": "I don't recognise that as a command: “{text}”.",
    "teams.welcome":
      "Hello! I'm Klantpuls: I show how your customers are doing and warn you when one starts slipping away. Type **help** for the commands.",
    "teams.shared": "Shared in the conversation.",
    "teams.formErrors": "Please check the form: {errors}",
    "teams.form.required": "Please fill this in.",
    "teams.form.tooLong": "At most {max} characters.",
    "teams.card.truncated": "Card shortened: the rest does not fit in one Teams message.",
  },
  fr: {
    "teams.help.title": "Klantpuls dans Teams",
    "teams.help.intro":
      "Tapez une commande ici dans le chat, ou mentionnez-moi dans un canal ou une conversation de groupe (@Klantpuls klant-health acme) :",
    "teams.help.health": "**klant-health <client>** — score, tendance et raisons d'un client",
    "teams.help.risk": "**klant-risico [segment] [nombre]** — clients à risque, par chiffre d'affaires",
    "teams.help.kpi":
      "**klant-kpi [période] [segment]** — rétention, churn, NPS, CLV et chiffre d'affaires à risque",
    "teams.help.footer": "Un / devant fonctionne aussi : /klant-health acme.",
    "teams.unknownText": "Je ne reconnais pas cela comme une commande : « {text} ».",
    "teams.welcome":
      "Bonjour ! Je suis Klantpuls : je montre comment vont vos clients et je vous préviens quand l'un d'eux commence à décrocher. Tapez **help** pour les commandes.",
    "teams.shared": "Partagé dans la conversation.",
    "teams.formErrors": "Vérifiez le formulaire : {errors}",
    "teams.form.required": "Remplissez ce champ.",
    "teams.form.tooLong": "{max} caractères au maximum.",
    "teams.card.truncated": "Fiche raccourcie : le reste ne tient pas dans un seul message Teams.",
  },
});
