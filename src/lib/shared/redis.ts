import { Redis } from 'ioredis'

import { processSingleton } from './processSingleton'

/**
 * The optional Redis (`REDIS_URL`, any Redis ≥ 6.2 or Valkey) that instances share. Unset, every
 * piece of shared state stays in this process, as for a single instance. The proxy never imports
 * this module (it would pull a client library into the proxy's bundle): it reaches Redis through
 * seams the server runtime fills in at start (`lib/shared`).
 */
export function redisUrl(): string | null {
  const url = process.env.REDIS_URL?.trim()
  return url ? url : null
}

/** How long a command may wait before it fails (a stalled Redis must not hold a visitor). */
export const REDIS_COMMAND_TIMEOUT_MS = Number(process.env.REDIS_COMMAND_TIMEOUT_MS ?? 1_000)

type Clients = Partial<Record<'commands' | 'subscriber' | 'consumer', Redis>>
const clients = processSingleton<Clients>('redisClients', () => ({}))

/**
 * One client per purpose, created on first use: `commands` for short commands (appends, rate
 * limits, locks, publishes), `subscriber` for pub/sub (a subscribed connection can do nothing
 * else), `consumer` for the blocking stream reads. Null without `REDIS_URL`.
 *
 * Commands fail at once while Redis is unreachable (no offline queue) and after
 * REDIS_COMMAND_TIMEOUT_MS when it stalls, so callers fall back instead of waiting; the client
 * reconnects by itself, and an outage is logged once when it starts and once when it ends.
 */
export function redis(purpose: keyof Clients = 'commands'): Redis | null {
  const url = redisUrl()
  if (!url) return null
  const existing = clients[purpose]
  if (existing) return existing
  const client = new Redis(url, {
    connectionName: `splitpage:${purpose}`,
    enableOfflineQueue: purpose === 'subscriber',
    maxRetriesPerRequest: purpose === 'commands' ? 1 : null,
    commandTimeout: purpose === 'commands' ? REDIS_COMMAND_TIMEOUT_MS : undefined,
    // Appends from concurrent requests share one round trip.
    enableAutoPipelining: purpose === 'commands',
    retryStrategy: (attempt) => Math.min(100 * attempt, 1_000),
    lazyConnect: false,
  })
  watchOutage(client, purpose)
  clients[purpose] = client
  return client
}

/**
 * The commands client once it is connected, waiting at most `timeoutMs` (a client just created
 * at start-up is still connecting; commands would fail at once). Null without REDIS_URL.
 */
export async function connectedRedis(timeoutMs = 5_000): Promise<Redis | null> {
  const client = redis()
  if (!client || client.status === 'ready') return client
  let onReady = () => {}
  await Promise.race([
    new Promise<void>((resolve) => client.once('ready', (onReady = resolve))),
    new Promise((resolve) => setTimeout(resolve, timeoutMs).unref()),
  ])
  client.off('ready', onReady)
  return client
}

function watchOutage(client: Redis, purpose: string) {
  let downSince = 0
  client.on('error', (error: Error) => {
    if (downSince) return
    downSince = Date.now()
    console.error(`[splitpage] redis (${purpose}) unreachable: ${error.message}`)
  })
  client.on('ready', () => {
    if (!downSince) return
    console.log(`[splitpage] redis (${purpose}) back after ${Date.now() - downSince} ms`)
    downSince = 0
  })
}

/** Whether the shared Redis answers now (for the readiness route). */
export async function pingRedis(): Promise<'ok' | 'unused' | string> {
  const client = redis()
  if (!client) return 'unused'
  try {
    return (await client.ping()) === 'PONG' ? 'ok' : 'unexpected answer'
  } catch (error) {
    return (error as Error).message
  }
}
