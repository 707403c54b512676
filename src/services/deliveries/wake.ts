/**
 * A nudge from the outbox to the dispatcher: a freshly written delivery goes out at once instead of
 * at the next poll. Only a hint: the poll finds every due delivery anyway (rows written inside a
 * transaction, by another instance, or before a crash). One per ServiceContext (`ctx.outbox.wake`).
 */
export class OutboxWake {
  readonly #listeners = new Set<() => void>();

  /** Call `listener` on each nudge; returns the function that stops it. */
  listen(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  notify(): void {
    for (const listener of this.#listeners) listener();
  }
}
