import { isoDateIn } from "../src/clock.ts";
import { claimInteraction } from "../src/db/queries/interaction-keys.ts";
import { findUserTimeSettings } from "../src/db/queries/users.ts";
import { localParts, nextWeeklySlot } from "../src/domain/alerts/local-time.ts";
import { formatDate } from "../src/domain/format.ts";
import { isoWeekPeriodKey } from "../src/domain/period-keys.ts";
import { isValidTimeZone } from "../src/domain/zoned-time.ts";
import { type Locale, type MessageKey, parseLocale, type Translate, translator } from "../src/i18n/index.ts";
import { buildDigest } from "../src/services/digests/build-digest.ts";
import {
  type DigestSubscription,
  getChannelSubscription,
  subscribeChannel,
  unsubscribeChannel,
} from "../src/services/digests/digest-subscriptions.ts";
import { listSegments } from "../src/services/risk-list.ts";
import { digestMessage } from "../src/views/digest-message.ts";
import type { Message } from "../src/views/message.ts";
import { isHelpWord, usageMessage } from "./shared.ts";
import type { ChatCommand, CommandContext } from "./types.ts";

/** A language typed in the command ("fr") sets the digest's language. */
const LANGUAGE_WORDS = new Set(["nl", "en", "fr"]);

const DAY_WORDS: Record<string, number> = {
  ma: 1,
  maandag: 1,
  mon: 1,
  monday: 1,
  lundi: 1,
  di: 2,
  dinsdag: 2,
  tue: 2,
  tuesday: 2,
  mardi: 2,
  wo: 3,
  woensdag: 3,
  wed: 3,
  wednesday: 3,
  mercredi: 3,
  do: 4,
  donderdag: 4,
  thu: 4,
  thursday: 4,
  jeudi: 4,
  vr: 5,
  vrijdag: 5,
  fri: 5,
  friday: 5,
  vendredi: 5,
  za: 6,
  zaterdag: 6,
  sat: 6,
  saturday: 6,
  samedi: 6,
  zo: 7,
  zondag: 7,
  sun: 7,
  sunday: 7,
  dimanche: 7,
};
const TIME = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/;
const DEFAULT_DAY = 1;
const DEFAULT_TIME = "08:30";

/**
 * `/klant-digest aan [segment] [dag] [tijd]`, `uit`, `status`, `voorbeeld`: the weekly digest for the
 * channel the command is typed in. Switching on or off is for managers and admins; the schedule's
 * time zone and language are the subscriber's unless given (`Europe/London`, `en`).
 */
export const klantDigest: ChatCommand = {
  name: "klant-digest",
  async run(args: string, ctx: CommandContext): Promise<Message> {
    const t = translator(ctx.locale);
    const [verb = "status", ...rest] = args.trim().split(/\s+/).filter(Boolean);
    const action = verb.toLowerCase();
    if (isHelpWord(action)) return usageMessage(t("digest.usage"));
    if (/^(voorbeeld|preview)$/.test(action)) return preview(rest, ctx);
    const conversation = ctx.conversation;
    if (!conversation) return usageMessage(`${t("digest.noChannel")}\n${t("digest.usage")}`);
    const where = { ctx: ctx.services, platform: conversation.platform, channelId: conversation.channelId };

    if (action === "status") {
      const current = await getChannelSubscription(where);
      if (!current) return usageMessage(t("digest.notSubscribed"));
      return usageMessage(current.active ? describe("digest.status", current, ctx) : describeOff(current, t));
    }
    if (!/^(aan|on|uit|off)$/.test(action))
      return usageMessage(`${t("digest.badArgument", { token: verb })}\n${t("digest.usage")}`);
    if (ctx.user.role === "MEMBER") return usageMessage(t("digest.forbidden"));
    if (ctx.interactionKey && !(await claimInteraction(ctx.services.db.sql, ctx.interactionKey))) {
      return usageMessage(t("actions.alreadyHandled"));
    }
    if (action === "uit" || action === "off") {
      const off = await unsubscribeChannel({ ...where, userId: ctx.user.id });
      return usageMessage(off ? t("digest.unsubscribed") : t("digest.notSubscribed"));
    }
    const parsed = await parseSchedule(rest, ctx);
    if ("error" in parsed) return usageMessage(`${parsed.error}\n${t("digest.usage")}`);
    const subscription = await subscribeChannel({ ...where, ...parsed, userId: ctx.user.id });
    return { ...usageMessage(describe("digest.subscribed", subscription, ctx)), ephemeral: false };
  },
};

