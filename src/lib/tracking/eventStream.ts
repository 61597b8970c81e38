import 'server-only'

import type { Redis } from 'ioredis'
import type { Payload } from 'payload'

import type { QueuedEvent } from '@/lib/db/events'
import { openDatabaseCalls, watchDatabaseCalls } from '@/lib/db/openCalls'
import { instanceId } from '@/lib/shared/instance'
import { withinDeadline } from '@/lib/shared/deadline'
import { processSingleton } from '@/lib/shared/processSingleton'
import { redis } from '@/lib/shared/redis'
import { FLUSH_BATCH, storeBatch } from '@/lib/tracking/flush'
import { setDurableEventLog } from '@/lib/tracking/queue'

/**
 * Events through Redis (REDIS_URL): every instance appends each event to one stream before its
 * answer goes out; a consumer group (one consumer per instance) writes them to the database in
 * batches and acknowledges (and deletes) entries only after the write committed. An instance
 * killed mid-batch leaves its entries pending; another instance (or itself, restarted) claims
 * them after EVENT_CLAIM_IDLE_MS. A redelivered event has the same id and is stored and counted
 * once (bulkInsertEvents). The stream is bounded (EVENT_STREAM_MAX_LENGTH, approximate): when the
 * database is away for that long, the oldest waiting events are trimmed, and this is logged and
 * counted. Redis must persist the stream (AOF, see the README) for the no-loss promise.
 */
export const EVENT_STREAM = 'splitpage:events'
export const EVENT_GROUP = 'writers'
/** Entries deleted by the writers after their write (to tell trimming from writing). */
const DELETED_KEY = 'splitpage:events:deleted'
export const EVENT_STREAM_MAX_LENGTH = Number(process.env.EVENT_STREAM_MAX_LENGTH ?? 1_000_000)
export const EVENT_CLAIM_IDLE_MS = Number(process.env.EVENT_CLAIM_IDLE_MS ?? 15_000)
/**
 * The longest one delivery's write may take before the consumer gives up waiting on it: its
 * entries stay pending (claimed again after EVENT_CLAIM_IDLE_MS; a write that does finish late is
 * not counted twice, by event id) and the consumer goes on. Found in CI: after the database was
 * killed and restarted, every consumer's write stayed unanswered and nothing more was written.
 */
export const EVENT_DELIVERY_DEADLINE_MS = Number(process.env.EVENT_DELIVERY_DEADLINE_MS ?? 60_000)
const READ_BLOCK_MS = 200
const CLAIM_EVERY_MS = 5_000
const CHECK_TRIM_EVERY_MS = 10_000

type Entry = [id: string, fields: string[]]
type Consumer = {
  running: boolean
  loop: Promise<void> | null
  inFlight: boolean
  trimmed: number
}
const consumer = processSingleton<Consumer>('eventStreamConsumer', () => ({
  running: false,
  loop: null,
  inFlight: false,
  trimmed: 0,
}))

/** Appends go through the shared client with auto-pipelining: one round trip per tick. */
export function connectEventStream(): boolean {
  const client = redis('commands')
  if (!client) return false
  setDurableEventLog({
    append: (event) =>
      client.xadd(
        EVENT_STREAM,
        'MAXLEN',
        '~',
        String(EVENT_STREAM_MAX_LENGTH),
        '*',
        'e',
        JSON.stringify(event),
      ),
  })
  return true
}

async function ensureGroup(client: Redis) {
  try {
    await client.xgroup('CREATE', EVENT_STREAM, EVENT_GROUP, '0', 'MKSTREAM')
  } catch (error) {
    if (!String((error as Error).message).includes('BUSYGROUP')) throw error
  }
}

function parse(entries: Entry[]): { ids: string[]; events: QueuedEvent[]; bad: string[] } {
  const ids: string[] = []
  const events: QueuedEvent[] = []
  const bad: string[] = []
  for (const [id, fields] of entries) {
    try {
      const index = fields.indexOf('e')
      const event = JSON.parse(fields[index + 1]) as QueuedEvent
      if (!event || typeof event.visitorId !== 'string' || !event.eventType) throw new Error()
      // An entry without an id (not appended by Splitpage) gets its stream id: stable across
      // deliveries, so it is still counted once.
      events.push({ ...event, id: event.id ?? `s${id}` })
      ids.push(id)
    } catch {
      bad.push(id)
    }
  }
  return { ids, events, bad }
}

/** Acknowledges and deletes entries in one round trip, counting the deletions. */
async function acknowledge(client: Redis, ids: string[]) {
  if (ids.length === 0) return
  await client
    .multi()
    .xack(EVENT_STREAM, EVENT_GROUP, ...ids)
    .xdel(EVENT_STREAM, ...ids)
    .incrby(DELETED_KEY, ids.length)
    .exec()
}

/**
 * Writes one delivery to the database; acknowledges what was written (or dropped as
 * malformed). Returns the entries that could not be written: they stay pending, to retry.
 */
