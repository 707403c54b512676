import { describe, expect, it } from "vitest";
import {
  addWorkingDays,
  isoWeekKey,
  isQuietTime,
  localParts,
  nextWeeklySlot,
  pulsePeriod,
  weeklySlot,
} from "../../src/domain/alerts/local-time.ts";
import { escalationDueAt, type PendingMessage, planPushes } from "../../src/domain/alerts/noise.ts";
import { defaultProactiveSettings, parseProactiveSettings } from "../../src/domain/alerts/settings.ts";
import { zonedInstant } from "../../src/domain/zoned-time.ts";

const settings = defaultProactiveSettings.alerts;
const AMS = "Europe/Amsterdam";

function message(overrides: Partial<PendingMessage>): PendingMessage {
  return {
    customerId: 1,
    recipientId: 7,
    recipientTimezone: AMS,
    reopened: false,
    bandFell: false,
    move: -10,
    revenueCents: 100_000,
    ...overrides,
  };
}

describe("time zones", () => {
  it("wall clock and back, across DST", () => {
    expect(zonedInstant("2026-11-25", "08:30", AMS).toISOString()).toBe("2026-11-25T07:30:00.000Z");
    expect(zonedInstant("2026-07-01", "08:30", AMS).toISOString()).toBe("2026-07-01T06:30:00.000Z");
    expect(zonedInstant("2026-11-25", "08:30", "America/New_York").toISOString()).toBe(
      "2026-11-25T13:30:00.000Z",
    );
    expect(localParts(new Date("2026-11-29T12:00:00Z"), AMS)).toEqual({
      date: "2026-11-29",
      time: "13:00",
      weekday: 7,
    });
  });

  it("quiet hours and weekends in the person's zone", () => {
    expect(isQuietTime(new Date("2026-11-25T07:30:00Z"), AMS, settings)).toBe(false); // Wed 08:30
    expect(isQuietTime(new Date("2026-11-25T06:30:00Z"), AMS, settings)).toBe(true); // Wed 07:30
    expect(isQuietTime(new Date("2026-11-25T17:00:00Z"), AMS, settings)).toBe(true); // Wed 18:00
    expect(isQuietTime(new Date("2026-11-28T10:00:00Z"), AMS, settings)).toBe(true); // Saturday
    // 08:30 in Amsterdam is 02:30 in New York.
    expect(isQuietTime(new Date("2026-11-25T07:30:00Z"), "America/New_York", settings)).toBe(true);
    const weekendsOk = parseProactiveSettings({ alerts: { quietWeekends: false } }).alerts;
    expect(isQuietTime(new Date("2026-11-28T10:00:00Z"), AMS, weekendsOk)).toBe(false);
  });

  it("working days skip the weekend", () => {
    // Thursday 10:00 + 2 working days = Monday 10:00.
    expect(addWorkingDays(new Date("2026-11-26T09:00:00Z"), 2, AMS).toISOString()).toBe(
      "2026-11-30T09:00:00.000Z",
    );
    // Monday + 2 = Wednesday.
    expect(addWorkingDays(new Date("2026-11-23T09:00:00Z"), 2, AMS).toISOString()).toBe(
      "2026-11-25T09:00:00.000Z",
    );
    expect(escalationDueAt(new Date("2026-11-27T09:00:00Z"), AMS, settings).toISOString()).toBe(
      "2026-12-01T09:00:00.000Z",
    );
  });

  it("ISO weeks, weekly slots and pulse periods", () => {
    expect(isoWeekKey("2026-11-25")).toBe("2026-W48");
    expect(isoWeekKey("2027-01-01")).toBe("2026-W53");
    expect(isoWeekKey("2026-01-01")).toBe("2026-W01");
    const slot = { dayOfWeek: 1, timeOfDay: "08:30", timezone: AMS };
    // Monday 30 Nov 08:29 local: not yet; 08:30: due; Wednesday: still due (made up), same week.
    expect(weeklySlot(new Date("2026-11-30T07:29:00Z"), slot)).toMatchObject({
      periodKey: "2026-W49",
      due: false,
    });
    expect(weeklySlot(new Date("2026-11-30T07:30:00Z"), slot)).toMatchObject({
      periodKey: "2026-W49",
      due: true,
    });
    expect(weeklySlot(new Date("2026-12-02T12:00:00Z"), slot).due).toBe(true);
    expect(nextWeeklySlot(new Date("2026-11-25T12:00:00Z"), slot).toISOString()).toBe(
      "2026-11-30T07:30:00.000Z",
    );
    expect(pulsePeriod("2026-11-25", "monthly")).toBe("2026-11");
    expect(pulsePeriod("2026-11-25", "quarterly")).toBe("2026-Q4");
  });
});

describe("noise budget", () => {
  const wednesday = new Date("2026-11-25T09:00:00Z");

  it("at most 3 DMs per person per day, the most important first; the rest go to the digest", () => {
    const pending = [
      message({ customerId: 1, move: -11 }),
      message({ customerId: 2, move: -30 }),
      message({ customerId: 3, bandFell: true, move: -5 }),
      message({ customerId: 4, move: -11, revenueCents: 900_000 }),
      message({ customerId: 5, recipientId: 8, move: -2 }),
    ];
    expect(planPushes(pending, new Map(), wednesday, settings)).toEqual([
      "digest",
      "send",
      "send",
      "send",
      "send",
    ]);
    // Two already sent today: one left for person 7.
    expect(planPushes(pending, new Map([[7, 2]]), wednesday, settings)).toEqual([
      "digest",
      "digest",
      "send",
      "digest",
      "send",
    ]);
  });

  it("waits in quiet hours and on weekends; nobody to tell means digest only", () => {
    const pending = [message({}), message({ recipientId: null })];
    expect(planPushes(pending, new Map(), new Date("2026-11-25T05:00:00Z"), settings)).toEqual([
      "wait",
      "digest",
    ]);
    expect(planPushes(pending, new Map(), new Date("2026-11-28T10:00:00Z"), settings)).toEqual([
      "wait",
      "digest",
    ]);
  });

  it("a re-opened snooze goes before new alerts", () => {
    const budgetOne = parseProactiveSettings({ alerts: { dailyBudget: 1 } }).alerts;
    const pending = [message({ customerId: 1, bandFell: true }), message({ customerId: 2, reopened: true })];
    expect(planPushes(pending, new Map(), wednesday, budgetOne)).toEqual(["digest", "send"]);
  });
});
