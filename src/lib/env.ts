const DEV_SECRET = 'splitpage-local-development-secret-not-for-production'

const isBuildPhase = () => process.env.NEXT_PHASE === 'phase-production-build'

/**
 * Payload's signing secret. Development gets a clearly-labelled local default; a production
 * server refuses to start without a real one (the build phase only needs a placeholder).
 */
export function getPayloadSecret(): string {
  const secret = process.env.PAYLOAD_SECRET
  if (secret) return secret
  if (process.env.NODE_ENV === 'production' && !isBuildPhase()) {
    throw new Error(
      'PAYLOAD_SECRET is not set. Production refuses to start without it: set it to a long random ' +
        'string, for example `PAYLOAD_SECRET=$(openssl rand -hex 32) npm start`.',
    )
  }
  return DEV_SECRET
}

export const DEFAULT_DATABASE_URI = 'file:./data/splitpage.db'

export function getDatabaseUri(): string {
  return process.env.DATABASE_URI || DEFAULT_DATABASE_URI
}

/**
 * Whether this instance writes the shared event stream to the database (EVENT_WRITER, default
 * on). With REDIS_URL, instances that serve pages can leave that work to others (set it to
 * `false` there and keep it on for at least one instance): a page instance then only appends each
 * event to the stream. Without Redis every instance writes its own events, whatever it says.
 */
export function writesSharedEvents(): boolean {
  return !/^(false|off|0|no)$/i.test(process.env.EVENT_WRITER?.trim() ?? '')
}