async function writeDelivery(client: Redis, payload: Payload, entries: Entry[]): Promise<Entry[]> {
  const { ids, events, bad } = parse(entries)
  if (bad.length) {
    console.error(`[splitpage] dropped ${bad.length} unreadable entries of the event stream`)
    await acknowledge(client, bad)
  }
  if (events.length === 0) return []
  consumer.inFlight = true
  try {
    const { keep } = await storeBatch(payload, events)
    const kept = new Set(keep.map((event) => event.id))
    const done = ids.filter((_, index) => !kept.has(events[index].id))
    await acknowledge(client, done)
    const retry = new Set(ids.filter((id) => !done.includes(id)))
    return entries.filter(([id]) => retry.has(id))
  } finally {
    consumer.inFlight = false
  }
}

/** Logs (once per increase) how many waiting events the stream's bound has trimmed. */
async function checkTrimming(client: Redis) {
  const info = (await client.xinfo('STREAM', EVENT_STREAM)) as (string | number)[]
  const field = (name: string) => Number(info[info.indexOf(name) + 1])
  const added = field('entries-added')
  if (!Number.isFinite(added)) return // Redis < 7 does not say
  const deleted = Number((await client.get(DELETED_KEY)) ?? 0)
  const trimmed = Math.max(0, added - field('length') - deleted)
  if (trimmed > consumer.trimmed) {
    console.error(
      `[splitpage] event stream at its bound (${EVENT_STREAM_MAX_LENGTH}): ${trimmed - consumer.trimmed} waiting events trimmed (${trimmed} in all) while the database was away`,
    )
    consumer.trimmed = trimmed
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const LATE = Symbol('late')

/**
 * The consumer loop of this instance: claims entries left by a dead instance, reads new ones,
 * writes them. A failing database keeps the batch pending and retries with a growing pause.
 */
export function startEventStreamConsumer(getPayload: () => Promise<Payload>): boolean {
  const client = redis('consumer')
  if (!client || consumer.running) return consumer.running
  consumer.running = true
  consumer.loop = (async () => {
    let lastClaim = 0
    let lastTrimCheck = 0
    let pause = 0
    let retry: Entry[] = []
    let groupReady = false
    while (consumer.running) {
      // Always yield to the event loop: a failing command rejects without waiting, and a loop
      // of rejections alone would starve every request of this process.
      await sleep(pause)
      if (client.status !== 'ready') {
        // Connecting (at start, or after Redis went away): wait for it rather than fail.
        let ready = () => {}
        await Promise.race([
          new Promise<void>((resolve) => client.once('ready', (ready = resolve))),
          sleep(1_000),
        ])
        client.off('ready', ready)
        continue
      }
      try {
        if (!groupReady) {
          await ensureGroup(client)
          groupReady = true
        }
        let entries = retry
        if (entries.length === 0 && Date.now() - lastClaim > CLAIM_EVERY_MS) {
          lastClaim = Date.now()
          const [, claimed] = (await client.xautoclaim(
            EVENT_STREAM,
            EVENT_GROUP,
            instanceId,
            EVENT_CLAIM_IDLE_MS,
            '0-0',
            'COUNT',
            FLUSH_BATCH,
          )) as [string, Entry[]]
          entries = claimed.filter((entry) => entry && entry[1])
          if (entries.length) console.log(`[splitpage] claimed ${entries.length} pending events`)
        }
        if (entries.length === 0) {
          const answer = (await client.xreadgroup(
            'GROUP',
            EVENT_GROUP,
            instanceId,
            'COUNT',
            FLUSH_BATCH,
            'BLOCK',
            READ_BLOCK_MS,
            'STREAMS',
            EVENT_STREAM,
            '>',
          )) as [string, Entry[]][] | null
          entries = answer?.[0]?.[1] ?? []
        }
        if (Date.now() - lastTrimCheck > CHECK_TRIM_EVERY_MS) {
          lastTrimCheck = Date.now()
          await checkTrimming(client)
        }
        if (entries.length === 0) continue
        retry = entries
        const payload = await getPayload()
        watchDatabaseCalls(payload)
        const started = Date.now()
        const written = writeDelivery(client, payload, entries)
        written.catch(() => {}) // given up on below, it may still fail later
        const outcome = await withinDeadline(written, EVENT_DELIVERY_DEADLINE_MS, LATE)
        if (outcome === LATE) {
          const open = openDatabaseCalls(EVENT_DELIVERY_DEADLINE_MS / 2)
          console.error(
            `[splitpage] event write of ${entries.length} events unanswered after ${Date.now() - started} ms (${open.length ? `MongoDB calls open: ${open.join(', ')}` : 'no watched MongoDB call open; reads are not watched'}): left pending, to be claimed again`,
          )
          retry = []
          pause = 2_000
          continue
        }
        retry = outcome
        pause = retry.length === 0 ? 0 : Math.min(Math.max(pause * 2, 200), 2_000)
      } catch (error) {
        const message = (error as Error)?.message ?? String(error)
        if (message.includes('NOGROUP')) groupReady = false
        pause = Math.min(Math.max(pause * 2, 200), 2_000)
        if (pause === 200) console.error(`[splitpage] event stream consumer: ${message}`)
      }
    }
  })()
  return true
}

/** Stops reading; a batch being written finishes (or stays pending for the next consumer). */
export async function stopEventStreamConsumer(): Promise<void> {
  consumer.running = false
  await consumer.loop
  consumer.loop = null
}
