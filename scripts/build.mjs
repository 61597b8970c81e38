// `npm run build`: a production build. Pages render on first request, so the build needs no data.
import { baseEnv, run } from './lib.mjs'

await run('node', ['node_modules/next/dist/bin/next', 'build', ...process.argv.slice(2)], {
  ...baseEnv,
  NODE_ENV: 'production',
})
