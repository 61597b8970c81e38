import { fileURLToPath } from 'node:url'

import { defineConfig } from 'vitest/config'

// Next's build checks the server-only / client-only markers; tests run the modules directly.
const empty = fileURLToPath(new URL('./tests/helpers/empty.ts', import.meta.url))

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
          testTimeout: 60_000,
          hookTimeout: 120_000,
          env: { NODE_ENV: 'test', NEXT_TELEMETRY_DISABLED: '1' },
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
          env: { NODE_ENV: 'test', NEXT_TELEMETRY_DISABLED: '1' },
        },
      },
    ],
  },
})
