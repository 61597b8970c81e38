import { ValidationError, type CollectionBeforeChangeHook } from 'payload'

import type { Experiment } from '@/payload-types'
import { experimentRuleErrors } from '@/collections/Experiments/rules'
import { maybeIdOf } from '@/lib/ids'
import { isPublished } from '@/lib/content/published'

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
    page: page ? { id: String(page.id), title: page.title, published: isPublished(page) } : null,
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
        published: doc ? isPublished(doc) : undefined,
        trafficPercentage: row.trafficPercentage,
      }
    }),
    otherRunning: otherRunning.docs[0]
      ? { id: String(otherRunning.docs[0].id), name: otherRunning.docs[0].name }
      : null,
    goals: merged.goals,
    formNames: page
      ? formNamesOf([page.layout, ...variantDocs.docs.map((doc) => doc.layout)])
      : undefined,
  })

  if (errors.length > 0) {
    // Labels in the marketer's words, with the reason: the admin's toast shows the labels
    // ("The following field is invalid: Variant 2 — …"), not paths like variants.1.variant.
    const labelled = errors.map((error) => ({
      ...error,
      label: `${labelOf(error.path)} — ${error.message}`,
    }))
    throw new ValidationError({ collection: 'experiments', errors: labelled, req })
  }
  return data
}

/** The "Form name"s of the lead forms in these layouts. */
function formNamesOf(layouts: unknown[]): Set<string> {
  const names = new Set<string>()
  for (const layout of layouts)
    for (const block of Array.isArray(layout) ? layout : []) {
      const { blockType, formName } = (block ?? {}) as { blockType?: unknown; formName?: unknown }
      if (blockType === 'leadForm' && typeof formName === 'string' && formName) names.add(formName)
    }
  return names
}

const FIELD_LABELS: Record<string, string> = {
  variants: 'Variants',
  status: 'Status',
  startDate: 'Start date',
  endDate: 'End date',
  page: 'Page',
  variant: 'variant',
  trafficPercentage: 'traffic %',
}

/** "variants.1.trafficPercentage" → "Variant 2, traffic %"; "goals.0.form" → "Goal 1, form". */
export function labelOf(path: string): string {
  const goal = /^goals\.(\d+)\.form$/.exec(path)
  if (goal) return `Goal ${Number(goal[1]) + 1}, form`
  const row = /^variants\.(\d+)\.(\w+)$/.exec(path)
  if (row) {
    const field = row[2] === 'variant' ? '' : `, ${FIELD_LABELS[row[2]] ?? row[2]}`
    return `Variant ${Number(row[1]) + 1}${field}`
  }
  return FIELD_LABELS[path] ?? path
}
