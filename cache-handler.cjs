// Next's own file-system cache for rendered pages and data, except that a page answered 404 is
// not kept: with on-demand rendering Next would otherwise write ~44 KB per distinct unknown path
// (any random slug, any /vr/<bad token>/…), which anyone can grow without bound.
// Wired in next.config.mjs (`cacheHandler`); everything else, tags included, is Next's.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- Next loads cache handlers as CommonJS
const FileSystemCache = require('next/dist/server/lib/incremental-cache/file-system-cache').default

module.exports = class SplitpageCache extends FileSystemCache {
  async set(key, data, ctx) {
    if (data && data.kind === 'APP_PAGE' && data.status === 404) return
    return super.set(key, data, ctx)
  }
}
