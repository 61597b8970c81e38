import { instanceId } from './instance'
import { processSingleton } from './processSingleton'
import { connectedRedis, redis } from './redis'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

// Deletes or extends a lock only while it is still ours (another holder may have it since).
const RELEASE_IF_MINE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`
const EXTEND_IF_MINE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end return 0`

/**
 * Runs `work` while holding a Redis lock, so instances starting together do it one at a time
 * (e.g. the first database connection, which applies migrations). Without REDIS_URL, or when
 * Redis does not answer, it runs at once: one instance needs no lock, and a Redis outage must
 * not stop a server from starting.
 */
export async function withLock<T>(
  name: string,
  work: () => Promise<T>,
  { ttlMs = 120_000, waitMs = 120_000 } = {},
): Promise<T> {
  const client = await connectedRedis()
  if (!client) return work()
  const key = `splitpage:lock:${name}`
  const token = `${instanceId}:${Math.random().toString(36).slice(2)}`
  const started = Date.now()
  let held = false
  try {
    while (Date.now() - started < waitMs) {
      held = (await client.set(key, token, 'PX', ttlMs, 'NX')) === 'OK'
      if (held) break
      await sleep(200)
    }
  } catch (error) {
    console.error(
      `[splitpage] lock "${name}" unavailable, going ahead: ${(error as Error).message}`,
    )
  }
  try {
    return await work()
  } finally {
    if (held) await client.eval(RELEASE_IF_MINE, 1, key, token).catch(() => {})
  }
}

type Lease = { held: boolean; timer: NodeJS.Timeout | null }

/**
 * Whether this instance holds the lease `name` (one holder among all instances). The first call
 * starts renewing: a holder keeps it while it lives (renewed every ttl/3); when it dies, another
 * instance takes it over within `ttlMs`. While Redis is unreachable nobody holds it (callers
 * then do nothing rather than risk doing it twice).
 */
export async function holdsLease(name: string, ttlMs = 15_000): Promise<boolean> {
  const client = redis()
  if (!client) return true
  const key = `splitpage:lease:${name}`
  const lease = processSingleton<Lease>(`lease:${name}`, () => ({ held: false, timer: null }))
  const attempt = async () => {
    try {
      const extended =
        lease.held && (await client.eval(EXTEND_IF_MINE, 1, key, instanceId, ttlMs)) === 1
      lease.held = extended || (await client.set(key, instanceId, 'PX', ttlMs, 'NX')) === 'OK'
    } catch {
      lease.held = false
    }
  }
  if (!lease.timer) {
    await attempt()
    lease.timer = setInterval(() => void attempt(), Math.max(1_000, Math.floor(ttlMs / 3)))
    lease.timer.unref()
  }
  return lease.held
}
