import {
  APIError,
  type CollectionBeforeChangeHook,
  type CollectionBeforeOperationHook,
  type PayloadRequest,
  type Where,
} from 'payload'

type Drafted = 'pages' | 'variants'
type Doc = { id: number | string; _status?: string | null; slug?: unknown; layout?: unknown }

/**
 * What a save did to what visitors get:
 * - `published`: the document visitors get changed (a publish);
 * - `unpublished`: it was taken away from visitors;
 * - `draft`: only a draft changed (autosave, "save draft"); visitors get what they got before.
 * `before` is the document visitors got before a publish (Payload's `previousDoc` is the latest
 * draft instead); null for drafts and new documents.
 */
export type PublicationChange = {
  change: 'published' | 'unpublished' | 'draft'
  before: Doc | null
}

type SaveKind = 'draft' | 'unpublish' | 'publish'

// Kept on req.context, which Payload hands from one hook of a save to the next. A Local API call
// made with `req` replaces `req.context` with a copy, so each value is stored after any await.
const kindKey = (collection: Drafted) => `publication:kind:${collection}`
const beforeKey = (collection: Drafted, id: Doc['id']) => `publication:before:${collection}:${id}`

/**
 * beforeOperation (the only hook that sees the `draft` argument): notes what the save will do,
 * and refuses before anything is written to unpublish a page or variant that a running
 * experiment serves (SQLite runs without transactions here, so a refusal after the write could
 * not be rolled back).
 */
export const guardPublication =
  <C extends Drafted>(collection: C): CollectionBeforeOperationHook<C> =>
  async ({ args, operation, req }) => {
    if (operation !== 'create' && operation !== 'update') return args
    const status = (args.data as { _status?: unknown } | undefined)?._status
    const kind: SaveKind =
      args.draft && status !== 'published'
        ? 'draft'
        : status === 'draft'
          ? operation === 'create'
            ? 'draft'
            : 'unpublish'
          : 'publish'
    if (kind === 'unpublish')
      await refuseUnpublishingLive(collection, args as { id?: Doc['id']; where?: Where }, req)
    req.context[kindKey(collection)] = kind
    return args
  }

async function refuseUnpublishingLive(
  collection: Drafted,
  args: { id?: number | string; where?: Where },
  req: PayloadRequest,
) {
  const ids =
    args.id != null
      ? [args.id]
      : (
          await req.payload.find({
            collection,
            where: args.where ?? {},
            depth: 0,
            pagination: false,
            select: {},
            overrideAccess: true,
            req,
          })
        ).docs.map((doc) => doc.id)
  if (ids.length === 0) return
  const { docs } = await req.payload.find({
    collection: 'experiments',
    where: {
      and: [
        collection === 'pages' ? { page: { in: ids } } : { 'variants.variant': { in: ids } },
        { status: { equals: 'running' } },
      ],
    },
    depth: 0,
    limit: 1,
    pagination: false,
    overrideAccess: true,
    req,
  })
  if (docs.length > 0) {
    const what = collection === 'pages' ? 'This page' : 'This variant'
    throw new APIError(
      `${what} is served by the running experiment "${docs[0].name}"; pause or complete it before unpublishing.`,
      409,
      undefined,
      true,
    )
  }
}

/**
 * beforeChange: before a publish, remembers the document visitors get now (for what changed:
 * a page's old slug, a variant's old content). Draft saves (every autosave) read nothing.
 */
export const rememberPublished =
  (collection: Drafted): CollectionBeforeChangeHook =>
  async ({ data, operation, originalDoc, req }) => {
    if (operation !== 'update' || originalDoc?.id == null) return data
    if (req.context[kindKey(collection)] === 'draft') return data
    const live = (await req.payload.findByID({
      collection,
      id: originalDoc.id,
      depth: 0,
      draft: false,
      overrideAccess: true,
      disableErrors: true,
      req,
    })) as Doc | null
    req.context[beforeKey(collection, originalDoc.id)] = live
    return data
  }

/** In afterChange hooks: what the save did to what visitors get. */
export function publicationChange(
  collection: Drafted,
  doc: Doc,
  req: PayloadRequest,
): PublicationChange {
  const kind = req.context[kindKey(collection)] as SaveKind | undefined
  const before = (req.context[beforeKey(collection, doc.id)] as Doc | null | undefined) ?? null
  if (kind === 'draft') return { change: 'draft', before: null }
  if (kind === 'unpublish') return { change: 'unpublished', before }
  // A save without drafts leaves a never-published document unpublished.
  return { change: doc._status === 'draft' ? 'draft' : 'published', before }
}
