/**
 * The alert message: a DM to the owner (or assignee), an escalation to a manager or channel, and the
 * alert part of the `/klant-health` card. One message covers one customer's live alerts; its buttons
 * act on all of them. After a click the message is rendered again with a status line.
 */
import { type AlertDetail, type AlertKind, alertKinds } from "../domain/alerts/rules.ts";
import { bandEmoji, bandLabel, formatDate, formatMoney, MINUS } from "../domain/format.ts";
import { reasonText } from "../domain/health/reason-text.ts";
import { type Locale, type MessageKey, type Translate, translator } from "../i18n/index.ts";
import {
  type Mentions,
  type Message,
  type MessageAction,
  type MessageBlock,
  mention,
  withMentions,
} from "./message.ts";

export const reasonCodes = ["contacted", "expected", "not-a-risk", "other"] as const;
export type ReasonCode = (typeof reasonCodes)[number];

export type AlertStatus = "OPEN" | "ACKNOWLEDGED" | "SNOOZED" | "RESOLVED";

export interface AlertItem {
  id: number;
  kind: AlertKind;
  status: AlertStatus;
  openedAt: string;
  detail: AlertDetail;
  /** ISO date-time the snooze ends. */
  snoozedUntil: string | null;
  reasonCode: string | null;
}

/** A person on the card; the platform ids (when loaded) let an escalation mention them. */
export interface AlertPerson {
  id: number;
  name: string;
  slackUserId?: string | null;
  teamsUserId?: string | null;
}

export interface AlertCardView {
  customer: { id: number; name: string; externalId: string; segment: string };
  owner: AlertPerson | null;
  assignee: AlertPerson | null;
  revenueCents: number;
  alerts: AlertItem[];
  /** Escalation: nobody acknowledged within the working days; says who owns it. */
  /** `toChannel`: the owner has no manager in Klantpuls, so the escalation went to a channel. */
  escalated?: { workingDays: number; toChannel?: boolean } | undefined;
  /** A snooze ran out and the condition still holds. */
  reopened?: boolean | undefined;
  /** What just happened, shown above the buttons: "✅ acknowledged by Jan at 10:32". */
  outcome?: AlertOutcome | undefined;
}

export type AlertOutcome =
  | { kind: "acknowledged"; by: string; at: string; reason: string | null; already?: boolean }
  | { kind: "snoozed"; by: string; at: string; until: string; reason: string | null; already?: boolean }
  | { kind: "reassigned"; by: string; at: string; to: string; already?: boolean }
  | { kind: "resolved" };

/** Where the buttons are: a DM (update the DM) or the health card (update the card). */
export type AlertSource = "dm" | "card";

export function alertIdsValue(view: Pick<AlertCardView, "alerts" | "customer">, source: AlertSource) {
  return { ids: view.alerts.map((alert) => alert.id).join(","), customerId: view.customer.id, src: source };
}

