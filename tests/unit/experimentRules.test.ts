import { describe, expect, it } from 'vitest'

import { experimentRuleErrors, type ExperimentRuleInput } from '@/collections/Experiments/rules'

const landing = { id: '1', title: 'Landing' }
const pricing = { id: '2', title: 'Pricing' }
const base = (overrides: Partial<ExperimentRuleInput> = {}): ExperimentRuleInput => ({
  status: 'running',
  page: landing,
  variants: [
    { id: '10', name: 'Control', page: landing, trafficPercentage: 50 },
    { id: '11', name: 'Bold headline', page: landing, trafficPercentage: 50 },
  ],
  otherRunning: null,
  ...overrides,
})
const messages = (input: ExperimentRuleInput) => experimentRuleErrors(input).map((e) => e.message)

describe('experimentRuleErrors', () => {
  it('accepts a valid running experiment', () => expect(messages(base())).toEqual([]))

  it('needs percentages to add up to exactly 100 when running', () => {
    const input = base({
      variants: [
        { id: '10', name: 'Control', page: landing, trafficPercentage: 50 },
        { id: '11', name: 'B', page: landing, trafficPercentage: 40 },
      ],
    })
    expect(messages(input)).toEqual([
      'Traffic percentages add up to 90%; they must add up to exactly 100% to run the experiment.',
    ])
    expect(messages({ ...input, status: 'draft' })).toEqual([])
  })

  it('accepts decimal splits that add up to 100', () => {
    const input = base({
      variants: [
        { id: '10', name: 'A', page: landing, trafficPercentage: 33.33 },
        { id: '11', name: 'B', page: landing, trafficPercentage: 33.33 },
        { id: '12', name: 'C', page: landing, trafficPercentage: 33.34 },
      ],
    })
    expect(messages(input)).toEqual([])
  })

  it('names a variant of another page', () => {
    const input = base({
      variants: [
        { id: '10', name: 'Control', page: landing, trafficPercentage: 50 },
        { id: '20', name: 'Pricing B', page: pricing, trafficPercentage: 50 },
      ],
    })
    expect(messages(input)).toEqual([
      'Variant "Pricing B" belongs to the page "Pricing", not to "Landing"; choose variants of this experiment\'s page.',
    ])
  })

  it('needs at least 2 variants unless it is a draft', () => {
    const one = base({
      variants: [{ id: '10', name: 'Control', page: landing, trafficPercentage: 100 }],
    })
    expect(messages(one)).toEqual([
      'An experiment needs at least 2 variants (the first one is the control); it has 1.',
    ])
    expect(messages({ ...one, status: 'draft' })).toEqual([])
    expect(messages({ ...one, status: 'paused' })).toHaveLength(1)
  })

  it('refuses a variant listed twice', () => {
    const input = base({
      variants: [
        { id: '10', name: 'Control', page: landing, trafficPercentage: 50 },
        { id: '10', name: 'Control', page: landing, trafficPercentage: 50 },
      ],
    })
    expect(messages(input)).toEqual([
      'Variant "Control" is listed twice; each variant can appear only once.',
    ])
  })

  it.each([-1, 101, Number.NaN, null])('refuses a traffic percentage of %s', (share) => {
    const input = base({
      status: 'draft',
      variants: [
        { id: '10', name: 'Control', page: landing, trafficPercentage: 50 },
        { id: '11', name: 'B', page: landing, trafficPercentage: share },
      ],
    })
    expect(messages(input)).toEqual(['Variant "B" needs a traffic percentage from 0 to 100.'])
  })

  it('names the other running experiment on the same page', () => {
    expect(messages(base({ otherRunning: { id: '3', name: 'CTA colour' } }))).toEqual([
      'The page "Landing" already has a running experiment, "CTA colour"; pause or complete it first.',
    ])
    expect(
      messages(base({ status: 'paused', otherRunning: { id: '3', name: 'CTA colour' } })),
    ).toEqual([])
  })

  it('needs the end date after the start date', () => {
    const input = base({ startDate: '2026-06-02T00:00:00Z', endDate: '2026-06-01T00:00:00Z' })
    expect(experimentRuleErrors(input)).toEqual([
      { path: 'endDate', message: 'The end date must be after the start date.' },
    ])
    expect(messages({ ...input, endDate: '2026-06-02T00:00:00Z' })).toHaveLength(1)
    expect(messages({ ...input, endDate: '2026-06-03T00:00:00Z' })).toEqual([])
  })

  it('reports a deleted variant', () => {
    const input = base({
      variants: [
        { id: '10', name: 'Control', page: landing, trafficPercentage: 50 },
        { id: '99', name: null, page: null, trafficPercentage: 50 },
      ],
    })
    expect(messages(input)).toEqual(['Variant #99 no longer exists.'])
  })

  it('refuses a goal on a lead form that is not named on the page or its variants', () => {
    const goals = [
      { kind: 'lead', form: 'demo-request' },
      { kind: 'lead', form: 'newsletter' },
    ]
    expect(
      experimentRuleErrors(base({ goals, formNames: new Set(['newsletter', 'contact']) })),
    ).toEqual([
      {
        path: 'goals.0.form',
        message:
          'No lead form named “demo-request” on "Landing" or its variants; named forms: contact, newsletter.',
      },
    ])
    expect(messages(base({ goals, formNames: new Set() }))[0]).toMatch(/has a Form name/)
    // Any form, other kinds, and a draft whose forms were not loaded are fine.
    const fine = [{ kind: 'lead' }, { kind: 'lead', form: ' ' }, { kind: 'custom', form: 'x' }]
    expect(messages(base({ goals: fine, formNames: new Set() }))).toEqual([])
    expect(messages(base({ goals }))).toEqual([])
  })
})
