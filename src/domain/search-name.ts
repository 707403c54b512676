/**
 * The lookup form of a customer name: lower-case, accents stripped, whitespace collapsed.
 * The importer writes it to `customers.search_name` and the lookup normalizes the query the same way,
 * so "cafe hotel leon" finds "Café Hôtel Léon BV".
 */
export function normalizeSearchName(name: string): string {
  return (
    name
      // Lower-case first: some capitals (e.g. "İ") decompose into a base letter plus a mark.
      .toLowerCase()
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .replace(/\s+/g, " ")
      .trim()
  );
}
