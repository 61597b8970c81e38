/**
 * One value per server process, whichever bundle asks. Next loads the proxy, route handlers and
 * Payload hooks as separate module graphs in one process, so module-level state would exist once
 * per graph; state kept here (on globalThis, under one name) is seen by all of them.
 */
export function processSingleton<T>(name: string, create: () => T): T {
  const registry = globalThis as typeof globalThis & { __splitpage?: Record<string, unknown> }
  const all = (registry.__splitpage ??= {})
  return (all[name] ??= create()) as T
}
