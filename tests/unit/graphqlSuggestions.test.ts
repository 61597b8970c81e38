import { buildSchema, parse, specifiedRules, validate } from 'graphql'
import { describe, expect, it } from 'vitest'

import { withoutSuggestions } from '@/lib/security/graphqlSuggestions'

const schema = buildSchema(`
  type Lead { email: String, secretScore: Int }
  type Query { Leads: [Lead], Experiments: [String] }
`)

const messages = (query: string, rules = [...specifiedRules, withoutSuggestions]) =>
  validate(schema, parse(query), rules).map((error) => error.message)

describe('GraphQL validation without suggestions', () => {
  it('the standard rules alone suggest schema names (what this rule removes)', () => {
    expect(messages('{ Lead { email } }', [...specifiedRules]).join(' ')).toMatch(/Did you mean/)
  })

  it.each([
    ['a misspelt root field', '{ Lead { email } }', 'Cannot query field "Lead" on type "Query".'],
    [
      'a misspelt nested field',
      '{ Leads { secretScor } }',
      'Cannot query field "secretScor" on type "Lead".',
    ],
    [
      'an unknown type in a fragment',
      '{ Leads { ...on Leed { email } } }',
      'Unknown type "Leed".',
    ],
  ])('%s: the error stays, the suggestion goes', (_, query, expected) => {
    const found = messages(query)
    expect(found).toContain(expected)
    expect(found.join(' ')).not.toMatch(/Did you mean|Lead\b.*\?|secretScore|Experiments/)
  })

  it('a valid query has no errors', () => {
    expect(messages('{ Leads { email } }')).toEqual([])
  })
})
