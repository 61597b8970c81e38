import type { Endpoint, PayloadRequest } from 'payload'

import { roleOf } from '@/access/roles'
import { erasePersonData, exportPersonData, type DataSubject } from '@/lib/leads/privacy'

async function subjectOf(req: PayloadRequest): Promise<DataSubject | Response> {
  if (roleOf(req.user) !== 'admin')
    return Response.json(
      { error: 'Only an admin can export or erase personal data.' },
      { status: 403 },
    )
  const body =
    req.method === 'GET'
      ? (req.query as Record<string, unknown>)
      : ((await req.json?.().catch(() => null)) ?? {})
  const email = typeof body.email === 'string' ? body.email.slice(0, 254) : null
  const visitorId = typeof body.visitorId === 'string' ? body.visitorId.slice(0, 64) : null
  if (!email?.trim() && !visitorId?.trim())
    return Response.json({ error: 'Give an email address or a visitor id.' }, { status: 400 })
  return { email, visitorId }
}

/** GET /api/leads/privacy/export?email=…|visitorId=…: everything held about one person (JSON). */
export const exportPersonEndpoint: Endpoint = {
  path: '/privacy/export',
  method: 'get',
  handler: async (req) => {
    const subject = await subjectOf(req)
    if (subject instanceof Response) return subject
    const data = await exportPersonData(req.payload, subject)
    return Response.json(data, {
      headers: {
        'content-disposition': 'attachment; filename="splitpage-personal-data.json"',
        'cache-control': 'no-store',
      },
    })
  },
}

/** POST /api/leads/privacy/erase { email | visitorId }: erase it (rollup counts stay). */
export const erasePersonEndpoint: Endpoint = {
  path: '/privacy/erase',
  method: 'post',
  handler: async (req) => {
    const subject = await subjectOf(req)
    if (subject instanceof Response) return subject
    return Response.json({ erased: await erasePersonData(req.payload, subject) })
  },
}
