import { fileURLToPath } from 'node:url'

import { defineConfig } from 'vitest/config'

// Next's build checks the server-only / client-only markers; tests run the modules directly.
const empty = fileURLToPath(new URL('./tests/helpers/empty.ts', import.meta.url))

// Tests run due jobs themselves (no cron), on a short webhook schedule, with a loopback receiver.
const testEnv = {
  NODE_ENV: 'test' as const,
  NEXT_TELEMETRY_DISABLED: '1',
  JOBS_AUTORUN: 'false',
  ALLOW_LOOPBACK_WEBHOOKS: 'true',
  WEBHOOK_RETRY_BASE_MS: '50',
  WEBHOOK_MAX_ATTEMPTS: '3',
}

export default defineConfig({
  resolve: {
    tsconfigPaths: true,
    alias: { 'server-only': empty, 'client-only': empty },
  },
  test: {
    environment: 'node',
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'int',
          include: ['tests/int/**/*.int.test.ts'],
          pool: 'forks',
          // FerretDB 1.x (CI's MongoDB) scans the whole collection on every update, even by _id
          // (measured: 30 ms each at 6 000 documents, 130 ms at 30 000), so the rollup tests'
          // per-lead updates slow down as a file's database fills; real MongoDB uses the index.
          testTimeout: process.env.TEST_DATABASE_URI?.startsWith('mongodb') ? 180_000 : 60_000,
          hookTimeout: 120_000,
          env: testEnv,
        },
      },
      {
        extends: true,
        test: {
          name: 'reliability',
          include: ['tests/reliability/**/*.rel.test.ts'],
          pool: 'forks',
          testTimeout: 180_000,
          hookTimeout: 120_000,
          env: testEnv,
        },
      },
      {
        // Several production instances behind nginx, with Redis and FerretDB of their own
        // (scripts/cluster-lib.mjs); one file at a time, since each starts a whole cluster.
        extends: true,
        test: {
          name: 'cluster',
          include: ['tests/cluster/**/*.cluster.test.ts'],
          pool: 'forks',
          fileParallelism: false,
          testTimeout: 240_000,
          hookTimeout: 300_000,
          env: { ...testEnv, JOBS_AUTORUN: 'true' },
        },
      },
    ],
  },
})
