import type { TaskConfig } from 'payload'

import { pruneOldLeads } from '@/lib/leads/privacy'

export const MAINTENANCE_QUEUE = 'maintenance'

/** Nightly (03:15 server time): deletes leads past the retention set in Site settings. */
export const pruneLeadsTask: TaskConfig<{ input: object; output: { deleted: number } }> = {
  slug: 'pruneLeads',
  label: 'Delete leads past their retention',
  schedule: [{ cron: '0 15 3 * * *', queue: MAINTENANCE_QUEUE }],
  handler: async ({ req }) => {
    const settings = await req.payload.findGlobal({ slug: 'site-settings', depth: 0 })
    const deleted = await pruneOldLeads(req.payload, Number(settings.leadRetentionDays ?? 0))
    if (deleted) console.log(`[splitpage] deleted ${deleted} leads past their retention`)
    return { output: { deleted } }
  },
}
