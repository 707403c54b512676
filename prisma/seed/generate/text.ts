/** Free text as a Dutch/Belgian ERP and survey tool would hold it. */
import type { Rng } from "./rng.ts";

export const complaintSummaries = [
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
export const promoterComments = [
  "Altijd snel geleverd, prima contact.",
  "Betrouwbare partner, denkt goed mee.",
  "Zeer tevreden over de accountmanager.",
  "Goede kwaliteit en scherpe prijzen.",
  "Problemen worden snel opgelost.",
] as const;
export const passiveComments = [
  "Prima, maar de levertijden mogen korter.",
  "Redelijk tevreden, prijzen zijn wel gestegen.",
  "Doet wat het moet doen.",
  "Contact kan soms wat proactiever.",
] as const;
export const detractorComments = [
  "Leveringen komen steeds vaker te laat.",
  "Facturen kloppen regelmatig niet.",
  "We horen weinig van onze contactpersoon.",
  "Kwaliteit is achteruitgegaan.",
  "Te duur voor wat we krijgen.",
  "Klachten worden niet opgepakt.",
] as const;
export const pulseComments = [
  "Loopt goed, volgende maand evaluatiegesprek.",
  "Nieuwe inkoper, relatie moet nog groeien.",
  "Kijken ook bij de concurrent.",
  "Tevreden, wil uitbreiden.",
  "Budget staat onder druk.",
  "",
  "",
] as const;

export function npsComment(rng: Rng, score: number): string {
  if (rng.chance(0.5)) return "";
  if (score >= 9) return rng.pick(promoterComments);
  if (score >= 7) return rng.pick(passiveComments);
  return rng.pick(detractorComments);
}
