/** Every cache tag the app uses is named here, so writers and readers cannot drift apart. */
export const cacheTags = {
  pages: 'pages',
  page: (slug: string) => `page:${slug}`,
  media: 'media',
  experiments: 'experiments',
  variants: 'variants',
  variant: (id: number | string) => `variant:${String(id)}`,
  settings: 'site-settings',
} as const
