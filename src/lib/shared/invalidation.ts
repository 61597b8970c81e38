import { processSingleton } from './processSingleton'

type Listener = (tags: string[]) => void

/**
 * Tells every cache of this process that content changed (by cache tag). Writers publish
 * (content/revalidate); caches subscribe (the content memo, the assignment snapshot). This is the
 * in-memory implementation; a shared one (e.g. Redis pub/sub) reaches other instances through
 * the same two functions, so callers never branch on where it goes.
 */
const listeners = processSingleton('invalidationListeners', () => new Map<string, Listener>())

/** Subscribes under a name; subscribing again under it (another bundle) replaces the listener. */
export function onInvalidation(name: string, listener: Listener) {
  listeners.set(name, listener)
}

export function publishInvalidation(tags: string[]) {
  for (const listener of listeners.values()) listener(tags)
}
