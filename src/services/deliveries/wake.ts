import type { ServiceContext } from "../context.ts";

/**
 * A nudge from the outbox to the dispatcher: a freshly written delivery goes out at once instead of
 * at the next poll. Only a hint: the poll finds every due delivery anyway (rows written inside a
 * transaction, by another instance, or before a crash).
 */
const listeners = new WeakMap<ServiceContext, Set<() => void>>();

export function onDeliveryEnqueued(ctx: ServiceContext, listener: () => void): () => void {
  const set = listeners.get(ctx) ?? new Set();
  set.add(listener);
  listeners.set(ctx, set);
  return () => set.delete(listener);
}

export function notifyDeliveryEnqueued(ctx: ServiceContext): void {
  for (const listener of listeners.get(ctx) ?? []) listener();
}
