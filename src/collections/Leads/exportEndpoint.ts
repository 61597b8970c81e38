import type { Endpoint, Where } from 'payload'

import type { Lead } from '@/payload-types'
import { leadsToCsv } from '@/lib/leads/leadsCsv'

/** GET /api/leads/export: every lead (optionally filtered with ?where=…) as a CSV download. */
export const exportLeadsEndpoint: Endpoint = {
  path: '/export',
  method: 'get',
  handler: async (req) => {
    if (!req.user) return Response.json({ error: 'Log in to export leads.' }, { status: 401 })
    const where = (req.query?.where ?? {}) as Where
    const leads: Lead[] = []
    for (let page = 1; ; page++) {
      const result = await req.payload.find({
        collection: 'leads',
        where,
        depth: 1,
        limit: 500,
        page,
        sort: '-convertedAt',
        req,
        overrideAccess: false,
      })
      leads.push(...result.docs)
      if (!result.hasNextPage) break
    }
    const date = new Date().toISOString().slice(0, 10)
    return new Response(leadsToCsv(leads), {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="splitpage-leads-${date}.csv"`,
        'cache-control': 'no-store',
      },
    })
  },
}
