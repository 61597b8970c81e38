import { describe, expect, it } from 'vitest'

import {
  eventGoalSignature,
  goalLabel,
  goalProblem,
  goalSignature,
  type GoalDefinition,
} from '@/lib/experiments/goals'

describe('goal signatures: what a goal counts and which events reach it', () => {
  const definitions: [GoalDefinition, string | null][] = [
    [{ kind: 'click', blockType: 'hero' }, 'click:hero'],
    [{ kind: 'click', blockType: 'cta' }, 'click:cta'],
    [{ kind: 'click', blockType: 'leadForm' }, 'click:leadForm'],
    [{ kind: 'click', blockType: 'richText' }, null],
    [{ kind: 'click' }, null],
    [{ kind: 'custom', eventName: 'signup' }, 'custom:signup'],
    [{ kind: 'custom', eventName: '  video play ' }, 'custom:video play'],
    [{ kind: 'custom', eventName: '' }, null],
    [{ kind: 'custom' }, null],
    [{ kind: 'pageview', path: '/thank-you' }, 'pageview:/thank-you'],
    [{ kind: 'pageview', path: '/' }, 'pageview:/'],
    [{ kind: 'pageview', path: '/Thank-You' }, null],
    [{ kind: 'pageview', path: '/thank-you?x=1' }, null],
    [{ kind: 'pageview', path: 'thank-you' }, null],
    [{ kind: 'lead' }, 'lead'],
    [{ kind: 'lead', form: '' }, 'lead'],
    [{ kind: 'lead', form: ' demo-request ' }, 'lead:demo-request'],
    [{ kind: 'lead', form: 'Demo Request' }, null],
    [{}, null],
  ]
  it.each(definitions)('%j → %s', (goal, signature) => {
    expect(goalSignature(goal)).toBe(signature)
  })

  const events: [Parameters<typeof eventGoalSignature>[0], string | null][] = [
    [{ eventType: 'click', blockType: 'cta' }, 'click:cta'],
    [{ eventType: 'click', blockType: 'hero', eventName: 'x' }, 'click:hero'],
    [{ eventType: 'click', blockType: null }, null],
    [{ eventType: 'click', blockType: 'testimonials' }, null],
    [{ eventType: 'custom', eventName: 'signup' }, 'custom:signup'],
    [{ eventType: 'custom', eventName: null }, null],
    [{ eventType: 'impression' }, null],
    [{ eventType: 'pageview', eventName: '/thank-you' }, 'pageview:/thank-you'],
    [{ eventType: 'pageview' }, null],
    [{ eventType: 'conversion', eventName: 'signup' }, null],
    [
      { eventType: 'conversion', metadata: { form: 'demo-request', value: 40 } },
      'lead:demo-request',
    ],
    [{ eventType: 'conversion', metadata: { value: 40 } }, null],
    [{ eventType: 'conversion', metadata: { form: '<script>' } }, null],
    [{ eventType: 'conversion', metadata: null }, null],
    [{ eventType: 'custom', eventName: 'x', metadata: { form: 'demo-request' } }, 'custom:x'],
  ]
  it.each(events)('event %j reaches %s', (event, signature) => {
    expect(eventGoalSignature(event)).toBe(signature)
  })

  it('matches every event to the goal that counts it', () => {
    expect(eventGoalSignature({ eventType: 'click', blockType: 'cta' })).toBe(
      goalSignature({ kind: 'click', blockType: 'cta' }),
    )
    expect(eventGoalSignature({ eventType: 'custom', eventName: 'demo' })).toBe(
      goalSignature({ kind: 'custom', eventName: 'demo' }),
    )
    expect(eventGoalSignature({ eventType: 'conversion', metadata: { form: 'newsletter' } })).toBe(
      goalSignature({ kind: 'lead', form: 'newsletter' }),
    )
  })
})

describe('goal labels and problems, in the marketer’s words', () => {
  it.each([
    [{ kind: 'click', blockType: 'cta' }, 'Clicks on a call to action'],
    [{ kind: 'click', blockType: 'hero' }, 'Clicks on the hero’s button'],
    [{ kind: 'custom', eventName: 'signup' }, 'Custom event “signup”'],
    [{ kind: 'custom', eventName: 'signup', label: ' Sign-ups ' }, 'Sign-ups'],
    [{ kind: 'pageview', path: '/thank-you' }, 'Visits to /thank-you'],
    [{ kind: 'lead' }, 'A lead submitted'],
    [{ kind: 'lead', form: 'demo-request' }, 'A lead on the “demo-request” form'],
    [{ kind: 'click' }, 'Incomplete goal'],
  ] as [GoalDefinition, string][])('%j is called %s', (goal, label) => {
    expect(goalLabel(goal)).toBe(label)
  })

  it.each([
    [{ kind: 'click' }, /Choose which block/],
    [{ kind: 'click', blockType: 'nope' }, /Choose which block/],
    [{ kind: 'custom' }, /custom event’s name/],
    [{ kind: 'custom', eventName: '<b>' }, /custom event’s name/],
    [{ kind: 'custom', eventName: 'x'.repeat(101) }, /custom event’s name/],
    [{ kind: 'pageview' }, /page’s address/],
    [{ kind: 'pageview', path: 'https://evil.example/' }, /page’s address/],
    [{ kind: 'lead', form: 'Demo Request' }, /Form name/],
    [{ kind: 'lead', form: 'x'.repeat(41) }, /Form name/],
  ] as [GoalDefinition, RegExp][])('%j is refused', (goal, message) => {
    expect(goalProblem(goal)).toMatch(message)
  })

  it.each([
    { kind: 'click', blockType: 'leadForm' },
    { kind: 'lead' },
    { kind: 'lead', form: 'demo-request' },
    { kind: 'custom', eventName: 'video play:50%'.replace('%', '') },
  ] as GoalDefinition[])('%j is fine', (goal) => {
    expect(goalProblem(goal)).toBeNull()
  })
})
