/**
 * The importable kinds, their canonical columns (snake_case, as documented in README.md, "Importing ERP data") and the
 * header names real ERP exports use for them (Exact, AFAS, Odoo, SAP Business One, Excel — many Dutch).
 * Aliases are compared after `normalizeHeader`, so case, accents, spaces and punctuation do not matter.
 */
export const importKinds = [
  "customers",
  "invoices",
  "orders",
  "complaints",
  "engagement",
  "nps",
  "users",
] as const;
export type ImportKind = (typeof importKinds)[number];

export function isImportKind(value: string): value is ImportKind {
  return (importKinds as readonly string[]).includes(value);
}

export interface ColumnSpec {
  name: string;
  required: boolean;
  aliases: string[];
}

/** What ERP exports call a customer's number, in the customers file and in files that refer to one. */
const customerNumberAliases = [
  "klantnummer",
  "klantnr",
  "klant_id",
  "klantcode",
  "debiteurnummer",
  "debiteurnr",
  "debiteur",
  "relatienummer",
  "relatienr",
  "relatiecode",
  "customer_id",
  "customer_number",
  "customer_no",
];

const customerRef: ColumnSpec = {
  name: "customer_external_id",
  required: true,
  // In a file about invoices or orders a bare "klant" or "customer" column is the customer's number.
  aliases: [...customerNumberAliases, "klant", "customer", "account_id"],
};

function col(name: string, required: boolean, aliases: string[] = []): ColumnSpec {
  return { name, required, aliases };
}

export const kindColumns: Record<ImportKind, ColumnSpec[]> = {
  customers: [
    col("external_id", true, [...customerNumberAliases, "id"]),
    col("name", true, [
      "klantnaam",
      "naam",
      "bedrijfsnaam",
      "bedrijf",
      "relatienaam",
      "debiteurnaam",
      "company",
      "customer_name",
    ]),
    col("segment", false, ["branche", "sector", "klantgroep", "klantsegment", "categorie", "industry"]),
    col("owner_email", false, [
      "accountmanager",
      "accountmanager_email",
      "account_manager",
      "eigenaar",
      "eigenaar_email",
      "verkoper_email",
      "owner",
    ]),
    col("customer_since", false, [
      "klant_sinds",
      "klantsinds",
      "startdatum",
      "begindatum",
      "aanmaakdatum",
      "since",
      "created",
    ]),
    col("churned_at", false, [
      "einddatum",
      "opgezegd_op",
      "opzegdatum",
      "vertrokken_op",
      "churn_date",
      "churned_on",
    ]),
    col("status", false, ["klantstatus", "state"]),
  ],
  invoices: [
    col("external_id", true, [
      "factuurnummer",
      "factuurnr",
      "factuur",
      "factuur_id",
      "invoice_number",
      "invoice_no",
      "invoice_id",
      "invoice",
    ]),
    customerRef,
    col("issued_on", true, ["factuurdatum", "datum", "boekdatum", "invoice_date", "date", "issued"]),
    col("due_on", true, ["vervaldatum", "vervaldag", "uiterste_betaaldatum", "due_date", "due"]),
    col("paid_on", false, [
      "betaaldatum",
      "betaald_op",
      "datum_betaald",
      "paid_date",
      "payment_date",
      "paid",
    ]),
    col("amount", true, [
      "bedrag",
      "factuurbedrag",
      "totaal",
      "totaalbedrag",
      "bedrag_incl_btw",
      "bedrag_excl_btw",
      "total",
      "amount_eur",
    ]),
  ],
  orders: [
    col("external_id", true, [
      "ordernummer",
      "ordernr",
      "order",
      "bestelnummer",
      "bestelnr",
      "verkooporder",
      "order_number",
      "order_no",
      "order_id",
    ]),
    customerRef,
    col("ordered_on", true, ["orderdatum", "besteldatum", "datum", "order_date", "date"]),
    col("amount", true, ["bedrag", "orderbedrag", "omzet", "totaal", "totaalbedrag", "total", "revenue"]),
    col("quantity", false, ["aantal", "hoeveelheid", "stuks", "qty"]),
  ],
  complaints: [
    col("external_id", true, [
      "klachtnummer",
      "klachtnr",
      "ticketnummer",
      "ticketnr",
      "ticket",
      "meldingnummer",
      "complaint_id",
      "ticket_id",
    ]),
    customerRef,
    col("opened_on", true, [
      "datum",
      "klachtdatum",
      "meldingsdatum",
      "melddatum",
      "gemeld_op",
      "geopend_op",
      "opened",
      "date",
    ]),
    col("resolved_on", false, [
      "opgelost_op",
      "afgehandeld_op",
      "sluitdatum",
      "gesloten_op",
      "resolved",
      "closed_on",
    ]),
    col("severity", false, ["ernst", "prioriteit", "urgentie", "priority"]),
    col("summary", false, [
      "omschrijving",
      "samenvatting",
      "onderwerp",
      "beschrijving",
      "description",
      "subject",
    ]),
  ],
  engagement: [
    customerRef,
    col("occurred_on", true, ["datum", "date", "activiteitsdatum"]),
    col("kind", true, ["soort", "type", "activiteit", "kanaal", "activity"]),
    col("count", false, ["aantal", "number", "total"]),
  ],
  nps: [
    customerRef,
    col("answered_on", true, ["datum", "antwoorddatum", "ingevuld_op", "date", "response_date"]),
    col("score", true, ["cijfer", "nps", "nps_score", "rating"]),
    col("comment", false, ["opmerking", "toelichting", "commentaar", "reactie", "feedback"]),
  ],
  users: [
    col("email", true, ["e_mail", "emailadres", "e_mailadres", "mail"]),
    col("name", true, ["naam", "volledige_naam", "full_name"]),
    col("role", false, ["rol", "functie_rol"]),
    col("slack_user_id", false, ["slack_id", "slack", "slack_user"]),
    col("teams_user_id", false, ["teams_id", "teams", "aad_object_id", "teams_user"]),
  ],
};

/** Lower-case, accent-free, only letters and digits: "Factuur-datum" and "factuurdatum" compare equal. */
export function normalizeHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, "")
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[^a-z0-9]/g, "");
}
