import 'server-only'

import fs from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'

import type { Payload } from 'payload'

import { processSingleton } from '@/lib/shared/processSingleton'

import type { QueuedEvent } from './events'
import { sqliteStatementsInFlight } from './sqliteStatementsInFlight'
import type { WriteAnswer, WriteRequest } from './sqliteWriter.worker'

/**
 * On embedded SQLite, event batches are written by a worker thread with a connection of its own.
 * libsql runs SQLite synchronously on the calling thread, so written by the server's connection,
 * each page view's event and rollups (~130 µs) took the thread that serves pages (the whole gap
 * between an experiment page and a static one, see the README's Performance). On its own
 * connection a batch is also one transaction: the events and their rollups commit together, and
 * a lock between them can no longer leave the rollups short.
 *
 * EVENT_WRITER_THREAD=false writes on the server's connection instead (as before). A thread that
 * cannot start or keeps dying (three times) is given up for the process, with a log line, and the
 * server's connection takes over.
 */
const GIVE_UP_AFTER_EXITS = 3

const WORKER_SOURCE = fileURLToPath(new URL('./sqliteWriter.worker.ts', import.meta.url))

type Pending = { resolve(stored: number): void; reject(error: Error): void }
const thread = processSingleton('sqliteWriterThread', () => ({
  worker: null as Worker | null,
  pending: new Map<number, Pending>(),
  nextId: 1,
  exits: 0,
  gaveUp: false,
  /** Batches answered by the thread (for tests and the bench). */
  batches: 0,
}))

/** The database file's URL when events can go through the thread, else null. */
function threadUrl(payload: Payload): string | null {
  if (process.env.EVENT_WRITER_THREAD === 'false' || thread.gaveUp) return null
  // The server (Next bundles the thread) and the test runner (from source); scripts (seed,
  // rollups rebuild), bundled on their own without it, write in their process.
  if (!process.env.NEXT_RUNTIME && !fs.existsSync(WORKER_SOURCE)) return null
  const url = (payload.db as unknown as { clientConfig?: { url?: string } }).clientConfig?.url
  if (!url?.startsWith('file:') || url.includes(':memory:')) return null
  return url
}

/** An error that says "try again": the batch was not written (see isTransientDatabaseError). */
function transientError(message: string): Error {
  return Object.assign(new Error(message), { transient: true })
}

function start(url: string): Worker {
  // How long the thread waits for another connection's write lock before the batch is kept to
  // retry (it waits on its own thread, so it may wait long).
  const busyTimeoutMs = Number(process.env.EVENT_WRITER_BUSY_TIMEOUT_MS ?? 5_000)
  const workerData = { url, busyTimeoutMs, serverStatements: sqliteStatementsInFlight }
  // In the server, Next bundles the thread's module (this exact form); under the test runner it
  // runs from source through tsx.
  // A small heap: it holds one batch at a time (a thread past it is restarted, its batch kept).
  const resourceLimits = { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 8 }
  const worker = process.env.NEXT_RUNTIME
    ? new Worker(new URL('./sqliteWriter.worker.ts', import.meta.url), {
        workerData,
        resourceLimits,
      })
    : new Worker(
        `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(
          pathToFileURL(WORKER_SOURCE).href,
        )}) })`,
        { eval: true, workerData, resourceLimits },
      )
  worker.unref()
  worker.once('online', () =>
    console.log('[splitpage] event writer thread started (its own SQLite connection)'),
  )
  worker.on('message', (answer: WriteAnswer) => {
    const pending = thread.pending.get(answer.id)
    if (!pending) return
    thread.pending.delete(answer.id)
    if (thread.pending.size === 0) worker.unref()
    thread.batches++
    if ('stored' in answer) pending.resolve(answer.stored)
    else pending.reject(Object.assign(new Error(answer.error.message), answer.error))
  })
  const ended = (reason: string) => {
    if (thread.worker !== worker) return
    thread.worker = null
    thread.exits++
    // Its open transaction died with it; a batch's chunks committed before are skipped by event
    // id when the batch comes again (it is kept to retry).
    for (const pending of thread.pending.values())
      pending.reject(transientError(`event writer thread ${reason}`))
    thread.pending.clear()
    if (thread.exits >= GIVE_UP_AFTER_EXITS && !thread.gaveUp) {
      thread.gaveUp = true
      console.error(
        `[splitpage] event writer thread ${reason}, ${thread.exits} times: writing events on the server's connection from now on`,
      )
    }
  }
  worker.on('error', (error) => ended(`failed: ${error.message}`))
  worker.on('exit', (code) => ended(`exited (${code})`))
  return worker
}

/**
 * Writes a batch (events with ids, none repeated) and its rollups through the thread; resolves
 * to how many were new, once committed. Null when the thread is not in use: write in-process.
 */
export function writeThroughThread(
  payload: Payload,
  events: QueuedEvent[],
  timeZone: string,
): Promise<number> | null {
  const url = threadUrl(payload)
  if (!url) return null
  const worker = (thread.worker ??= start(url))
  const id = thread.nextId++
  return new Promise<number>((resolve, reject) => {
    thread.pending.set(id, { resolve, reject })
    // Held while a batch is out, so a script's process does not end before its answer.
    worker.ref()
    worker.postMessage({ id, events, timeZone } satisfies WriteRequest)
  })
}

/** Ends the thread (tests; a process's exit ends it too); a later write starts a new one. */
export async function stopSqliteWriterThread(): Promise<void> {
  const worker = thread.worker
  if (!worker) return
  thread.worker = null
  await worker.terminate()
}

/** Whether the thread is running, and how many batches it has answered in this process. */
export function writerThreadStats(): { running: boolean; batches: number } {
  return { running: thread.worker !== null, batches: thread.batches }
}
