import { z } from 'zod'

import { LEAD_FORM_DATA_MAX_BYTES } from '@/lib/leads/limits'
import type { LeadFormBlock } from '@/payload-types'

export type LeadFieldErrors = Partial<Record<string, string>>

export type ParsedLead = {
  email: string
  name: string | null
  formData: Record<string, string | boolean>
  utm: { source: string | null; medium: string | null; campaign: string | null }
}

const MAX_FIELD_LENGTH = 2000
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Keep this under ${max} characters.`)
    .transform((value) => value || null)
    .nullable()
    .optional()

const emailSchema = z
  .string({ error: 'Enter your email address.' })
  .trim()
  .min(1, 'Enter your email address.')
  .max(254, 'That email address is too long.')
  .pipe(z.email({ error: 'Enter a valid email address, like name@example.com.' }))

/**
 * Validates a lead form submission against the block that rendered it: the email, the
 * configured fields (required ones enforced, unknown inputs ignored), consent and UTM tags.
 * Pure: it reads plain values and returns data or field messages.
 */
export function parseLead(
  values: Record<string, string | undefined>,
  block: Pick<LeadFormBlock, 'fields'>,
): { ok: true; data: ParsedLead } | { ok: false; errors: LeadFieldErrors } {
  const errors: LeadFieldErrors = {}
  const email = emailSchema.safeParse(values.email ?? '')
  if (!email.success) errors.email = email.error.issues[0]?.message

  const formData: Record<string, string | boolean> = {}
  let name: string | null = null
  for (const field of block.fields ?? []) {
    const raw = values[field.name]
    if (field.type === 'checkbox') {
      const checked = raw !== undefined && raw !== '' && raw !== 'off'
      if (field.required && !checked) errors[field.name] = `Please tick "${field.label}".`
      formData[field.name] = checked
      continue
    }
    const parsed = optionalText(MAX_FIELD_LENGTH).safeParse(raw ?? '')
    if (!parsed.success) {
      errors[field.name] = parsed.error.issues[0]?.message
      continue
    }
    const value = parsed.data ?? null
    if (field.required && !value) errors[field.name] = `Please fill in "${field.label}".`
    if (value && field.type === 'email' && !z.email().safeParse(value).success) {
      errors[field.name] = 'Enter a valid email address.'
    }
    if (value && field.type === 'tel' && !/^[+()\d\s.-]{5,30}$/.test(value)) {
      errors[field.name] = 'Enter a valid phone number.'
    }
    if (value !== null) formData[field.name] = value
    if (field.name === 'name' && value) name = value.slice(0, 200)
  }
  if (Buffer.byteLength(JSON.stringify(formData)) > LEAD_FORM_DATA_MAX_BYTES) {
    errors.form = 'The form is too large; please shorten your answers.'
  }

  const utm = (key: string) => optionalText(200).safeParse(values[key] ?? '').data ?? null
  if (Object.keys(errors).length > 0 || !email.success) return { ok: false, errors }
  return {
    ok: true,
    data: {
      email: email.data.toLowerCase(),
      name,
      formData,
      utm: { source: utm('utm_source'), medium: utm('utm_medium'), campaign: utm('utm_campaign') },
    },
  }
}
