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
    // The `@/` alias of tsconfig.json.
    build.onResolve({ filter: /^@\// }, async (args) =>
      build.resolve(`./${args.path.slice(2)}`, {
        kind: args.kind,
        resolveDir: path.resolve('src'),
      }),
    )
    // Next's build checks these markers; a script outside Next has nothing to check them against.
    build.onResolve({ filter: /^(server|client)-only$/ }, (args) => ({
      path: args.path,
      namespace: 'splitpage-empty',
    }))
    build.onLoad({ filter: /.*/, namespace: 'splitpage-empty' }, () => ({ contents: '' }))
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
