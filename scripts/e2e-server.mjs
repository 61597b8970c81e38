// The server Playwright tests run against: a production build on a fresh SQLite database with
// demo content, listening on 127.0.0.1 only. Set E2E_SKIP_BUILD=1 to reuse an existing build.
import fs from 'node:fs'
import path from 'node:path'

import { baseEnv, clearRuntimeCache, exec, migrate, run, seedIfEmpty } from './lib.mjs'

const dir = path.resolve('.tmp/e2e')
fs.rmSync(dir, { recursive: true, force: true })
fs.mkdirSync(dir, { recursive: true })

const env = {
  DATABASE_URI: process.env.E2E_DATABASE_URI || `file:${path.join(dir, 'e2e.db')}`,
  MEDIA_DIR: path.join(dir, 'media'),
  PAYLOAD_SECRET: 'e2e-only-secret',
  NODE_ENV: 'production',
  // Notifications go to an SMTP sink and a webhook receiver that the notification test starts
  // on loopback; the maintenance jobs (notifications, optimiser) run every 5 s instead of hourly
  // or each minute, so the tests see them act.
  SMTP_HOST: '127.0.0.1',
  SMTP_PORT: process.env.E2E_SMTP_PORT || '3227',
  SMTP_FROM: 'splitpage-e2e@example.com',
  ALLOW_LOOPBACK_WEBHOOKS: 'true',
  MAINTENANCE_CRON: '*/5 * * * * *',
  NOTIFY_CRON: '*/5 * * * * *',
  BANDIT_CRON: '*/5 * * * * *',
}
Object.assign(process.env, env)

if (process.env.E2E_SKIP_BUILD !== '1') {
  await run('node', ['node_modules/next/dist/bin/next', 'build'], { ...baseEnv, ...env })
}
clearRuntimeCache()
await migrate()
await seedIfEmpty()
exec(
  'node',
  [
    'node_modules/next/dist/bin/next',
    'start',
    '-H',
    '127.0.0.1',
    '-p',
    process.env.E2E_PORT || '3210',
  ],
  { ...baseEnv, ...env },
)
