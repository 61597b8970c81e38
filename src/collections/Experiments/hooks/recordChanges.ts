import type { CollectionBeforeChangeHook } from 'payload'

import type { Experiment } from '@/payload-types'
import { idOf } from '@/lib/ids'

const split = (rows: Experiment['variants']) =>
  (rows ?? []).map((row) => `${idOf(row.variant)}:${row.trafficPercentage}`).join(', ')

/** Records status and split changes on the experiment, so the results chart can mark them. */
export const recordChanges: CollectionBeforeChangeHook<Experiment> = ({
  data,
  originalDoc,
  operation,
}) => {
  if (operation !== 'update' || !originalDoc) return data
  const log = [...(data.changeLog ?? originalDoc.changeLog ?? [])]
  const at = new Date().toISOString()
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
