import { stringify } from 'csv-stringify/sync'

import type { Lead } from '@/payload-types'

export const LEAD_CSV_COLUMNS = [
  'id',
  'email',
  'name',
  'page',
  'experiment',
  'variant',
  'visitorId',
  'convertedAt',
  'consentGiven',
  'utmSource',
  'utmMedium',
  'utmCampaign',
  'formData',
  'webhookStatus',
  'suspect',
] as const

const label = (value: unknown, key: 'slug' | 'name') =>
  value && typeof value === 'object' && key in value
    ? String((value as Record<string, unknown>)[key])
    : value == null
      ? ''
      : String(value)

/**
 * Spreadsheet apps run cells starting with = + - @ (and tab / CR) as formulas; a leading
 * apostrophe keeps visitor-typed text as text (OWASP's CSV injection advice).
 */
export function neutraliseFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell
}

/** Leads with their attribution as CSV (RFC 4180 quoting by csv-stringify). */
export function leadsToCsv(leads: Lead[]): string {
  const rows = leads.map((lead) =>
    [
      String(lead.id),
      lead.email,
      lead.name ?? '',
      label(lead.page, 'slug'),
      label(lead.experiment, 'name'),
      label(lead.variant, 'name'),
      lead.visitorId ?? '',
      lead.convertedAt ?? '',
      lead.consentGiven ? 'yes' : 'no',
      lead.utmSource ?? '',
      lead.utmMedium ?? '',
      lead.utmCampaign ?? '',
      lead.formData ? JSON.stringify(lead.formData) : '',
      lead.webhook?.status ?? '',
      lead.suspect ? 'yes' : 'no',
    ].map(neutraliseFormula),
  )
  return stringify([Array.from(LEAD_CSV_COLUMNS), ...rows])
}
