/** Names of the inputs every lead form carries besides its configured fields. */
export const LEAD_FORM_INPUTS = {
  pageId: 'sp_page',
  blockId: 'sp_block',
  token: 'sp_token',
  honeypot: 'website',
} as const
