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
import {
  ExperimentDaily,
  ExperimentExposures,
  ExperimentGoalDaily,
  ExperimentGoalVisitors,
} from '@/collections/Rollups'
import { Users } from '@/collections/Users'
import { isAdminRequest } from '@/access/roles'
import { Variants } from '@/collections/Variants'
import { SiteSettings } from '@/globals/SiteSettings'
import { explainValidationErrors } from '@/hooks/explainValidationErrors'
import { payloadLogger } from '@/hooks/logger'
import { databaseAdapter } from '@/lib/db/adapter'
import { getDatabaseUri, getPayloadSecret } from '@/lib/env'
import { MAINTENANCE_QUEUE, pruneLeadsTask } from '@/lib/leads/pruneLeadsTask'
import { deliverLeadWebhookTask, WEBHOOK_QUEUE } from '@/lib/leads/webhook'
import { completeEndedExperimentsTask } from '@/lib/experiments/scheduleTask'
import { optimiseTrafficTask } from '@/lib/experiments/optimiseTask'
import { emailAdapter } from '@/lib/notifications/email'
import { notifyExperimentsTask } from '@/lib/notifications/notifyTask'
import { Notifications } from '@/collections/Notifications'
import { shouldRunJobs } from '@/lib/jobs/shouldRunJobs'
import { mediaStoragePlugins } from '@/lib/media/storage'
import { withoutSuggestions } from '@/lib/security/graphqlSuggestions'
import { pruneEventsTask } from '@/lib/tracking/pruneEventsTask'

const dirname = path.dirname(fileURLToPath(import.meta.url))

export default buildConfig({
  admin: {
    user: Users.slug,
    importMap: { baseDir: path.resolve(dirname, 'src') },
    meta: { titleSuffix: ' — Splitpage' },
    // Initials-style default avatar: Gravatar needs the network and leaks who logs in.
    avatar: 'default',
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
    ExperimentGoalVisitors,
    ExperimentGoalDaily,
    Notifications,
    Media,
    Users,
  ],
  globals: [SiteSettings],
  editor: lexicalEditor(),
  secret: getPayloadSecret(),
  db: databaseAdapter(getDatabaseUri()),
  sharp,
  // Media on local disk, or in an S3-compatible bucket when S3_BUCKET is set.
  plugins: mediaStoragePlugins(),
  // Types come from `npm run generate:types` (SQLite, numeric ids) and are checked in CI; not
  // regenerated at every start, where a test on MongoDB rewrote them with string ids.
  typescript: { outputFile: path.resolve(dirname, 'src/payload-types.ts'), autoGenerate: false },
  // No "Did you mean …?" in validation errors: they name schema types to anonymous callers.
  graphQL: { disablePlaygroundInProduction: true, validationRules: () => [withoutSuggestions] },
  // Durable side effects (lead webhooks) are jobs in the database, run every 5 s by one server:
  // with REDIS_URL, the instance holding the jobs lease (another takes over within 15 s of its
  // death); without it, every server whose JOBS_AUTORUN is not false (so on several instances
  // without Redis, leave it on for one only). Jobs orphaned by a killed worker run again.
  jobs: {
    tasks: [
      deliverLeadWebhookTask,
      pruneLeadsTask,
      pruneEventsTask,
      completeEndedExperimentsTask,
      optimiseTrafficTask,
      notifyExperimentsTask,
    ],
    autoRun: [
      {
        cron: process.env.JOBS_CRON || '*/5 * * * * *',
        queue: WEBHOOK_QUEUE,
        limit: 20,
        // Each failed attempt is logged in one line by the task and shown on the lead.
        silent: true,
      },
      // Schedules (notifications, optimiser, completion) are queued and run here, once a minute
      // (MAINTENANCE_CRON, six fields with seconds; the end-to-end server runs it every 5 s).
      { cron: process.env.MAINTENANCE_CRON || '0 * * * * *', queue: MAINTENANCE_QUEUE, limit: 5 },
    ],
    shouldAutoRun: shouldRunJobs,
    // Jobs are the server's own work; only admins may queue, run or cancel them by hand.
    access: { queue: isAdminRequest, run: isAdminRequest, cancel: isAdminRequest },
  },
  // SMTP when SMTP_HOST is set (notifications, password reset); the console otherwise.
  email: emailAdapter(),
  telemetry: false,
  hooks: { afterError: [explainValidationErrors] },
  logger: payloadLogger(),
})
