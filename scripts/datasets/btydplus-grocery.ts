/**
 * Converts the public "groceryElog" event log (BTYDplus R package, Platzer & Reutterer 2016) into
 * Klantpuls import files, so the health score can be backtested on a real book nobody on the team
 * wrote. See docs/health-model.md, "Evidence on a public book".
 *
 *   npx tsx scripts/datasets/btydplus-grocery.ts <groceryElog.rda> <out-dir>
 *
 * The data: 10,483 purchases of 1,525 customers of an online grocery store, 2006-01-01 to
 * 2007-12-30; every customer's first purchase is in the first quarter of 2006 (a quasi cohort the
 * authors made from a four-year log). Columns: `cust` (factor) and `date` (Date). There are no order
 * amounts, so every order is written with the same nominal amount (1.00): revenue-based features then
 * equal order counts and carry no extra information.
 *
 * Writes `customers.csv` (external_id, name, customer_since = the first purchase) and `orders.csv`
 * (one order per purchase row; several purchases on one day stay several orders, as in the log).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { readRData } from "./r-data.ts";

const NOMINAL_AMOUNT = "1.00";

function main(): void {
  const [input, outDir] = process.argv.slice(2);
  if (!input || !outDir) {
    console.error("Usage: npx tsx scripts/datasets/btydplus-grocery.ts <groceryElog.rda> <out-dir>");
    process.exit(2);
  }
  const frame = readRData(readFileSync(input)).find((candidate) => candidate.name === "groceryElog");
  if (!frame) throw new Error(`${input} holds no data frame called groceryElog`);
  const customers = frame.columns.get("cust");
  const dates = frame.columns.get("date");
  if (customers?.kind !== "factor" || dates?.kind !== "date") {
    throw new Error("groceryElog must have a factor column `cust` and a Date column `date`");
  }

  const firstPurchase = new Map<string, string>();
  const orders: string[] = ["external_id,customer_external_id,ordered_on,amount"];
  const perCustomer = new Map<string, number>();
  for (let row = 0; row < frame.rows; row++) {
    const customer = customers.values[row];
    const day = dates.values[row];
    if (!customer || !day) throw new Error(`row ${row + 1}: missing customer or date`);
    const n = (perCustomer.get(customer) ?? 0) + 1;
    perCustomer.set(customer, n);
    orders.push(`G${customer}-${n},G${customer},${day},${NOMINAL_AMOUNT}`);
    const first = firstPurchase.get(customer);
    if (!first || day < first) firstPurchase.set(customer, day);
  }

  const customerRows = ["external_id,name,customer_since"];
  for (const [customer, since] of firstPurchase)
    customerRows.push(`G${customer},Grocery customer ${customer},${since}`);

  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, "customers.csv"), `${customerRows.join("\n")}\n`);
  writeFileSync(path.join(outDir, "orders.csv"), `${orders.join("\n")}\n`);
  const days = [...dates.values].filter((day): day is string => day !== null).sort();
  console.log(
    `${firstPurchase.size} customers, ${frame.rows} orders, ${days[0]} .. ${days.at(-1)} -> ${outDir}/customers.csv, orders.csv`,
  );
}

main();
