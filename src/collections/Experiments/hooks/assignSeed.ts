import { nanoid } from 'nanoid'
import type { CollectionBeforeChangeHook } from 'payload'

import type { Experiment } from '@/payload-types'

/**
 * Each experiment hashes visitors with its own random seed, fixed at creation: buckets stay put
 * across restarts and database moves, and are independent between experiments.
 */
export const assignSeed: CollectionBeforeChangeHook<Experiment> = ({
  data,
  operation,
  originalDoc,
}) => {
  if (operation === 'create' && !data.hashSeed) data.hashSeed = nanoid(12)
  if (operation === 'update' && originalDoc?.hashSeed) data.hashSeed = originalDoc.hashSeed
  return data
}
