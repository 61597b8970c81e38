// `npm run dev`: apply migrations, seed an empty database, then start Next in development.
import { baseEnv, exec, migrate, seedIfEmpty } from './lib.mjs'

await migrate()
await seedIfEmpty()
exec('node', ['node_modules/next/dist/bin/next', 'dev', ...process.argv.slice(2)], baseEnv)
