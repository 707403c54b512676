/** Company names a Dutch/Belgian ERP would hold: unique by their core (name without legal form). */
import { normalizeSearchName } from "../../../src/domain/search-name.ts";
import type { Rng } from "./rng.ts";

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
export const cities = [
  "Zwolle", "Utrecht", "Eindhoven", "Tilburg", "Breda", "Groningen", "Leeuwarden", "Arnhem", "Nijmegen",
  "Apeldoorn", "Amersfoort", "Venlo", "Den Bosch", "Rotterdam", "Dordrecht", "Haarlem", "Alkmaar", "Enschede",
  "Deventer", "Antwerpen", "Gent", "Brugge", "Leuven", "Hasselt", "Mechelen", "Kortrijk", "Genk", "Liège",
] as const;
const legalFormsNl = ["B.V.", "BV", "B.V.", "B.V.", "V.O.F.", ""] as const;
const legalFormsBe = ["NV", "BV", "BV", "BVBA", "NV"] as const;
export const legalFormPattern = /\s+(B\.V\.|BV|NV|BVBA|V\.O\.F\.)$/i;

export function coreName(name: string): string {
  return normalizeSearchName(name.replace(legalFormPattern, ""));
}

export function drawCompanyName(rng: Rng): string {
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
