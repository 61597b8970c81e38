// `npm start`: the production server. Migrations run on first use (prodMigrations).
import { baseEnv, exec } from './lib.mjs'

if (!process.env.PAYLOAD_SECRET) {
  console.error(
    'PAYLOAD_SECRET is not set. Production refuses to start without it:\n' +
      '  PAYLOAD_SECRET=$(openssl rand -hex 32) npm start',
  )
  process.exit(1)
}
exec('node', ['node_modules/next/dist/bin/next', 'start', ...process.argv.slice(2)], {
  ...baseEnv,
  NODE_ENV: 'production',
})
