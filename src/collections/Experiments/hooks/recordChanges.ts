import type { CollectionBeforeChangeHook } from 'payload'

import type { Experiment } from '@/payload-types'
import {
  nextAllocationPeriods,
  OPTIMISER_CONTEXT,
  splitOf as split,
} from '@/lib/experiments/allocationPeriods'
import { idOf } from '@/lib/ids'

/**
 * Records status and split changes on the experiment, so the results chart can mark them, and
 * keeps its allocation periods (the split in force from each moment on; see allocationPeriods).
 */
export const recordChanges: CollectionBeforeChangeHook<Experiment> = async ({
  data,
  originalDoc,
  operation,
  req,
}) => {
  const at = new Date().toISOString()
  // Kept by this hook alone: what a client sends for the read-only field is ignored.
  const recorded = (originalDoc?.allocationPeriods ?? []).map((p) => ({
    startedAt: p.startedAt,
    split: p.split,
  }))
  data.allocationPeriods = nextAllocationPeriods(
    operation === 'update' ? recorded : [],
    operation === 'update' && originalDoc
      ? {
          status: originalDoc.status,
          variants: originalDoc.variants,
          startedAt: originalDoc.startDate ?? originalDoc.createdAt,
        }
      : null,
    {
      status: data.status ?? originalDoc?.status,
      variants: data.variants ?? originalDoc?.variants,
    },
    at,
  )
  if (operation !== 'update' || !originalDoc) return data
  const log = [...(data.changeLog ?? originalDoc.changeLog ?? [])]
  if (data.status && data.status !== originalDoc.status) {
    log.push({ at, kind: 'status', note: `${originalDoc.status} → ${data.status}` })
  }
  if (
    data.variants &&
    originalDoc.status === 'running' &&
    split(data.variants) !== split(originalDoc.variants)
  ) {
    // Variant names, not ids, in the note the marketer reads.
    const ids = [
      ...new Set(
        [...(originalDoc.variants ?? []), ...data.variants].map((row) => idOf(row.variant)),
      ),
    ]
    const { docs } = await req.payload.find({
      collection: 'variants',
      where: { id: { in: ids } },
      depth: 0,
      limit: ids.length,
      pagination: false,
      req,
    })
    const names = new Map(docs.map((doc) => [String(doc.id), doc.name]))
    const readable = (rows: Experiment['variants']) =>
      (rows ?? [])
        .map(
          (row) =>
            `${names.get(idOf(row.variant)) ?? `#${idOf(row.variant)}`} ${row.trafficPercentage}%`,
        )
        .join(', ')
    const who = req.context?.[OPTIMISER_CONTEXT]
      ? 'Optimiser moved traffic'
      : 'Split changed while running'
    log.push({
      at,
      kind: 'split',
      note: `${who}: ${readable(originalDoc.variants)} → ${readable(data.variants)}`.slice(0, 1000),
    })
  }
  data.changeLog = log.map((entry) => ({ at: entry.at, kind: entry.kind, note: entry.note }))
  return data
}
