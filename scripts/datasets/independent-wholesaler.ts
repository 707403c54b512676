/**
 * Generates a synthetic B2B wholesaler book as Klantpuls import files, made by a hidden process written
 * without looking at the project's own demo generator (prisma/seed), to check that the health score
 * generalises beyond the book it was developed on. See docs/health-model.md, "Evidence".
 *
 *   npx tsx scripts/datasets/independent-wholesaler.ts --out DIR [--seed N] [--variant base|pay] [--customers N]
 *
 * `--out` is required (no default directory). Defaults: `--seed 20261130`, `--variant base`,
 * `--customers 3000`. The `pay` variant makes the order signals weaker and the payment signal stronger.
 * The same arguments always give byte-identical files. The export window is 2023-12-01 .. 2026-11-30;
 * about half of the customers exist at its start, the rest sign up during it.
 *
 * Hidden process:
 *  - every customer has a latent satisfaction s (weekly AR(1) random walk around its own mean) with
 *    shocks: bad delivery (often a complaint), company-wide price rises (price-sensitive customers),
 *    competitor visits (invisible except through behaviour), good-service boosts;
 *  - weekly churn hazard = base * exp(-b*s) * seasonality (contract customers around their contract
 *    anniversary, others at year end) + an abrupt part (takeover / bankruptcy, the latter preceded by
 *    slow payment);
 *  - s shows with different lags and noise in order gaps (lag ~4 w), basket size (lag ~8 w), payment
 *    delay (lag ~2 w; chronic late payers regardless), complaints, NPS (30 % responders, two waves a
 *    year) and monthly engagement (web, newsletter, calls/meetings/emails — some reactive);
 *  - nuisances: credit-note order lines, sign-ups that never order, trials, weekly..quarterly rhythms,
 *    seasonal (garden) buyers, wind-down before leaving for some, ERP churn date for some churners.
 *
 * Writes to DIR the import files `users.csv` (the account owners), `customers.csv` (churned_at only
 * where the "ERP" recorded one), `orders.csv` (credit notes as negative lines), `invoices.csv`,
 * `complaints.csv`, `engagement.csv` (monthly counts per kind) and `nps.csv`, plus `truth.csv`: the
 * hidden truth per customer (type, latent traits, churn week / date / cause, mean satisfaction), for
 * evaluation only — do not import it.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

// ---------- args ----------
const argv = process.argv.slice(2);
function arg(name: string, def: string): string {
  const i = argv.indexOf(`--${name}`);
  const value = argv[i + 1];
  return i >= 0 && value !== undefined ? value : def;
}
const SEED = Number(arg("seed", "20261130"));
const VARIANT = arg("variant", "base"); // base | pay (orders weaker, payment stronger)
const OUT = arg("out", "");
if (!OUT) {
  console.error(
    "Usage: npx tsx scripts/datasets/independent-wholesaler.ts --out DIR [--seed N] [--variant base|pay] [--customers N]",
  );
  process.exit(2);
}
const N_CUSTOMERS = Number(arg("customers", "3000"));

// ---------- PRNG (sfc32 seeded via splitmix32) ----------
function splitmix32(a: number) {
  return () => {
    a |= 0;
    a = (a + 0x9e3779b9) | 0;
    let t = a ^ (a >>> 16);
    t = Math.imul(t, 0x21f0aaad);
    t = t ^ (t >>> 15);
    t = Math.imul(t, 0x735a2d97);
    return (t ^ (t >>> 15)) >>> 0;
  };
}
function sfc32(seed: number) {
  const sm = splitmix32(seed);
  let a = sm(),
    b = sm(),
    c = sm(),
    d = sm();
  return () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}
const rnd = sfc32(SEED);
const U = (lo = 0, hi = 1) => lo + (hi - lo) * rnd();
const bern = (p: number) => rnd() < p;
let spare: number | null = null;
function normal(mu = 0, sd = 1): number {
  if (spare !== null) {
    const z = spare;
    spare = null;
    return mu + sd * z;
  }
  let u = 0,
    v = 0,
    s = 0;
  do {
    u = rnd() * 2 - 1;
    v = rnd() * 2 - 1;
    s = u * u + v * v;
  } while (s >= 1 || s === 0);
  const m = Math.sqrt((-2 * Math.log(s)) / s);
  spare = v * m;
  return mu + sd * u * m;
}
function gamma(shape: number, scale = 1): number {
  if (shape < 1) return gamma(shape + 1, scale) * rnd() ** (1 / shape);
  const d = shape - 1 / 3,
    c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x = 0,
      v = 0;
    do {
      x = normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rnd();
    if (u < 1 - 0.0331 * x ** 4) return d * v * scale;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v * scale;
  }
}
function poisson(lam: number): number {
  if (lam <= 0) return 0;
  if (lam > 40) return Math.max(0, Math.round(normal(lam, Math.sqrt(lam))));
  const L = Math.exp(-lam);
  let k = 0,
    p = 1;
  do {
    k++;
    p *= rnd();
  } while (p > L);
  return k - 1;
}
function pick<T>(items: T[], weights?: number[]): T {
  if (!weights) return items[Math.floor(rnd() * items.length)]!;
  const tot = weights.reduce((a, b) => a + b, 0);
  let r = rnd() * tot;
  for (let i = 0; i < items.length; i++) {
    r -= weights[i]!;
    if (r <= 0) return items[i]!;
  }
  return items[items.length - 1]!;
}
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

// ---------- calendar ----------
const DAY = 86400000;
const START = Date.UTC(2023, 11, 1); // 2023-12-01: start of the ERP export window
const END = Date.UTC(2026, 10, 30); // 2026-11-30
const NDAYS = Math.round((END - START) / DAY) + 1;
const iso = (d: number) => new Date(START + d * DAY).toISOString().slice(0, 10);
const isoAbs = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const monthOf = (d: number) => new Date(START + d * DAY).getUTCMonth(); // 0..11
const ENGAGEMENT_FROM = Math.round((Date.UTC(2024, 2, 1) - START) / DAY); // marketing tool from Mar 2024
const NPS_WAVES: number[] = [];
for (const y of [2024, 2025, 2026])
  for (const m of [2, 9]) NPS_WAVES.push(Math.round((Date.UTC(y, m, 10) - START) / DAY));
const PRICE_RISES = [Date.UTC(2025, 0, 6), Date.UTC(2026, 0, 5)].map((ms) =>
  Math.floor((ms - START) / DAY / 7),
);

// ---------- variant knobs ----------
const V =
  VARIANT === "pay"
    ? {
        gapSat: 0.1,
        basketSat: 0.07,
        gapShapeMul: 0.6,
        basketNoise: 0.5,
        windDownP: 0.15,
        paySat: 16,
        payLag: 1,
        chronicP: 0.08,
        payNoise: 3,
        hazardB: 1.3,
      }
    : {
        gapSat: 0.4,
        basketSat: 0.25,
        gapShapeMul: 1,
        basketNoise: 0.35,
        windDownP: 0.35,
        paySat: 6,
        payLag: 2,
        chronicP: 0.15,
        payNoise: 6,
        hazardB: 1.3,
      };

// ---------- names ----------
const P1 = [
  "Van Dijk",
  "De Boer",
  "Jansen",
  "Bakker",
  "Visser",
  "Smit",
  "Meijer",
  "Mulder",
  "Bos",
  "Vos",
  "Peters",
  "Hendriks",
  "Dekker",
  "Brouwer",
  "Kok",
  "Verhoeven",
  "Hoekstra",
  "Koster",
  "Prins",
  "Post",
];
const P2: Record<string, string[]> = {
  horeca: ["Eetcafé", "Brasserie", "Hotel", "Lunchroom", "Restaurant"],
  retail: ["Winkel", "Supermarkt", "Delicatessen", "Versmarkt"],
  bouw: ["Bouw", "Installatie", "Renovatie", "Timmerwerken"],
  zorg: ["Zorggroep", "Tandartspraktijk", "Verpleeghuis", "Fysio"],
  industrie: ["Metaal", "Techniek", "Productie", "Machinebouw"],
  tuin: ["Tuincentrum", "Hoveniers", "Kwekerij"],
};
const SEGMENTS = ["horeca", "retail", "bouw", "zorg", "industrie", "tuin"];
const SEG_W = [0.24, 0.22, 0.16, 0.12, 0.16, 0.1];
const OWNERS = ["anouk", "bas", "carla", "dirk", "eva", "frank"].map((n) => `${n}@altbook.example`);

// ---------- output buffers ----------
const customersCsv: string[] = ["external_id,name,segment,owner_email,customer_since,churned_at,status"];
const ordersCsv: string[] = ["external_id,customer_external_id,ordered_on,amount,quantity"];
const invoicesCsv: string[] = ["external_id,customer_external_id,issued_on,due_on,paid_on,amount"];
const complaintsCsv: string[] = ["external_id,customer_external_id,opened_on,resolved_on,severity,summary"];
const engagementCsv: string[] = ["customer_external_id,occurred_on,kind,count"];
const npsCsv: string[] = ["customer_external_id,answered_on,score,comment"];
const truth: string[] = [
  "external_id,type,segment,existing,rhythm_days,contract,chronic_late,nps_responder,churn_week,churn_date,churn_cause,erp_churned_at,orders,mean_s",
];
let orderSeq = 100000,
  invSeq = 500000,
  cplSeq = 1;
const money = (x: number) => x.toFixed(2);
const COMPLAINT_TEXT = [
  "Levering te laat",
  "Verkeerde artikelen geleverd",
  "Beschadigde levering",
  "Factuur klopt niet",
  "Product niet op voorraad",
  "Chauffeur onvriendelijk",
  "Prijsverhoging niet aangekondigd",
  "Kwaliteit minder dan verwacht",
];
const NPS_POS = ["Prima service", "Snelle levering", "Altijd goed geholpen", "", "", ""];
const NPS_NEG = ["Te duur", "Levering vaak te laat", "Slecht bereikbaar", "Concurrent is goedkoper", "", ""];

// ---------- customers ----------
let nChurn = 0,
  nErpChurn = 0,
  nNever = 0,
  nTrial = 0;
const nExisting = Math.round(N_CUSTOMERS * 0.52);
for (let ci = 0; ci < N_CUSTOMERS; ci++) {
  const id = `K${String(10001 + ci)}`;
  const existing = ci < nExisting;
  const segment = pick(SEGMENTS, SEG_W);
  const name = `${pick(P2[segment]!)} ${pick(P1)}${bern(0.3) ? " B.V." : ""} ${ci % 97}`;
  const owner = bern(0.85) ? OWNERS[ci % OWNERS.length] : "";
  // sign-up day (relative to START; negative = before the export window)
  const since = existing ? -Math.floor(U(30, 365 * 9)) : Math.floor(U(0, NDAYS - 10));
  const sinceIso = isoAbs(START + since * DAY);

  const type = existing ? "regular" : pick(["never", "trial", "regular"], [0.05, 0.12, 0.83]);
  const rhythm = pick([7, 14, 30, 45, 91], [0.15, 0.25, 0.3, 0.15, 0.15]) * Math.exp(normal(0, 0.2));
  const gapShape = U(1.3, 7) * V.gapShapeMul + 0.3; // regularity of the order rhythm
  const basketBase = Math.exp(normal(Math.log(45 * rhythm ** 0.85), 0.6));
  const seasonal = segment === "tuin" && bern(0.8);
  const contract = bern(0.35);
  const contractMonth = Math.floor(U(0, 12));
  const chronicLate = bern(V.chronicP);
  const payHabit = chronicLate ? U(12, 45) : normal(-2, 4);
  const terms = pick([14, 30, 30, 30, 60]);
  const complainer = U(0.2, 0.95);
  const priceSensitive = bern(0.4);
  const npsResponder = bern(0.3);
  const webUser = bern(0.8);
  const webRate = Math.exp(normal(Math.log(5), 0.8));
  const subscriber = bern(0.6);
  const openBias = normal(-0.3, 1.0);
  const emailRate = Math.exp(normal(Math.log(1.2), 0.7));
  const keyAccount = basketBase * (30 / rhythm) > 4000 || bern(0.1);
  const consolidated = rhythm < 10; // weekly buyers get one invoice per month
  const mu = normal(0.3, 0.45);
  let s = normal(mu, 0.4);
  const abruptCause = bern(0.5) ? "bankruptcy" : "takeover";
  const abruptHazard = 0.00045;
  const firstActiveDay = Math.max(0, since);

  // weekly state
  const NW = Math.ceil(NDAYS / 7) + 1;
  const sw = new Float64Array(NW).fill(NaN);
  let churnWeek = -1;
  let cause = "";
  let windDownWeeks = 0;
  let bankruptRampFrom = -1;
  const complaintsPlanned: { day: number; sev: number; text: string }[] = [];
  let trialOrdersLeft = type === "trial" ? 1 + Math.floor(U(0, 3)) : Infinity;

  const w0 = Math.floor(firstActiveDay / 7);
  for (let w = w0; w < NW; w++) {
    // satisfaction random walk with shocks
    s += 0.05 * (mu - s) + normal(0, 0.11);
    if (bern(0.007)) {
      // bad delivery
      s -= Math.abs(normal(0.8, 0.3));
      if (bern(complainer))
        complaintsPlanned.push({
          day: w * 7 + Math.floor(U(0, 7)),
          sev: bern(0.5) ? 3 : 2,
          text: pick(COMPLAINT_TEXT.slice(0, 4)),
        });
    }
    if (priceSensitive && PRICE_RISES.includes(w)) {
      s -= Math.abs(normal(0.6, 0.25));
      if (bern(0.15 * complainer))
        complaintsPlanned.push({
          day: w * 7 + Math.floor(U(0, 14)),
          sev: 1,
          text: "Prijsverhoging niet aangekondigd",
        });
    }
    if (bern(0.004)) s -= Math.abs(normal(1.0, 0.3)); // competitor visit: no trace
    if (bern(0.01)) s += Math.abs(normal(0.35, 0.15)); // good service
    if (w < NW) sw[w] = s;
    if (churnWeek >= 0) continue;
    // churn hazard
    const m = monthOf(Math.min(w * 7, NDAYS - 1));
    let season = 1;
    if (contract) season = (m + 1) % 12 === contractMonth || m === contractMonth ? 4 : 0.45;
    else season = m === 11 || m === 0 ? 1.8 : 0.9;
    const tenureW = w - Math.floor(since / 7);
    const youth = tenureW < 26 ? 1.8 : 1; // new customers are more fragile
    const h = 0.0021 * Math.exp(-V.hazardB * s) * season * youth;
    const wday = w * 7;
    if (wday > NDAYS - 1) break;
    if (bern(h)) {
      churnWeek = w;
      cause = "satisfaction";
    } else if (bern(abruptHazard)) {
      churnWeek = w;
      cause = abruptCause;
    }
    if (churnWeek >= 0) {
      if (cause === "satisfaction" && bern(V.windDownP)) windDownWeeks = 4 + Math.floor(U(0, 8));
      if (cause === "bankruptcy") bankruptRampFrom = Math.max(w0, w - 8 - Math.floor(U(0, 10)));
    }
  }
  const satAt = (day: number, lagW: number) => {
    const w = clamp(Math.floor(day / 7) - lagW, w0, NW - 1);
    return sw[w]!;
  };
  const stopDay = churnWeek >= 0 ? churnWeek * 7 + Math.floor(U(0, 7)) : Infinity;

  // ---------- orders ----------
  type Order = { day: number; amount: number; id: string };
  const orders: Order[] = [];
  const credits: Order[] = [];
  if (type !== "never") {
    let day = existing ? Math.floor(U(0, rhythm)) : since + Math.floor(U(0, 21));
    while (day < NDAYS && day < stopDay && trialOrdersLeft > 0) {
      const m = monthOf(day);
      const inSeason = !seasonal || (m >= 2 && m <= 8);
      const wd = windDownWeeks > 0 && day >= stopDay - windDownWeeks * 7;
      if (inSeason) {
        const sB = satAt(day, 8);
        let amt = basketBase * Math.exp(V.basketSat * sB + normal(0, V.basketNoise));
        if (segment === "horeca" && m >= 5 && m <= 7) amt *= 1.35;
        if (wd) amt *= U(0.3, 0.7);
        amt = Math.round(amt * 100) / 100 + 5;
        const o = { day, amount: amt, id: `O${++orderSeq}` };
        orders.push(o);
        trialOrdersLeft--;
        // credit note line (returns), more likely when unhappy
        if (bern(0.025 + 0.03 * Math.max(0, -satAt(day, 0)))) {
          const cd = day + 1 + Math.floor(U(0, 20));
          if (cd < NDAYS)
            credits.push({
              day: cd,
              amount: -Math.round(amt * U(0.05, 0.4) * 100) / 100,
              id: `O${++orderSeq}`,
            });
        }
      }
      // next gap
      const sG = satAt(day, 4);
      let mean = rhythm * Math.exp(-V.gapSat * sG);
      if (wd) mean *= 1.8;
      if (seasonal && !inSeason) {
        // jump to next season start mostly
        const dt = new Date(START + day * DAY);
        const nextMar = Date.UTC(
          dt.getUTCFullYear() + (dt.getUTCMonth() >= 2 ? 1 : 0),
          2,
          1 + Math.floor(U(0, 20)),
        );
        day = Math.round((nextMar - START) / DAY);
        continue;
      }
      const gap = Math.max(1, Math.round(mean * gamma(gapShape, 1 / gapShape)));
      day += gap;
    }
  }
  if (type === "never") nNever++;
  if (type === "trial") nTrial++;
  const lastOrderDay = orders.length ? orders[orders.length - 1]!.day : -1;
  const churned = churnWeek >= 0 || type === "trial" || type === "never";
  const churnDay = churnWeek >= 0 ? stopDay : type === "trial" && lastOrderDay >= 0 ? lastOrderDay + 1 : -1;
  if (churnWeek >= 0 || type === "trial") nChurn++;

  for (const o of orders)
    ordersCsv.push(`${o.id},${id},${iso(o.day)},${money(o.amount)},${1 + Math.floor(o.amount / U(20, 80))}`);
  for (const o of credits)
    ordersCsv.push(`${o.id},${id},${iso(o.day)},${money(o.amount)},-${1 + Math.floor(-o.amount / 40)}`);

  // ---------- invoices ----------
  const invoiceDocs: { day: number; amount: number }[] = [];
  if (consolidated) {
    const byMonth = new Map<string, { day: number; amount: number }>();
    for (const o of orders) {
      const d = new Date(START + o.day * DAY);
      const key = `${d.getUTCFullYear()}-${d.getUTCMonth()}`;
      const firstNext = Math.round((Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) - START) / DAY);
      const e = byMonth.get(key) ?? { day: firstNext, amount: 0 };
      e.amount += o.amount;
      byMonth.set(key, e);
    }
    for (const e of byMonth.values()) if (e.day < NDAYS) invoiceDocs.push(e);
  } else {
    for (const o of orders) {
      const d = o.day + Math.floor(U(0, 3));
      if (d < NDAYS) invoiceDocs.push({ day: d, amount: o.amount });
    }
  }
  for (const c of credits) invoiceDocs.push({ day: c.day, amount: c.amount });
  invoiceDocs.sort((a, b) => a.day - b.day);
  for (const inv of invoiceDocs) {
    const due = inv.day + terms;
    let paid: number | null;
    if (inv.amount < 0) paid = inv.day + Math.floor(U(0, 10));
    else {
      let delay = payHabit + normal(0, V.payNoise) + V.paySat * Math.max(0, -satAt(inv.day, V.payLag) + 0.2);
      if (bankruptRampFrom >= 0 && inv.day >= bankruptRampFrom * 7) delay += U(20, 90);
      delay = Math.max(-terms + 1, delay);
      paid = Math.round(due + delay);
      if (cause === "bankruptcy" && inv.day >= stopDay - 40) paid = null; // never paid
    }
    const paidIso = paid !== null && paid <= NDAYS - 1 ? iso(paid) : "";
    invoicesCsv.push(`F${++invSeq},${id},${iso(inv.day)},${iso(due)},${paidIso},${money(inv.amount)}`);
  }

  // ---------- complaints ----------
  const activeEnd = Math.min(NDAYS - 1, churned && churnDay >= 0 ? churnDay : NDAYS - 1);
  if (orders.length) {
    for (let w = Math.floor(Math.max(firstActiveDay, orders[0]!.day) / 7); w * 7 < activeEnd; w++) {
      const sNow = sw[w]!;
      if (bern((0.25 / 52) * Math.exp(-0.9 * sNow))) {
        complaintsPlanned.push({
          day: w * 7 + Math.floor(U(0, 7)),
          sev: sNow < -0.5 ? pick([2, 3]) : pick([1, 2]),
          text: pick(COMPLAINT_TEXT),
        });
      }
    }
  }
  for (const c of complaintsPlanned) {
    if (
      c.day >= NDAYS ||
      c.day < firstActiveDay ||
      c.day > activeEnd + 14 ||
      !orders.length ||
      c.day < orders[0]!.day
    )
      continue;
    const res = bern(0.9) ? c.day + Math.floor(gamma(1.2, 6)) : null;
    const sev = bern(0.1) ? "" : c.sev === 3 ? pick(["3", "hoog"]) : c.sev === 2 ? "2" : pick(["1", "laag"]);
    complaintsCsv.push(
      `C${String(++cplSeq).padStart(6, "0")},${id},${iso(c.day)},${res !== null && res < NDAYS ? iso(res) : ""},${sev},"${c.text}"`,
    );
  }

  // ---------- NPS ----------
  if (npsResponder && orders.length) {
    for (const wave of NPS_WAVES) {
      const d = wave + Math.floor(U(0, 21));
      if (d < orders[0]!.day || d > activeEnd || d >= NDAYS || !bern(0.5)) continue;
      const sc = clamp(Math.round(7.2 + 1.8 * satAt(d, 0) + normal(0, 1.3)), 0, 10);
      const comment = sc >= 8 ? pick(NPS_POS) : sc <= 5 ? pick(NPS_NEG) : "";
      npsCsv.push(`${id},${iso(d)},${sc},${comment.includes(",") ? `"${comment}"` : comment}`);
    }
  }

  // ---------- engagement (monthly aggregates) ----------
  if (type !== "never" || bern(0.5)) {
    const complaintMonths = new Set(complaintsPlanned.map((c) => Math.floor(c.day / 30.44)));
    for (let mStart = 0; mStart < NDAYS; ) {
      const d0 = new Date(START + mStart * DAY);
      const next = Math.round((Date.UTC(d0.getUTCFullYear(), d0.getUTCMonth() + 1, 1) - START) / DAY);
      const rowDay = Math.min(NDAYS - 1, mStart + Math.floor(U(0, next - mStart)));
      const alive =
        mStart >= firstActiveDay &&
        (type === "never" ? mStart < firstActiveDay + 90 : churnDay < 0 || mStart <= churnDay);
      if (mStart >= ENGAGEMENT_FROM && mStart >= firstActiveDay) {
        const sNow = satAt(mStart + 14, 0);
        const rows: [string, number][] = [];
        if (alive) {
          if (webUser) rows.push(["web_visit", poisson(webRate * Math.exp(0.45 * sNow))]);
          if (subscriber) {
            const opens = [0, 1].filter(() => bern(sigmoid(openBias + 0.7 * sNow))).length;
            rows.push(["newsletter_open", opens]);
            rows.push(["newsletter_click", [0, 1].slice(0, opens).filter(() => bern(0.3)).length]);
          }
          rows.push(["email", poisson(emailRate * Math.exp(0.25 * sNow))]);
          const cm = complaintMonths.has(Math.floor(mStart / 30.44));
          rows.push(["call", poisson(0.4 + (cm ? 1.2 : 0))]);
          if (keyAccount) rows.push(["meeting", poisson(0.3 + (sNow < -0.6 ? 0.4 : 0))]);
        } else if (subscriber) {
          rows.push(["newsletter_open", bern(0.15) ? 1 : 0]); // leavers still open now and then
        }
        for (const [kind, n] of rows) if (n > 0) engagementCsv.push(`${id},${iso(rowDay)},${kind},${n}`);
      }
      mStart = next;
    }
  }

  // ---------- customer row ----------
  let erpChurn = "";
  if (churned && type !== "never" && churnDay >= 0) {
    const p = contract ? 0.7 : 0.25;
    if (bern(p)) {
      const d = (lastOrderDay >= 0 ? Math.max(lastOrderDay, churnDay) : churnDay) + Math.floor(U(10, 100));
      if (d < NDAYS) {
        erpChurn = iso(d);
        nErpChurn++;
      }
    }
  }
  const status = erpChurn ? (bern(0.7) ? "churned" : "") : bern(0.5) ? "active" : "";
  customersCsv.push(`${id},"${name}",${segment},${owner},${sinceIso},${erpChurn},${status}`);
  let sSum = 0,
    sN = 0;
  for (let w = w0; w < NW; w++)
    if (!Number.isNaN(sw[w])) {
      sSum += sw[w]!;
      sN++;
    }
  truth.push(
    [
      id,
      type,
      segment,
      existing ? 1 : 0,
      rhythm.toFixed(1),
      contract ? 1 : 0,
      chronicLate ? 1 : 0,
      npsResponder ? 1 : 0,
      churnWeek,
      churnDay >= 0 ? iso(Math.min(churnDay, NDAYS - 1)) : "",
      churnWeek >= 0 ? cause : type === "trial" ? "trial" : type === "never" ? "never" : "",
      erpChurn,
      orders.length,
      (sSum / Math.max(1, sN)).toFixed(3),
    ].join(","),
  );
}

const users = [
  "email,name,role",
  ...OWNERS.map(
    (e, i) =>
      `${e},${e.split("@")[0]!.replace(/^./, (c) => c.toUpperCase())} Accountbeheer,${i === 0 ? "manager" : "member"}`,
  ),
];
mkdirSync(OUT, { recursive: true });
const files: [string, string[]][] = [
  ["users.csv", users],
  ["customers.csv", customersCsv],
  ["orders.csv", ordersCsv],
  ["invoices.csv", invoicesCsv],
  ["complaints.csv", complaintsCsv],
  ["engagement.csv", engagementCsv],
  ["nps.csv", npsCsv],
  ["truth.csv", truth],
];
for (const [f, lines] of files) writeFileSync(join(OUT, f), `${lines.join("\n")}\n`);
console.log(`seed ${SEED} variant ${VARIANT} -> ${OUT}`);
for (const [f, lines] of files) console.log(`  ${f}: ${lines.length - 1} rows`);
console.log(
  `  customers ${N_CUSTOMERS} (existing at start ${nExisting}), churned in period ${nChurn} (${((100 * nChurn) / N_CUSTOMERS).toFixed(1)} %; trials ${nTrial}), never ordered ${nNever}, ERP churn date ${nErpChurn}`,
);
