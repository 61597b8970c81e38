// `npm run seed`: apply migrations, then seed demo content if the database is empty.
// Works in development and with NODE_ENV=production alike.
import { migrate, seedIfEmpty } from './lib.mjs'

await migrate()
await seedIfEmpty()