export function alertCard(view: AlertCardView, locale: Locale, source: AlertSource = "dm"): Message {
  const t = translator(locale);
  const [first] = view.alerts;
  const detail = first?.detail;
  const emoji = detail ? bandEmoji(detail.band) : "⚠️";
  const header = view.escalated
    ? t("alerts.escalatedHeader", { customer: view.customer.name })
    : t("alerts.header", { emoji, customer: view.customer.name });
  const blocks: MessageBlock[] = [{ type: "header", text: header }];
  const mentions: Mentions = {};
  if (view.escalated) {
    // The one who did not react is mentioned: in a channel that reaches them, in the manager's DM it
    // is a link to their profile.
    const responsible = view.assignee ?? view.owner;
    blocks.push({
      type: "text",
      text: t("alerts.escalatedText", {
        days: view.escalated.workingDays,
        owner: responsible
          ? mention(mentions, `user:${responsible.id}`, {
              name: responsible.name,
              slackUserId: responsible.slackUserId ?? null,
              teamsUserId: responsible.teamsUserId ?? null,
            })
          : `**${t("alerts.nobody")}**`,
      }),
    });
    if (view.escalated.toChannel) {
      blocks.push({
        type: "context",
        text: t("alerts.escalatedToChannel", { owner: responsible?.name ?? t("alerts.nobody") }),
      });
    }
  }
  if (view.reopened) blocks.push({ type: "context", text: t("alerts.reopened") });
  const explanation = detail ? explainLine(view.customer.name, detail, locale) : null;
  if (explanation) blocks.push({ type: "text", text: explanation });
  blocks.push({ type: "bullets", items: view.alerts.map((alert) => alertHeadline(alert, locale)) });
  blocks.push({
    type: "fields",
    fields: [
      {
        label: t("health.score"),
        value: detail ? `${detail.score}/100 · ${bandLabel(detail.band, locale)}` : "—",
      },
      { label: t("health.revenue"), value: formatMoney(view.revenueCents, locale) },
      { label: t("health.owner"), value: view.owner?.name ?? t("health.noOwner") },
      ...(view.assignee && view.assignee.id !== view.owner?.id
        ? [{ label: t("alerts.assignee"), value: view.assignee.name }]
        : []),
      { label: t("health.segment"), value: view.customer.segment || "—" },
    ],
  });
  const status = statusLine(view, t, locale);
  if (status) blocks.push({ type: "context", text: status });
  const actions = alertActions(view, locale, source);
  if (actions.length > 0) blocks.push({ type: "actions", actions });
  // The figures are those of the latest evaluation (refreshed daily while the alert is live): say when.
  const figuresOn = detail ? t("alerts.figuresOn", { date: formatDate(detail.evaluatedOn, locale) }) : "—";
  blocks.push({
    type: "context",
    text: t("alerts.footer", { externalId: view.customer.externalId, figuresOn }),
  });

  const text = [header, explanation ?? "", status ?? ""].filter(Boolean).join(" — ");
  return { text, blocks, ...withMentions(mentions) };
}

/** "Acme 72 → 58: betaalt gemiddeld 25 dagen te laat (was 4) (−8), bestelt 45 % minder vaak (−6)". */
export function explainLine(customerName: string, detail: AlertDetail, locale: Locale): string | null {
  if (detail.scoreBefore === null) return null;
  const changes = detail.changes.map(
    (change) => `${reasonText(change.reason, locale)} (${signedPoints(change.points)})`,
  );
  const head = `**${customerName} ${detail.scoreBefore} → ${detail.score}**`;
  return changes.length > 0 ? `${head}: ${changes.join(", ")}` : head;
}

function signedPoints(points: number): string {
  return points < 0 ? `${MINUS}${Math.abs(points)}` : `+${points}`;
}

/** One line per alert kind, with its figures. */
export function alertHeadline(alert: Pick<AlertItem, "kind" | "detail">, locale: Locale): string {
  const t = translator(locale);
  const v = alert.detail.values;
  switch (alert.kind) {
    case "at-risk":
      return t("alerts.kind.at-risk", { score: alert.detail.score });
    case "score-drop":
      return t("alerts.kind.score-drop", { drop: num(v.drop), days: num(v.days) });
    case "payment-delay":
      return t("alerts.kind.payment-delay", {
        recent: num(v.recentDaysLate),
        baseline: num(v.baselineDaysLate),
      });
    case "order-drop": {
      const frequency = typeof v.frequencyDropPercent === "number" ? v.frequencyDropPercent : 0;
      const volume = typeof v.volumeDropPercent === "number" ? v.volumeDropPercent : 0;
      return frequency >= volume
        ? t("alerts.kind.order-drop.frequency", { percent: frequency })
        : t("alerts.kind.order-drop.volume", { percent: volume });
    }
    case "detractor":
      return t("alerts.kind.detractor", {
        score: num(v.npsScore),
        date: typeof v.answeredOn === "string" ? formatDate(v.answeredOn, locale, { style: "short" }) : "—",
      });
    case "complaints":
      return t("alerts.kind.complaints", { count: num(v.complaints), days: num(v.days) });
  }
}

/** Short name of a kind, for lists ("betaalgedrag verslechterd"). */
export function kindLabel(kind: string, locale: Locale): string {
  if (!(alertKinds as readonly string[]).includes(kind)) return kind;
  return translator(locale)(`alerts.label.${kind}` as MessageKey);
}