interface Schedule {
  segment: string | null;
  dayOfWeek: number;
  timeOfDay: string;
  timezone: string;
  locale: Locale;
}

async function parseSchedule(tokens: string[], ctx: CommandContext): Promise<Schedule | { error: string }> {
  const t = translator(ctx.locale);
  const user = await findUserTimeSettings(ctx.services.db.sql, ctx.user.id);
  const schedule: Schedule = {
    segment: null,
    dayOfWeek: DEFAULT_DAY,
    timeOfDay: DEFAULT_TIME,
    timezone: user?.timezone ?? ctx.services.timezone,
    locale: parseLocale(user?.locale) ?? ctx.locale,
  };
  const segmentWords: string[] = [];
  for (const token of tokens) {
    const lower = token.toLowerCase();
    const time = TIME.exec(token);
    if (lower in DAY_WORDS) schedule.dayOfWeek = DAY_WORDS[lower]!;
    else if (time) schedule.timeOfDay = `${time[1]!.padStart(2, "0")}:${time[2]}`;
    else if (LANGUAGE_WORDS.has(lower)) schedule.locale = parseLocale(lower) ?? schedule.locale;
    else if (token.includes("/") || lower === "utc") {
      if (!isValidTimeZone(token)) return { error: t("digest.badArgument", { token }) };
      schedule.timezone = token;
    } else if (/^\d/.test(token)) return { error: t("digest.badArgument", { token }) };
    else segmentWords.push(token);
  }
  if (segmentWords.length > 0) {
    const wanted = segmentWords.join(" ");
    if (!/^(alle|all)$/i.test(wanted)) {
      const known = await listSegments(ctx.services);
      const segment = known.find((candidate) => candidate.toLowerCase() === wanted.toLowerCase());
      if (!segment)
        return { error: t("digest.unknownSegment", { segment: wanted, known: known.join(", ") || "—" }) };
      schedule.segment = segment;
    }
  }
  return schedule;
}

function describe(
  key: "digest.status" | "digest.subscribed",
  subscription: DigestSubscription,
  ctx: CommandContext,
): string {
  const t = translator(ctx.locale);
  const next = nextWeeklySlot(ctx.services.clock.now(), subscription);
  const local = localParts(next, subscription.timezone);
  return t(key, {
    segment: subscription.segment ? t("digest.segmentSuffix", { segment: subscription.segment }) : "",
    day: t(`digest.day.${subscription.dayOfWeek}` as MessageKey),
    time: subscription.timeOfDay,
    timezone: subscription.timezone,
    language: t(`digest.language.${subscription.locale}` as MessageKey),
    next: `${formatDate(local.date, ctx.locale, { style: "short", withoutYear: true })} ${local.time}`,
  });
}

function describeOff(subscription: DigestSubscription, t: Translate): string {
  return t("digest.statusOff", {
    segment: subscription.segment ? `${subscription.segment}, ` : "",
    day: t(`digest.day.${subscription.dayOfWeek}` as MessageKey),
    time: subscription.timeOfDay,
  });
}

/** `/klant-digest voorbeeld [segment]`: this week's digest now, for the asker only. */
async function preview(tokens: string[], ctx: CommandContext): Promise<Message> {
  const t = translator(ctx.locale);
  let segment: string | null = null;
  if (tokens.length > 0) {
    const wanted = tokens.join(" ");
    const known = await listSegments(ctx.services);
    segment = known.find((candidate) => candidate.toLowerCase() === wanted.toLowerCase()) ?? null;
    if (!segment)
      return usageMessage(t("digest.unknownSegment", { segment: wanted, known: known.join(", ") || "—" }));
  }
  const now = ctx.services.clock.now();
  const asOf = isoDateIn(now, ctx.services.timezone);
  const content = await buildDigest({ ctx: ctx.services, asOf, segment });
  return {
    ...digestMessage(content, ctx.locale, { periodKey: isoWeekPeriodKey(now, ctx.services.timezone) }),
    ephemeral: true,
  };
}
