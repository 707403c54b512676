import { describe, expect, it } from "vitest";
import { latestSlot, parseCron } from "../../src/domain/cron-slots.ts";
import {
  dailyPeriodKey,
  isoWeekPeriodKey,
  latestWeeklySlot,
  monthlyPeriodKey,
  slotPeriodKey,
} from "../../src/domain/period-keys.ts";

const AMS = "Europe/Amsterdam";
const at = (iso: string) => new Date(iso);
const slot = (cron: string, now: string, tz = AMS) => latestSlot(cron, tz, at(now))?.toISOString() ?? null;

describe("latestSlot: the last cron slot at or before now, in a time zone", () => {
  it("daily 06:00 Amsterdam (UTC+1 in winter): before the slot it is yesterday's", () => {
    expect(slot("0 6 * * *", "2026-11-25T04:59:59Z")).toBe("2026-11-24T05:00:00.000Z");
    expect(slot("0 6 * * *", "2026-11-25T05:00:00Z")).toBe("2026-11-25T05:00:00.000Z");
    expect(slot("0 6 * * *", "2026-11-25T09:00:00Z")).toBe("2026-11-25T05:00:00.000Z");
  });

  it("in summer time the same local slot is an hour earlier in UTC", () => {
    expect(slot("0 6 * * *", "2026-07-01T12:00:00Z")).toBe("2026-07-01T04:00:00.000Z");
  });

  it("weekly Monday 08:30 and every 15 minutes", () => {
    // 2026-11-25 is a Wednesday; the Monday before is the 23rd.
    expect(slot("30 8 * * 1", "2026-11-25T09:00:00Z")).toBe("2026-11-23T07:30:00.000Z");
    expect(slot("*/15 * * * *", "2026-11-25T09:14:59Z")).toBe("2026-11-25T09:00:00.000Z");
    expect(slot("*/15 * * * *", "2026-11-25T09:15:00Z")).toBe("2026-11-25T09:15:00.000Z");
  });

  it("monthly on the 1st, and a time zone far from UTC", () => {
    expect(slot("0 9 1 * *", "2026-11-25T00:00:00Z")).toBe("2026-11-01T08:00:00.000Z");
    expect(slot("0 9 * * *", "2026-11-25T00:30:00Z", "Asia/Tokyo")).toBe("2026-11-25T00:00:00.000Z");
    expect(slot("0 9 * * *", "2026-11-24T23:30:00Z", "Asia/Tokyo")).toBe("2026-11-24T00:00:00.000Z");
  });

  it("the hour skipped when summer time starts has no slot (like node-cron)", () => {
    // 2026-03-29 02:00 → 03:00 in Amsterdam: 02:30 does not exist that day.
    expect(slot("30 2 * * *", "2026-03-29T12:00:00Z")).toBe("2026-03-28T01:30:00.000Z");
  });

  it("refuses expressions it cannot look back on", () => {
    expect(() => parseCron("0 6 L * *")).toThrow(/not supported/);
    expect(() => parseCron("not cron")).toThrow(/invalid cron/);
  });
});

describe("period keys", () => {
  it("are computed in the time zone of the slot", () => {
    // 23:30 UTC on the 24th is already the 25th in Amsterdam.
    expect(dailyPeriodKey(at("2026-11-24T23:30:00Z"), AMS)).toBe("2026-11-25");
    expect(dailyPeriodKey(at("2026-11-24T23:30:00Z"), "UTC")).toBe("2026-11-24");
    expect(monthlyPeriodKey(at("2026-11-30T23:30:00Z"), AMS)).toBe("2026-12");
    expect(slotPeriodKey(at("2026-11-25T09:15:00Z"))).toBe("2026-11-25T09:15Z");
  });

  it("ISO weeks: Monday first, week 1 holds the first Thursday", () => {
    expect(isoWeekPeriodKey(at("2026-11-25T09:00:00Z"), AMS)).toBe("2026-W48");
    expect(isoWeekPeriodKey(at("2026-11-23T07:30:00Z"), AMS)).toBe("2026-W48");
    expect(isoWeekPeriodKey(at("2026-11-22T12:00:00Z"), AMS)).toBe("2026-W47");
    expect(isoWeekPeriodKey(at("2027-01-01T12:00:00Z"), AMS)).toBe("2026-W53");
    expect(isoWeekPeriodKey(at("2025-12-29T12:00:00Z"), AMS)).toBe("2026-W01");
  });

  it("a subscription's weekly slot in its own time zone", () => {
    const now = at("2026-11-25T09:00:00Z");
    expect(latestWeeklySlot({ dayOfWeek: 1, timeOfDay: "08:30", timezone: AMS }, now)?.toISOString()).toBe(
      "2026-11-23T07:30:00.000Z",
    );
    expect(
      latestWeeklySlot(
        { dayOfWeek: 7, timeOfDay: "18:00", timezone: "America/New_York" },
        now,
      )?.toISOString(),
    ).toBe("2026-11-22T23:00:00.000Z");
    expect(() => latestWeeklySlot({ dayOfWeek: 8, timeOfDay: "08:30", timezone: AMS }, now)).toThrow();
    expect(() => latestWeeklySlot({ dayOfWeek: 1, timeOfDay: "8h", timezone: AMS }, now)).toThrow();
  });
});