export function reasonLabel(code: string, locale: Locale): string {
  if (!(reasonCodes as readonly string[]).includes(code)) return code;
  return translator(locale)(`alerts.reason.${code}` as MessageKey);
}

function num(value: number | string | null | undefined): number | string {
  return value ?? "—";
}

/** The status line alone ("✅ acknowledged by Jan at 10:32"), e.g. to put above a health card. */
export function alertStatusText(view: AlertCardView, locale: Locale): string | null {
  return statusLine(view, translator(locale), locale);
}

function statusLine(view: AlertCardView, t: Translate, locale: Locale): string | null {
  const outcome = view.outcome;
  if (outcome) {
    const reason = "reason" in outcome && outcome.reason ? ` (${reasonLabel(outcome.reason, locale)})` : "";
    const already = "already" in outcome && outcome.already ? `${t("alerts.already")} ` : "";
    switch (outcome.kind) {
      case "acknowledged":
        return `${already}${t("alerts.outcome.acknowledged", { by: outcome.by, at: outcome.at })}${reason}`;
      case "snoozed":
        return `${already}${t("alerts.outcome.snoozed", {
          by: outcome.by,
          at: outcome.at,
          until: formatDate(outcome.until.slice(0, 10), locale, { style: "short" }),
        })}${reason}`;
      case "reassigned":
        return `${already}${t("alerts.outcome.reassigned", { by: outcome.by, at: outcome.at, to: outcome.to })}`;
      case "resolved":
        return t("alerts.outcome.resolved");
    }
  }
  const statuses = new Set(view.alerts.map((alert) => alert.status));
  if (statuses.size === 1 && statuses.has("RESOLVED")) return t("alerts.outcome.resolved");
  const snoozed = view.alerts.find((alert) => alert.status === "SNOOZED" && alert.snoozedUntil);
  if (snoozed?.snoozedUntil && !statuses.has("OPEN")) {
    return t("alerts.status.snoozed", {
      until: formatDate(snoozed.snoozedUntil.slice(0, 10), locale, { style: "short" }),
    });
  }
  if (statuses.has("ACKNOWLEDGED") && !statuses.has("OPEN")) return t("alerts.status.acknowledged");
  return null;
}

/** Open alerts get every button; acknowledged ones can still be snoozed or handed over; resolved: open only. */
export function alertActions(view: AlertCardView, locale: Locale, source: AlertSource): MessageAction[] {
  const t = translator(locale);
  const value = alertIdsValue(view, source);
  const live = view.alerts.filter((alert) => alert.status !== "RESOLVED");
  const open = live.some((alert) => alert.status === "OPEN");
  const actions: MessageAction[] = [];
  if (open) actions.push({ id: "alert.ack", label: t("alerts.button.ack"), value, style: "primary" });
  if (live.some((alert) => alert.status !== "SNOOZED")) {
    actions.push({ id: "alert.snooze", label: t("alerts.button.snooze"), value });
    actions.push({ id: "alert.reassign", label: t("alerts.button.reassign"), value });
  }
  if (source === "dm") {
    actions.push({
      id: "alert.open",
      label: t("alerts.button.open"),
      value: { customerId: view.customer.id },
    });
  }
  return actions;
}

/** The alerts block on the `/klant-health` card: one line per live alert and the same buttons. */
export function alertBlocksForCard(view: AlertCardView, locale: Locale): MessageBlock[] {
  if (view.alerts.length === 0) return [];
  const t = translator(locale);
  const items = view.alerts.map((alert) => {
    const state =
      alert.status === "SNOOZED" && alert.snoozedUntil
        ? t("alerts.status.snoozed", {
            until: formatDate(alert.snoozedUntil.slice(0, 10), locale, { style: "short" }),
          })
        : t(`alerts.state.${alert.status}` as MessageKey);
    return `${alertHeadline(alert, locale)} · _${state}_`;
  });
  const blocks: MessageBlock[] = [
    { type: "text", text: `**${t("alerts.cardTitle")}**` },
    { type: "bullets", items },
  ];
  const status = statusLine(view, t, locale);
  if (status && view.outcome) blocks.push({ type: "context", text: status });
  const actions = alertActions(view, locale, "card");
  if (actions.length > 0) blocks.push({ type: "actions", actions });
  return blocks;
}
