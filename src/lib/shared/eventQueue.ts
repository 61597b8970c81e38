/**
 * A buffer between code that sees an event and the writer that stores events in batches. This
 * is the in-memory implementation (lost if the process dies: the documented loss window of a
 * single instance without Redis); a durable one (e.g. a Redis stream) keeps the same shape.
 */
export type EventQueue<T> = {
  /** Queues an item; false once the queue is closed for shutdown. */
  push(item: T): boolean
  /** Takes up to `max` items off the front. */
  take(max: number): T[]
  /** Puts items back at the front after a failed write, so they are retried in order. */
  giveBack(items: T[]): void
  /** On shutdown: accept nothing more, so a final flush writes everything accepted. */
  close(): void
  stats(): { waiting: number; dropped: number }
}

/** Beyond `capacity` waiting items (the database is down for long), the oldest are dropped. */
export function memoryEventQueue<T>(capacity: number): EventQueue<T> {
  const items: T[] = []
  let dropped = 0
  let closed = false
  const trim = () => {
    const excess = items.length - capacity
    if (excess > 0) {
      items.splice(0, excess)
      dropped += excess
    }
  }
  return {
    push(item) {
      if (closed) return false
      items.push(item)
      trim()
      return true
    },
    take: (max) => items.splice(0, max),
    giveBack(returned) {
      items.unshift(...returned)
      trim()
    },
    close() {
      closed = true
    },
    stats: () => ({ waiting: items.length, dropped }),
  }
}
