import type { FieldHook } from 'payload'

import type { Experiment } from '@/payload-types'
import { idOf, withoutIds } from '@/lib/ids'

/**
 * What Payload's "Duplicate" gives: a draft to start the next test from. Field hooks
 * (`beforeDuplicate`) turn the copy's values into a new experiment's: "… (copy)" as its name,
 * draft, no dates, no winner, no change log, a new hash seed (so visitors are assigned afresh),
 * and its own copies of the variants (so editing the copy leaves the original's alone; each
 * copy has its original's publication status and a version history of its own).
 */
export const copyName: FieldHook<Experiment, string | undefined> = ({ value }) =>
  `${value ?? 'Experiment'} (copy)`.slice(0, 120)

export const asDraft: FieldHook<Experiment, string | undefined> = () => 'draft'

export const cleared: FieldHook<Experiment> = () => null

export const noChanges: FieldHook<Experiment> = () => []

export const copyVariants: FieldHook<Experiment, Experiment['variants']> = async ({
  value,
  req,
}) => {
  const rows = value ?? []
  const copies: NonNullable<Experiment['variants']> = []
  for (const row of rows) {
    const original = await req.payload.findByID({
      collection: 'variants',
      id: idOf(row.variant),
      depth: 0,
      req,
    })
    const copy = await req.payload.create({
      collection: 'variants',
      data: {
        name: `${original.name} (copy)`.slice(0, 120),
        page: original.page,
        layout: withoutIds(original.layout ?? []) as typeof original.layout,
        // A copy of published content is published (nothing shows it until an experiment runs
        // it), so the copied experiment can start without publishing each copy first.
        _status: original._status === 'draft' ? 'draft' : 'published',
      },
      req,
    })
    copies.push({ variant: copy.id, trafficPercentage: row.trafficPercentage })
  }
  return copies
}
