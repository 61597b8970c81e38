import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { buildConfig } from 'payload'
import sharp from 'sharp'

import { AnalyticsEvents } from './src/collections/AnalyticsEvents'
import { Experiments } from './src/collections/Experiments'
import { Leads } from './src/collections/Leads'
import { Media } from './src/collections/Media'
import { Pages } from './src/collections/Pages'
import { ExperimentDaily, ExperimentExposures } from './src/collections/Rollups'
import { Users } from './src/collections/Users'
import { Variants } from './src/collections/Variants'
import { SiteSettings } from './src/globals/SiteSettings'
import { databaseAdapter } from './src/lib/db/adapter'
import { getDatabaseUri, getPayloadSecret } from './src/lib/env'

const dirname = path.dirname(fileURLToPath(import.meta.url))

export default buildConfig({
  admin: {
    user: Users.slug,
    importMap: { baseDir: path.resolve(dirname, 'src') },
    meta: { titleSuffix: ' — Splitpage' },
    components: { beforeDashboard: ['/components/admin/ExperimentStats#ExperimentStats'] },
  },
  collections: [
    Pages,
    Variants,
    Experiments,
    Leads,
    AnalyticsEvents,
    ExperimentExposures,
    ExperimentDaily,
    Media,
    Users,
  ],
  globals: [SiteSettings],
  editor: lexicalEditor(),
  secret: getPayloadSecret(),
  db: databaseAdapter(getDatabaseUri()),
  sharp,
  typescript: { outputFile: path.resolve(dirname, 'src/payload-types.ts') },
  graphQL: { disablePlaygroundInProduction: true },
  telemetry: false,
})
