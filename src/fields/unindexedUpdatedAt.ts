import type { Field } from 'payload'

/**
 * Payload indexes `updatedAt` in every collection. For rows written on every page view (raw
 * events, first exposures) that is one more B-tree per insert that nothing reads: this field
 * takes the place of the default one (same name, type and admin settings), without the index.
 * Payload still sets it on every update.
 */
export const unindexedUpdatedAt: Field = {
  name: 'updatedAt',
  type: 'date',
  admin: { disableBulkEdit: true, hidden: true },
}
