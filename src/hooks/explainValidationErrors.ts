import type { AfterErrorHook } from 'payload'

type FieldError = { path?: string; label?: string; message?: string }

/**
 * REST answers to a refused save said only "The following field is invalid: variants", so an API
 * client could not tell what to fix. This puts each field's own message (the experiment rules
 * write them for people) into the answer's message, and keeps the field list in `data.errors`.
 */
export const explainValidationErrors: AfterErrorHook = ({ error, result }) => {
  const fieldErrors = (error as { data?: { errors?: FieldError[] } }).data?.errors
  if (!result || !Array.isArray(fieldErrors) || fieldErrors.length === 0) return
  const messages = fieldErrors
    .map((field) => field.message?.trim())
    .filter((message): message is string => Boolean(message))
    // Labels that already carry the reason (the experiment rules' do) are not repeated.
    .filter((message) => !error.message.includes(message))
  const text = messages.length ? `${error.message}: ${messages.join(' ')}` : error.message
  if (text === error.message && !fieldErrors.some((field) => field.label)) return
  return {
    response: {
      ...result,
      errors: [
        {
          name: error.name,
          message: text,
          data: { errors: fieldErrors.map(({ path, message }) => ({ path, message })) },
        },
      ],
    },
  }
}
