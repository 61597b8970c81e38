import 'server-only'

import { instanceId } from './instance'
import { receiveInvalidation, setRemoteInvalidation } from './invalidation'
import { processSingleton } from './processSingleton'
import { redis } from './redis'

/** The pub/sub channel on which instances announce content changes (cache tags). */
export const INVALIDATION_CHANNEL = 'splitpage:invalidate'
/**
 * When each tag last expired (a hash: tag → ms since epoch), for instances that were down or
 * disconnected when it was announced: the page cache handler reads it when it (re)connects.
 */
export const TAG_EXPIRY_KEY = 'splitpage:tag-expired'

type Message = { origin: string; tags: string[] }

/**
 * Forwards this instance's content changes to every other instance and delivers theirs here,
 * through Redis pub/sub: a change is in force everywhere within a round trip. When a message
 * may have been missed (the subscriber reconnected), `onMissed` runs so caches reload; the
 * snapshot's 30 s refresh stays as the last resort when Redis is down.
 */
export async function startSharedInvalidation(onMissed: () => void): Promise<boolean> {
  const state = processSingleton('sharedInvalidation', () => ({ started: false }))
  const publisher = redis('commands')
  const subscriber = redis('subscriber')
  if (!publisher || !subscriber || state.started) return state.started
  state.started = true

  let failing = false
  setRemoteInvalidation((tags) => {
    const message: Message = { origin: instanceId, tags }
    const now = String(Date.now())
    publisher
      .multi()
      .hset(TAG_EXPIRY_KEY, Object.fromEntries(tags.map((tag) => [tag, now])))
      .publish(INVALIDATION_CHANNEL, JSON.stringify(message))
      .exec()
      .then(() => {
        if (failing) console.log('[splitpage] content changes reach other instances again')
        failing = false
      })
      .catch((error: Error) => {
        if (!failing)
          console.error(
            `[splitpage] could not tell other instances about a change (they refresh within 30 s): ${error.message}`,
          )
        failing = true
      })
  })

  subscriber.on('message', (channel: string, raw: string) => {
    if (channel !== INVALIDATION_CHANNEL) return
    try {
      const message = JSON.parse(raw) as Message
      if (message.origin === instanceId || !Array.isArray(message.tags)) return
      receiveInvalidation(message.tags.filter((tag) => typeof tag === 'string'))
    } catch {
      // Not one of ours.
    }
  })
  let connectedBefore = false
  subscriber.on('ready', () => {
    if (connectedBefore) onMissed()
    connectedBefore = true
  })
  await subscriber.subscribe(INVALIDATION_CHANNEL).catch((error: Error) => {
    console.error(`[splitpage] not subscribed to content changes yet: ${error.message}`)
  })
  return true
}
