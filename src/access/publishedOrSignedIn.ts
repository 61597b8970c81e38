import type { Access } from 'payload'

/**
 * Signed-in users read every page, drafts included (the admin, live preview); anyone else reads
 * published pages only. A page from before drafts existed has no status and counts as published.
 */
export const publishedOrSignedIn: Access = ({ req }) =>
  req.user ? true : { or: [{ _status: { equals: 'published' } }, { _status: { exists: false } }] }
