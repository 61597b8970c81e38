import type { CollectionBeforeChangeHook } from 'payload'

import type { Experiment } from '@/payload-types'
import { nextAllocationPeriods, splitOf as split } from '@/lib/experiments/allocationPeriods'

/**
 * Records status and split changes on the experiment, so the results chart can mark them, and
 * keeps its allocation periods (the split in force from each moment on; see allocationPeriods).
 */
export const recordChanges: CollectionBeforeChangeHook<Experiment> = ({
  data,
  originalDoc,
  operation,
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
    log.push({
      at,
      kind: 'split',
      note: `Split changed while running: ${split(originalDoc.variants)} → ${split(data.variants)}`,
    })
  }
  data.changeLog = log.map((entry) => ({ at: entry.at, kind: entry.kind, note: entry.note }))
  return data
}
