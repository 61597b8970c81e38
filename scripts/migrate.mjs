// `npm run migrate`: apply the committed migrations to DATABASE_URI.
import { migrate } from './lib.mjs'

await migrate()
