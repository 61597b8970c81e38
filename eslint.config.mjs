import nextVitals from 'eslint-config-next/core-web-vitals'
import nextTypescript from 'eslint-config-next/typescript'

const parentImports = {
  group: ['../*'],
  message: 'Import from the source root with `@/…` instead of climbing with `../`.',
}
const upperLayers = [
  'collections',
  'blocks',
  'components',
  'app',
  'globals',
  'access',
  'fields',
  'seed',
]

const eslintConfig = [
  ...nextVitals,
  ...nextTypescript,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Imports name the module from the source root (`@/lib/…`), never a climb of `../`.
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      'import/no-cycle': ['error', { ignoreExternal: true }],
      'no-restricted-imports': ['error', { patterns: [parentImports] }],
    },
  },
  {
    // Layers point down: lib depends on nothing above it (DESIGN.md, "Layout").
    files: ['src/lib/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            parentImports,
            {
              group: upperLayers.flatMap((layer) => [`@/${layer}`, `@/${layer}/**`]),
              message:
                'src/lib imports nothing from collections, blocks, components, app, globals, access, fields or seed: move what both need into lib.',
            },
          ],
        },
      ],
    },
  },
  {
    ignores: [
      '.next/',
      'node_modules/',
      'src/payload-types.ts',
      'src/migrations/',
      'src/app/(payload)/',
      'test-results/',
      'playwright-report/',
      'next-env.d.ts',
      '.tmp/',
    ],
  },
]

export default eslintConfig
