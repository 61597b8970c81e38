import type { CollectionConfig, TextFieldSingleValidation } from 'payload'

import { publishedOrSignedIn } from '@/access/publishedOrSignedIn'
import { draftPreviewPath, draftVersions, previewBreakpoints } from '@/collections/livePreview'
import { guardPublication, rememberPublished } from '@/hooks/publication'
import { layoutBlocks } from '@/blocks'
import { fillSlug } from '@/collections/Pages/hooks/fillSlug'
import { revalidateDeletedPage, revalidatePage } from '@/collections/Pages/hooks/revalidatePage'
import { slugProblem } from '@/collections/Pages/validateSlug'
import { canEditContent } from '@/access/roles'

const validateSlug: TextFieldSingleValidation = async (value, { req, id }) => {
  const problem = slugProblem(value)
  if (problem) return problem
  // The unique index would also refuse a duplicate; checking first gives a message that says why.
  const clash = await req.payload.find({
    collection: 'pages',
    where: { slug: { equals: value }, ...(id ? { id: { not_equals: id } } : {}) },
    limit: 1,
    depth: 0,
    pagination: false,
    overrideAccess: true,
    req,
  })
  return clash.docs.length > 0
    ? `Another page ("${clash.docs[0].title}") already uses the slug "${value}".`
    : true
}

export const Pages: CollectionConfig<'pages'> = {
  slug: 'pages',
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['title', 'slug', 'updatedAt'],
    preview: (doc) => (doc?.slug ? `/${doc.slug === 'home' ? '' : doc.slug}` : null),
    livePreview: {
      url: ({ data }) =>
        typeof data?.slug === 'string' && data.slug ? draftPreviewPath(data.slug) : null,
      breakpoints: previewBreakpoints,
    },
  },
  access: {
    read: publishedOrSignedIn,
    create: canEditContent,
    update: canEditContent,
    delete: canEditContent,
  },
  // Drafts: edits autosave as drafts and reach visitors when published.
  versions: draftVersions,
  hooks: {
    beforeOperation: [guardPublication('pages')],
    beforeChange: [rememberPublished('pages')],
    afterChange: [revalidatePage],
    afterDelete: [revalidateDeletedPage],
  },
  fields: [
    { name: 'title', type: 'text', required: true, maxLength: 160 },
    {
      name: 'slug',
      type: 'text',
      required: true,
      unique: true,
      index: true,
      maxLength: 80,
      validate: validateSlug,
      hooks: { beforeValidate: [fillSlug] },
      admin: {
        position: 'sidebar',
        description: 'The page is served at /<slug>; the page with slug "home" is served at /.',
      },
    },
    { name: 'layout', type: 'blocks', blocks: layoutBlocks, required: true, minRows: 1 },
    {
      name: 'meta',
      type: 'group',
      admin: { description: 'What search engines and link previews show.' },
      fields: [
        { name: 'title', type: 'text', maxLength: 70 },
        { name: 'description', type: 'textarea', maxLength: 200 },
      ],
    },
  ],
}
