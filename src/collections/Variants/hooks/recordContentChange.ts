import type { CollectionAfterChangeHook } from 'payload'

import { logExperimentChange } from '@/lib/experiments/changeLog'
import type { Variant } from '@/payload-types'
import { publicationChange } from '@/hooks/publication'

/**
 * Publishing new content for a variant that a running experiment serves is noted on that
 * experiment (drafts are not: visitors do not see them).
 */
export const recordContentChange: CollectionAfterChangeHook<Variant> = async ({
  doc,
  operation,
  req,
}) => {
  if (operation !== 'update') return doc
  const { change, before } = publicationChange('variants', doc, req)
  if (change !== 'published' || JSON.stringify(doc.layout) === JSON.stringify(before?.layout))
    return doc
  const { docs } = await req.payload.find({
    collection: 'experiments',
    where: { and: [{ 'variants.variant': { equals: doc.id } }, { status: { equals: 'running' } }] },
    depth: 0,
    pagination: false,
    req,
  })
  for (const experiment of docs) {
    await logExperimentChange(
      req.payload,
      experiment,
      { kind: 'content', note: `Content of "${doc.name}" edited while running` },
      req,
    )
  }
  return doc
}
