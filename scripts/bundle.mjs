// Bundles one of our TypeScript entry points into plain ESM that Node runs without a loader.
// Packages stay external, except @payloadcms/richtext-lexical: loaded by Node's own ESM loader
// (Node 20), importing it here left the import unsettled in about 5 runs out of 6 and the
// process ended without doing its work; bundled, its module graph loads reliably.
import path from 'node:path'

import { build } from 'esbuild'

const INLINE = ['@payloadcms/richtext-lexical']

const resolution = {
  name: 'splitpage-externals',
  setup(build) {
    // `next` has no exports map, so Node's ESM resolver needs the file name of its subpaths.
    build.onResolve({ filter: /^next\/[a-z]+$/ }, (args) => ({
      path: `${args.path}.js`,
      external: true,
    }))
    build.onResolve({ filter: /^@payload-config$/ }, () => ({
      path: path.resolve('payload.config.ts'),
    }))
    build.onResolve({ filter: /^[@a-z]/ }, (args) => {
      if (INLINE.some((name) => args.path === name || args.path.startsWith(`${name}/`)))
        return undefined
      return { path: args.path, external: true }
    })
  },
}

export async function bundle(entry) {
  const outfile = path.resolve('.tmp/scripts', `${path.basename(entry, '.ts')}.mjs`)
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    loader: { '.css': 'empty', '.scss': 'empty' },
    plugins: [resolution],
    logLevel: 'warning',
  })
  return outfile
}
