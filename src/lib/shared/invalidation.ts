import { processSingleton } from './processSingleton'

type Listener = (tags: string[]) => void
type Channel = {
  listeners: Map<string, Listener>
  /** Set by the server runtime when instances share a Redis: tells the other instances too. */
  remote: ((tags: string[]) => void) | null
}

/**
 * Tells every cache that content changed (by cache tag). Writers publish (content/revalidate);
 * caches subscribe (the content memo, the assignment snapshot). Listeners of this process hear
 * it at once; with a shared Redis the server runtime also forwards it to every other instance
 * (`lib/shared/sharedInvalidation`), whose listeners hear it through `receiveInvalidation`. So
 * callers never branch on where it goes.
 */
const channel = processSingleton<Channel>('invalidationChannel', () => ({
  listeners: new Map(),
  remote: null,
}))

/** Subscribes under a name; subscribing again under it (another bundle) replaces the listener. */
export function onInvalidation(name: string, listener: Listener) {
  channel.listeners.set(name, listener)
}

export function publishInvalidation(tags: string[]) {
  receiveInvalidation(tags)
  channel.remote?.(tags)
}

/** Delivers tags to this process's listeners (a local change, or one from another instance). */
export function receiveInvalidation(tags: string[]) {
  for (const listener of channel.listeners.values()) {
    try {
      listener(tags)
    } catch (error) {
      console.error('[splitpage] invalidation listener failed:', error)
    }
  }
}

export function setRemoteInvalidation(remote: Channel['remote']) {
  channel.remote = remote
}
