import type { Endpoint } from 'payload'

/**
 * GET /api/variants/:id/live: the running experiment that serves this variant, if any, and how
 * many visitors it has shown it so far (for the banner on the variant's edit view).
 */
export const variantLiveEndpoint: Endpoint = {
  path: '/:id/live',
  method: 'get',
  handler: async (req) => {
    if (!req.user) return Response.json({ error: 'Log in first.' }, { status: 401 })
    const id = String(req.routeParams?.id)
    // Loaded here: the collection config must not import the database layer.
    const { isDocIdFormat } = await import('@/lib/db/docId')
    if (!isDocIdFormat(req.payload, id))
      return Response.json({ error: 'No such variant.' }, { status: 404 })
    const { docs } = await req.payload.find({
      collection: 'experiments',
      where: { and: [{ status: { equals: 'running' } }, { 'variants.variant': { equals: id } }] },
      depth: 0,
      limit: 1,
      req,
      overrideAccess: false,
    })
    const experiment = docs[0]
    if (!experiment) return Response.json({ live: null })
    const { experimentMetrics } = await import('@/lib/db/experimentMetrics')
    const metrics = await experimentMetrics(req.payload, String(experiment.id))
    const visitors = metrics.variants.find((m) => m.variant === id)?.visitors ?? 0
    return Response.json({
      live: { experiment: { id: experiment.id, name: experiment.name }, visitors },
    })
  },
}
