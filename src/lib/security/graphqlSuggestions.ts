import type { ValidationRule } from 'graphql'

const SUGGESTION = /\s*Did you mean [^?]*\?\s*$/

/**
 * GraphQL's own validation answers a misspelt field or type with "Did you mean …?", naming
 * types and fields of the schema to whoever asks, anonymous callers included. graphql-http
 * answers validation errors before any Payload hook sees them, so this rule, added after the
 * standard ones (Payload's `graphQL.validationRules`), drops the suggestion from every
 * validation error as it is reported. The error itself, and its location, stay.
 */
export const withoutSuggestions: ValidationRule = (context) => {
  const report = context.reportError.bind(context)
  context.reportError = (error) => {
    if (SUGGESTION.test(error.message)) error.message = error.message.replace(SUGGESTION, '')
    report(error)
  }
  return {}
}
