import 'server-only'

import { cacheTags } from '@/lib/content/tags'
import { ensureSnapshotLoader } from '@/lib/experiments/loadSnapshot'
import { currentSnapshot } from '@/lib/experiments/snapshotStore'
import { writesSharedEvents } from '@/lib/env'
import { boundHeapGrowth } from '@/lib/heapGrowth'
import { getPayloadClient } from '@/lib/payload'
import { flushAll, startEventFlusher, stopEventFlusher } from '@/lib/tracking/flush'
import { processSingleton } from '@/lib/shared/processSingleton'
import { receiveInvalidation } from '@/lib/shared/invalidation'
import { redisUrl } from '@/lib/shared/redis'
import { startSharedInvalidation } from '@/lib/shared/sharedInvalidation'
import {
  connectEventStream,
  startEventStreamConsumer,
  stopEventStreamConsumer,
} from '@/lib/tracking/eventStream'
import { closeQueue, queueStats } from '@/lib/tracking/queue'

/**
 * Connects the proxy's in-process stores to Payload. Payload starts lazily and a failed start is
 * retried later: a database that is down at boot must not stop the server from serving pages.
 */
export async function startServerRuntime() {
  // First, before the heap fills.
  boundHeapGrowth()
  let payloadPromise: ReturnType<typeof getPayloadClient> | null = null
  const payload = () =>
    (payloadPromise ??= getPayloadClient().catch((error) => {
      payloadPromise = null
      throw error
    }))
  ensureSnapshotLoader(payload)
  if (redisUrl()) {
    // Changes made on other instances: announced over Redis; after a reconnect, reload all.
    const everyTag = Object.values(cacheTags).filter((tag) => typeof tag === 'string')
    void startSharedInvalidation(() => receiveInvalidation(everyTag))
    // Events: appended to the shared stream, written by the consumer of every instance that
    // is a writer (EVENT_WRITER, default on).
    connectEventStream()
    if (writesSharedEvents()) startEventStreamConsumer(payload)
    else
      console.log(
        '[splitpage] EVENT_WRITER=false: this instance appends events to the shared stream and leaves writing them to the instances that are writers',
      )
  } else if (!writesSharedEvents()) {
    console.warn(
      '[splitpage] EVENT_WRITER=false is ignored without REDIS_URL: with no shared stream, this instance writes its own events',
    )
  }
  // Warm the configuration so the first visitor does not wait for it.
  void currentSnapshot()
  startEventFlusher(payload)
  flushOnShutdown(payload)
}

/**
 * An in-memory buffer loses what it holds unless it is written before the process exits. On a
 * signal the queue stops accepting (the tracking endpoint then answers 503), the last events are
 * written, and only then may the process exit: Next's own signal handler closes the HTTP server
 * and calls process.exit, which is held back until the flush has finished.
 */
/** How long a stopping server waits without any event being written before it gives up. */
const SHUTDOWN_FLUSH_LIMIT_MS = Number(process.env.SHUTDOWN_FLUSH_LIMIT_MS ?? 20_000)

function flushOnShutdown(payload: () => ReturnType<typeof getPayloadClient>) {
  const hook = processSingleton('shutdownHook', () => ({ installed: false }))
  if (hook.installed) return
  hook.installed = true
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      closeQueue()
      const flushed = (async () => {
        try {
          await Promise.all([stopEventFlusher(), stopEventStreamConsumer()])
          const { waiting } = queueStats()
          if (waiting > 0) await flushAll(await payload())
          console.log(`[splitpage] flushed ${waiting} queued events before exit`)
        } catch (error) {
          console.error('[splitpage] could not flush events before exit:', error)
        }
      })()
      // A database that is down too must not keep the process from ever exiting: give up once
      // no event has been written for SHUTDOWN_FLUSH_LIMIT_MS (a slow database that is still
      // writing gets all the time it needs).
      const bounded = Promise.race([
        flushed,
        new Promise<void>((resolve) => {
          let waiting = queueStats().waiting
          let progressAt = Date.now()
          const watchdog = setInterval(() => {
            const now = queueStats().waiting
            if (now < waiting) progressAt = Date.now()
            waiting = now
            if (Date.now() - progressAt < SHUTDOWN_FLUSH_LIMIT_MS) return
            clearInterval(watchdog)
            console.error(
              `[splitpage] exiting with ${now} events unwritten (nothing written for ${SHUTDOWN_FLUSH_LIMIT_MS} ms)`,
            )
            resolve()
          }, 500)
          watchdog.unref()
          void flushed.finally(() => clearInterval(watchdog))
        }),
      ])
      const exit = process.exit.bind(process)
      process.exit = ((code?: number) => {
        void bounded.finally(() => exit(code))
      }) as typeof process.exit
      // Without Next's handler (NEXT_MANUAL_SIG_HANDLE), nobody else ends the process.
      if (process.env.NEXT_MANUAL_SIG_HANDLE) void bounded.finally(() => exit(0))
    })
  }
}
