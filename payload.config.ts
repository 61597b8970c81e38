import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { buildConfig } from 'payload'
import sharp from 'sharp'

import { AnalyticsEvents } from '@/collections/AnalyticsEvents'
import { Experiments } from '@/collections/Experiments'
import { Leads } from '@/collections/Leads'
import { Media } from '@/collections/Media'
import { Pages } from '@/collections/Pages'
import { ExperimentDaily, ExperimentExposures } from '@/collections/Rollups'
import { Users } from '@/collections/Users'
import { Variants } from '@/collections/Variants'
import { SiteSettings } from '@/globals/SiteSettings'
import { databaseAdapter } from '@/lib/db/adapter'
import { getDatabaseUri, getPayloadSecret } from '@/lib/env'

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
