import { ValidationError, type CollectionBeforeChangeHook } from 'payload'

import type { Experiment } from '@/payload-types'
import { experimentRuleErrors } from '@/collections/Experiments/rules'
import { maybeIdOf } from '@/lib/ids'

/** Loads what the rules need (variant pages, other running experiments) and enforces them. */
export const validateExperiment: CollectionBeforeChangeHook<Experiment> = async ({
  data,
  originalDoc,
  req,
}) => {
  const merged = { ...originalDoc, ...data }
  const pageId = maybeIdOf(merged.page)
  const rows = merged.variants ?? []
  const variantIds = rows
    .map((row) => maybeIdOf(row.variant))
    .filter((id): id is string => id !== null)

  const [page, variantDocs, otherRunning] = await Promise.all([
    pageId
      ? req.payload
          .findByID({ collection: 'pages', id: pageId, depth: 0, req, disableErrors: true })
          .catch(() => null)
      : null,
    variantIds.length
      ? req.payload.find({
          collection: 'variants',
          where: { id: { in: variantIds } },
          depth: 1,
          limit: variantIds.length,
          pagination: false,
          req,
        })
      : { docs: [] },
    merged.status === 'running' && pageId
      ? req.payload.find({
          collection: 'experiments',
          where: {
            and: [
              { page: { equals: pageId } },
              { status: { equals: 'running' } },
              ...(originalDoc?.id ? [{ id: { not_equals: originalDoc.id } }] : []),
            ],
          },
          depth: 0,
          limit: 1,
          pagination: false,
          req,
        })
      : { docs: [] },
  ])

  const byId = new Map(variantDocs.docs.map((doc) => [String(doc.id), doc]))
  const errors = experimentRuleErrors({
    status: merged.status ?? 'draft',
    page: page ? { id: String(page.id), title: page.title } : null,
    startDate: merged.startDate,
    endDate: merged.endDate,
    variants: rows.map((row) => {
      const id = maybeIdOf(row.variant) ?? ''
      const doc = byId.get(id)
      const variantPage = doc && typeof doc.page === 'object' ? doc.page : null
      return {
        id,
        name: doc?.name ?? null,
        page: variantPage ? { id: String(variantPage.id), title: variantPage.title } : null,
        trafficPercentage: row.trafficPercentage,
      }
    }),
    otherRunning: otherRunning.docs[0]
      ? { id: String(otherRunning.docs[0].id), name: otherRunning.docs[0].name }
      : null,
  })

  if (errors.length > 0) {
    throw new ValidationError({ collection: 'experiments', errors, req })
  }
  return data
}
