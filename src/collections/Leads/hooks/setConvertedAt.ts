import type { CollectionBeforeChangeHook } from 'payload'

/** A lead converts when it is created; the time is the server's, never the form's. */
export const setConvertedAt: CollectionBeforeChangeHook = ({ data, operation, originalDoc }) => {
  if (operation === 'create') data.convertedAt = new Date().toISOString()
  else if (originalDoc?.convertedAt) data.convertedAt = originalDoc.convertedAt
  return data
}
