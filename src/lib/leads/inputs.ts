/** Names of the inputs every lead form carries besides its configured fields. */
export const LEAD_FORM_INPUTS = {
  pageId: 'sp_page',
  blockId: 'sp_block',
  token: 'sp_token',
  honeypot: 'website',
  /** The QA link a test submission came through (a preview opened from a shared link). */
  qa: 'sp_qa',
} as const
