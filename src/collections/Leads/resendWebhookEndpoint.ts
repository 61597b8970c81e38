import type { Endpoint } from 'payload'

import { queueLeadWebhook } from '@/lib/leads/webhook'

/** POST /api/leads/:id/resend-webhook: a new delivery of one lead (new delivery id). */
export const resendWebhookEndpoint: Endpoint = {
  path: '/:id/resend-webhook',
  method: 'post',
  handler: async (req) => {
    if (!req.user) return Response.json({ error: 'Log in to resend a webhook.' }, { status: 401 })
    const id = String(req.routeParams?.id ?? '')
    const lead = await req.payload
      .findByID({ collection: 'leads', id, depth: 0, req, overrideAccess: false })
      .catch(() => null)
    if (!lead) return Response.json({ error: 'No such lead.' }, { status: 404 })
    const settings = await req.payload.findGlobal({ slug: 'site-settings', depth: 0 })
    if (!settings.leadWebhookUrl)
      return Response.json(
        { error: 'Set a lead webhook URL in Site settings first.' },
        { status: 400 },
      )
    const deliveryId = await queueLeadWebhook(req.payload, lead.id)
    if (!deliveryId)
      return Response.json(
        { error: 'The delivery could not be queued; see the webhook status on the lead.' },
        { status: 503 },
      )
    return Response.json({ deliveryId, status: 'pending' }, { status: 202 })
  },
}
