// Next's own file-system cache for rendered pages and data, with two changes:
// - a page answered 404 is not kept: with on-demand rendering Next would otherwise write ~44 KB
//   per distinct unknown path (any random slug, any /vr/<bad token>~…), which anyone can grow
//   without bound;
// - with REDIS_URL, tag expiry is shared by every instance: a change announced by any instance
//   (`src/lib/shared/sharedInvalidation.ts`: pub/sub on `splitpage:invalidate`, and the hash
//   `splitpage:tag-expired` for instances that were away) expires the tag in this process's
//   manifest too, so a page edited through one instance is re-rendered on its next request on
//   every instance. Each instance keeps its own rendered copies (disk + memory): a page view
//   never waits for Redis, and a page is rendered at most once per instance per change.
// - with INSTANCE_ID set (several servers sharing one build folder, as `npm run cluster` runs
//   them), each keeps what it renders at run time in a folder of its own under
//   `.next/cache/instances/`, since Next writes a rendered page as several files, not atomically.
// Wired in next.config.mjs (`cacheHandler`); everything else is Next's.
/* eslint-disable @typescript-eslint/no-require-imports -- Next loads cache handlers as CommonJS */
const path = require('node:path')
const FileSystemCache = require('next/dist/server/lib/incremental-cache/file-system-cache').default
const { tagsManifest } = require('next/dist/server/lib/incremental-cache/tags-manifest.external')

const CHANNEL = 'splitpage:invalidate'
const TAG_EXPIRY_KEY = 'splitpage:tag-expired'
/** A page request waits at most this long, once per process, for the shared expiries to load. */
const FIRST_LOAD_WAIT_MS = 1_000

function expireTag(tag, at) {
  const entry = tagsManifest.get(tag) || {}
  if (typeof entry.expired === 'number' && entry.expired >= at) return
  tagsManifest.set(tag, { ...entry, expired: at })
}

let shared
/** Connects once per process; null without REDIS_URL (one instance: Next's own behaviour). */
function sharedExpiry() {
  if (shared !== undefined) return shared
  const url = process.env.REDIS_URL && process.env.REDIS_URL.trim()
  if (!url || process.env.NEXT_PHASE === 'phase-production-build') return (shared = null)
  const { Redis } = require('ioredis')
  const options = { retryStrategy: (attempt) => Math.min(100 * attempt, 1_000) }
  const reader = new Redis(url, { ...options, connectionName: 'splitpage:page-cache' })
  const subscriber = new Redis(url, { ...options, connectionName: 'splitpage:page-cache-sub' })
  // Outages are logged by the application's own clients; these reconnect by themselves.
  reader.on('error', () => {})
  subscriber.on('error', () => {})
  subscriber.on('message', (channel, raw) => {
    if (channel !== CHANNEL) return
    try {
      const { tags } = JSON.parse(raw)
      if (Array.isArray(tags)) for (const tag of tags) expireTag(String(tag), Date.now())
    } catch {
      // Not one of ours.
    }
  })
  void subscriber.subscribe(CHANNEL).catch(() => {})
  const load = () =>
    reader.hgetall(TAG_EXPIRY_KEY).then(
      (all) => {
        for (const [tag, at] of Object.entries(all)) expireTag(tag, Number(at))
      },
      () => {},
    )
  // After a reconnect, announcements may have been missed: read the hash again.
  let connectedBefore = false
  reader.on('ready', () => {
    if (connectedBefore) void load()
    connectedBefore = true
  })
  const firstLoad = Promise.race([
    load(),
    new Promise((resolve) => setTimeout(resolve, FIRST_LOAD_WAIT_MS).unref()),
  ])
  let loaded = false
  void firstLoad.then(() => (loaded = true))
  return (shared = { ready: () => (loaded ? null : firstLoad) })
}

/** The run-time cache folders Next uses under the build folder, and this instance's own. */
function instanceFolders(serverDistDir) {
  const id = process.env.INSTANCE_ID && process.env.INSTANCE_ID.trim()
  if (!id || !serverDistDir) return null
  const own = path.join(serverDistDir, '..', 'cache', 'instances', id.replace(/[^\w.-]/g, '_'))
  return [
    [path.join(serverDistDir, 'route-cache') + path.sep, path.join(own, 'route-cache') + path.sep],
    [
      path.join(serverDistDir, '..', 'cache', 'fetch-cache') + path.sep,
      path.join(own, 'fetch-cache') + path.sep,
    ],
  ]
}

module.exports = class SplitpageCache extends FileSystemCache {
  constructor(options) {
    super(options)
    this.instanceFolders = instanceFolders(options.serverDistDir)
    sharedExpiry()
  }

  getFilePath(key, kind) {
    const file = super.getFilePath(key, kind)
    for (const [shared, own] of this.instanceFolders || []) {
      if (file.startsWith(shared)) return own + file.slice(shared.length)
    }
    return file
  }

  async get(...args) {
    const pending = shared && shared.ready()
    if (pending) await pending
    return super.get(...args)
  }

  async set(key, data, ctx) {
    if (data && data.kind === 'APP_PAGE' && data.status === 404) return
    return super.set(key, data, ctx)
  }
}
