/**
 * The purchase rhythm of one customer from the fitted repeat-buying model: the chance of at least one
 * order in the coming horizon now, and what that chance was right after its last order.
 */
import { type BgNbdParams, historyInWeeks, predictRepeat, type RepeatHistory } from "./bgnbd.ts";
import type { RhythmForecast, SignalInputs } from "./types.ts";

/** The model's view of a customer's order history; null without any order. */
export function repeatHistoryOf(orders: SignalInputs["orders"]): RepeatHistory | null {
  if (orders.daysSinceFirstOrder === null) return null;
  return historyInWeeks({
    repeatDays: orders.repeatOrderDays,
    firstToLastDays: orders.firstToLastDays,
    firstToAsOfDays: orders.daysSinceFirstOrder,
  });
}

export function forecastRhythm(
  params: BgNbdParams,
  orders: SignalInputs["orders"],
  horizonDays: number,
): RhythmForecast | null {
  const history = repeatHistoryOf(orders);
  if (history === null) return null;
  const weeks = horizonDays / 7;
  const now = predictRepeat(params, history, weeks);
  const atLastOrder = predictRepeat(params, { ...history, T: history.tx }, weeks);
  return { pOrder: now.pPurchase, pOrderAtLastOrder: atLastOrder.pPurchase, horizonDays };
}
