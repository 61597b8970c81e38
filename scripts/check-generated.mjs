// Fails when payload-types.ts, the admin import map or the migrations drift from the config.
// Regenerates each one, then asks git whether anything changed.
import { execFileSync } from 'node:child_process'

import { payloadBin, run } from './lib.mjs'

// Types are generated with the default (SQLite) adapter: numeric IDs. Payload's CLI sometimes
// ends with exit 0 having done nothing (Node 20's ESM loader, see bundle.mjs); then this check
// passes without checking. Tests no longer rewrite the types (autoGenerate: false), so what is
// committed is what `npm run generate:types` wrote.
const env = { DATABASE_URI: '', NEXT_TELEMETRY_DISABLED: '1' }
await run('node', [...payloadBin, 'generate:types'], env)
await run('node', [...payloadBin, 'generate:importmap'], env)
await run('node', [...payloadBin, 'migrate:create', 'drift_check', '--skip-empty'], env)

const status = execFileSync(
  'git',
  [
    'status',
    '--porcelain',
    '--',
    'src/payload-types.ts',
    'src/app/(payload)/admin/importMap.js',
    'src/migrations',
  ],
  { encoding: 'utf8' },
).trim()
if (status) {
  console.error(
    `Generated files drifted from payload.config.ts:\n${status}\n\n` +
      'Run `npm run generate:types`, `npm run generate:importmap` and, for schema changes, ' +
      '`npm run migrate:create -- <name>`, then commit the result.',
  )
  process.exit(1)
}
console.log('Generated types, import map and migrations match the config.')
