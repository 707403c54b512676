import { z } from "zod";
import { formatDate, formatMoney } from "../src/domain/format.ts";
import { reasonText } from "../src/domain/health/reason-text.ts";
import { translator } from "../src/i18n/index.ts";
import { getRiskList } from "../src/services/risk-list.ts";
import { trendText } from "../src/views/health-card.ts";
import type { Message, MessageBlock } from "../src/views/message.ts";
import { isHelpWord, matchSegment, usageMessage } from "./shared.ts";
import type { ChatCommand, CommandContext } from "./types.ts";

const DEFAULT_COUNT = 10;
const countSchema = z.coerce.number().int().min(1).max(50);
const MAX_OPEN_BUTTONS = 5;

/** `/klant-risico [segment] [aantal]`: at-risk customers by revenue at risk. */
export const klantRisico: ChatCommand = {
  name: "klant-risico",
  async run(args: string, ctx: CommandContext): Promise<Message> {
    const t = translator(ctx.locale);
    const tokens = args.trim().split(/\s+/).filter(Boolean);
    if (tokens.some(isHelpWord)) return usageMessage(t("risk.usage"));

    let count = DEFAULT_COUNT;
    const segmentWords: string[] = [];
    for (const token of tokens) {
      if (/^\d+$/.test(token) || /^-\d+$/.test(token)) {
        const parsed = countSchema.safeParse(token);
        if (!parsed.success)
          return usageMessage(`${t("risk.badCount", { value: token })}\n${t("risk.usage")}`);
        count = parsed.data;
      } else {
        segmentWords.push(token);
      }
    }
    const match = await matchSegment(segmentWords, ctx.services, ctx.locale);
    if (!match.ok) return usageMessage(`${match.problem}\n${t("risk.usage")}`);
    const { segment } = match;

    const list = await getRiskList({ ctx: ctx.services, segment, limit: count });
    const segmentSuffix = segment ? ` · ${segment}` : "";
    const title = t("risk.title", { segment: segmentSuffix });
    if (list.customers.length === 0) {
      const text = t("risk.none", { segment: segmentSuffix });
      return {
        text,
        ephemeral: true,
        blocks: [
          { type: "header", text: title },
          { type: "text", text },
        ],
      };
    }
    const summary = t("risk.summary", {
      count: list.total,
      revenue: formatMoney(list.totalRevenueAtRisk, ctx.locale),
      shown: list.customers.length,
    });
    const blocks: MessageBlock[] = [
      { type: "header", text: title },
      { type: "text", text: summary },
      {
        type: "table",
        columns: [
          t("risk.columns.customer"),
          t("risk.columns.score"),
          t("health.trend"),
          t("risk.columns.revenue"),
          t("risk.columns.owner"),
          t("risk.columns.reason"),
        ],
        rows: list.customers.map((row) => [
          row.customer.name,
          String(row.score),
          trendText(row.trend, ctx.locale),
          formatMoney(row.revenueAtRisk, ctx.locale, { compact: true }),
          row.customer.owner ?? "—",
          reasonText(row.topReason, ctx.locale) || "—",
        ]),
      },
      {
        type: "actions",
        actions: list.customers.slice(0, MAX_OPEN_BUTTONS).map((row) => ({
          id: "customer.open" as const,
          label: `${t("action.open")}: ${row.customer.name}`,
          value: { customerId: row.customer.id },
        })),
      },
      {
        type: "context",
        text: t("risk.scoredOn", { date: formatDate(list.customers[0]?.scoredOn ?? list.asOf, ctx.locale) }),
      },
    ];
    const text = `${title}: ${summary} ${list.customers.map((row) => `${row.customer.name} (${row.score})`).join(", ")}`;
    return { text, ephemeral: true, blocks };
  },
};
