import type { CollectionAfterChangeHook, CollectionAfterDeleteHook } from 'payload'

import { cacheTags } from '@/lib/content/tags'
import { revalidateTags } from '@/lib/content/revalidate'
import { hasSnapshotLoader, reloadSnapshot } from '@/lib/experiments/snapshotStore'

/** Puts the new configuration in place before the write returns: the next visitor follows it. */
export const refreshAssignments: CollectionAfterChangeHook = async ({ doc, req }) => {
  revalidateTags([cacheTags.experiments], req)
  if (hasSnapshotLoader()) await reloadSnapshot()
  return doc
}

export const refreshAssignmentsAfterDelete: CollectionAfterDeleteHook = async ({ doc, req }) => {
  revalidateTags([cacheTags.experiments], req)
  if (hasSnapshotLoader()) await reloadSnapshot()
  return doc
}
