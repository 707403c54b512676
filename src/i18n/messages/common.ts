import { defineMessages } from "../define.ts";

export const common = defineMessages({
  nl: {
    "common.unknownUser":
      "Ik ken je nog niet als gebruiker van Klantpuls. Vraag een beheerder om je toe te voegen (klantpuls import users).",
    "common.forbidden": "Dat mag alleen een {roles}.",
    "common.internalError": "Er ging iets mis aan onze kant. Probeer het zo nog eens; de fout is gelogd.",
    "common.more": "+{count} meer",
    "common.noData": "geen gegevens",
    "common.yes": "ja",
    "common.no": "nee",
  },
  en: {
    "common.unknownUser":
      "I don't know you as a Klantpuls user yet. Ask an admin to add you (klantpuls import users).",
    "common.forbidden": "Only a {roles} can do that.",
    "common.internalError":
      "Something went wrong on our side. Please try again shortly; the error was logged.",
    "common.more": "+{count} more",
    "common.noData": "no data",
    "common.yes": "yes",
    "common.no": "no",
  },
  fr: {
    "common.unknownUser":
      "Je ne vous connais pas encore comme utilisateur de Klantpuls. Demandez à un administrateur de vous ajouter (klantpuls import users).",
    "common.forbidden": "Seul un {roles} peut faire cela.",
    "common.internalError":
      "Un problème est survenu de notre côté. Réessayez dans un instant ; l'erreur a été enregistrée.",
    "common.more": "+{count} de plus",
    "common.noData": "pas de données",
    "common.yes": "oui",
    "common.no": "non",
  },
});
