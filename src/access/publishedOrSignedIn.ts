import type { Access } from 'payload'

import { publishedWhere } from '@/lib/content/published'

/**
 * Signed-in users read every page, drafts included (the admin, live preview); anyone else reads
 * published pages only. A page from before drafts existed has no status and counts as published.
 */
export const publishedOrSignedIn: Access = ({ req }) => (req.user ? true : publishedWhere)
