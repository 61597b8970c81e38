import type { Where } from 'payload'

/**
 * Pages and variants have drafts: the main document is what visitors get (the last published
 * version), and a document that was never published has the status "draft" there. Documents from
 * before drafts existed have no status and count as published (the migrations set it).
 */
export const publishedWhere: Where = {
  or: [{ _status: { equals: 'published' } }, { _status: { exists: false } }],
}

export const isPublished = (doc: { _status?: string | null } | null | undefined): boolean =>
  Boolean(doc) && doc!._status !== 'draft'
