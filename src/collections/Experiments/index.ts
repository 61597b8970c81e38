import type { CollectionConfig } from 'payload'

import { authenticated } from '@/access/authenticated'
import {
  lifecycleEndpoint,
  promoteEndpoint,
  qaLinksEndpoint,
  revokeQaLinksEndpoint,
  runAgainEndpoint,
} from '@/collections/Experiments/endpoints'
import { assignSeed } from '@/collections/Experiments/hooks/assignSeed'
import {
  CLICK_GOAL_BLOCKS,
  goalProblem,
  primaryGoalProblem,
  type GoalDefinition,
} from '@/lib/experiments/goals'
import {
  asDraft,
  cleared,
  copyName,
  copyVariants,
  noChanges,
} from '@/collections/Experiments/hooks/duplicate'
import { recordChanges } from '@/collections/Experiments/hooks/recordChanges'
import { stampGoals } from '@/collections/Experiments/hooks/stampGoals'
import {
  refreshAssignments,
  refreshAssignmentsAfterDelete,
} from '@/collections/Experiments/hooks/refreshAssignments'
import { validateExperiment } from '@/collections/Experiments/hooks/validateExperiment'
import { canEditContent } from '@/access/roles'
import { BANDIT_DEFAULTS } from '@/lib/stats/bandit'
import { validateAudienceValue } from '@/collections/Experiments/rules'

/** A goal's part is checked as the whole goal with that part's new value, in the marketer's words. */
const goalPartProblem =
  (part: 'blockType' | 'eventName' | 'path' | 'form') =>
  (value: unknown, { siblingData }: { siblingData: GoalDefinition }) =>
    goalProblem({ ...siblingData, [part]: value as string }) ?? true

export const EXPERIMENT_STATUSES = ['draft', 'running', 'paused', 'completed'] as const

export const Experiments: CollectionConfig<'experiments'> = {
  slug: 'experiments',
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'page', 'status', 'startDate', 'endDate'],
    group: 'Experiments',
    description:
      'Split a page’s traffic between its variants. The first variant is the control; percentages must add up to 100 to run.',
    components: {
      views: {
        edit: {
          results: {
            Component: '/components/admin/ResultsView#ResultsView',
            path: '/results',
            tab: { label: 'Results', href: '/results', order: 50 },
          },
        },
      },
    },
  },
  access: {
    read: authenticated,
    create: canEditContent,
    update: canEditContent,
    delete: canEditContent,
  },
  endpoints: [
    lifecycleEndpoint,
    promoteEndpoint,
    qaLinksEndpoint,
    revokeQaLinksEndpoint,
    runAgainEndpoint,
  ],
  hooks: {
    beforeChange: [assignSeed, validateExperiment, recordChanges, stampGoals],
    afterChange: [refreshAssignments],
    afterDelete: [refreshAssignmentsAfterDelete],
  },
  fields: [
    {
      name: 'runningWarning',
      type: 'ui',
      admin: {
        components: {
          Field: '/components/admin/RunningExperimentWarning#RunningExperimentWarning',
        },
      },
    },
    {
      name: 'name',
      type: 'text',
      required: true,
      maxLength: 120,
      hooks: { beforeDuplicate: [copyName] },
    },
    { name: 'page', type: 'relationship', relationTo: 'pages', required: true, index: true },
    {
      name: 'hypothesis',
      type: 'textarea',
      maxLength: 1000,
      admin: {
        description: 'What you expect to change, and why. E.g. "A shorter form raises sign-ups".',
      },
    },
    {
      name: 'variants',
      type: 'array',
      labels: { singular: 'Variant', plural: 'Variants' },
      admin: { description: 'The first variant is the control.' },
      fields: [
        {
          type: 'row',
          fields: [
            {
              name: 'variant',
              type: 'relationship',
              relationTo: 'variants',
              required: true,
              admin: { width: '70%' },
              filterOptions: ({ data }) => (data?.page ? { page: { equals: data.page } } : true),
            },
            {
              name: 'trafficPercentage',
              label: 'Traffic %',
              type: 'number',
              required: true,
              min: 0,
              max: 100,
              defaultValue: 50,
              admin: { width: '30%', step: 1 },
            },
          ],
        },
      ],
      hooks: { beforeDuplicate: [copyVariants] },
    },
    {
      name: 'goals',
      type: 'array',
      label: 'Goals',
      labels: { singular: 'Goal', plural: 'Goals' },
      maxRows: 10,
      validate: (value: unknown) => primaryGoalProblem(value as GoalDefinition[] | null) ?? true,
      admin: {
        description:
          'The primary goal decides the verdict and the sample size: a lead submitted on the page, unless a goal here is marked primary. Secondary goals show their own lift; a guardrail that gets significantly worse is flagged in red. Goals count each visitor once, after their first exposure, and count what was already recorded when added later (visits to a page: from when the goal is added).',
        components: { RowLabel: '/components/admin/GoalRowLabel#GoalRowLabel' },
      },
      fields: [
        {
          type: 'row',
          fields: [
            {
              name: 'role',
              type: 'select',
              required: true,
              defaultValue: 'secondary',
              options: [
                { label: 'Secondary', value: 'secondary' },
                { label: 'Guardrail', value: 'guardrail' },
                { label: 'Primary (instead of the lead)', value: 'primary' },
              ],
              admin: { width: '30%' },
            },
            {
              name: 'kind',
              label: 'Counts',
              type: 'select',
              required: true,
              defaultValue: 'click',
              options: [
                { label: 'Clicks on a block', value: 'click' },
                { label: 'A custom event (trackEvent)', value: 'custom' },
                { label: 'Visits to a page', value: 'pageview' },
                { label: 'A lead submitted', value: 'lead' },
                { label: 'Lead value per visitor (forms’ values)', value: 'value' },
              ],
              admin: { width: '35%' },
            },
            {
              name: 'blockType',
              label: 'Block',
              type: 'select',
              options: Object.entries(CLICK_GOAL_BLOCKS).map(([value, label]) => ({
                value,
                label: label.charAt(0).toUpperCase() + label.slice(1),
              })),
              validate: goalPartProblem('blockType'),
              admin: { width: '35%', condition: (_, sibling) => sibling?.kind === 'click' },
            },
            {
              name: 'eventName',
              label: 'Event name',
              type: 'text',
              maxLength: 100,
              validate: goalPartProblem('eventName'),
              admin: { width: '35%', condition: (_, sibling) => sibling?.kind === 'custom' },
            },
            {
              name: 'path',
              label: 'Page address',
              type: 'text',
              maxLength: 81,
              validate: goalPartProblem('path'),
              admin: {
                width: '35%',
                placeholder: '/thank-you',
                condition: (_, sibling) => sibling?.kind === 'pageview',
              },
            },
            {
              name: 'form',
              label: 'Which form',
              type: 'text',
              maxLength: 40,
              validate: goalPartProblem('form'),
              admin: {
                width: '35%',
                placeholder: 'any form',
                description: 'A lead form’s “Form name” (set on the block); empty: any form.',
                condition: (_, sibling) => sibling?.kind === 'lead',
              },
            },
          ],
        },
        {
          type: 'row',
          fields: [
            {
              name: 'label',
              type: 'text',
              maxLength: 80,
              admin: { placeholder: 'e.g. Pricing clicks', width: '65%' },
            },
            {
              name: 'higherIsBetter',
              label: 'More is better',
              type: 'checkbox',
              defaultValue: true,
              admin: {
                width: '35%',
                description: 'Untick for something to keep low (e.g. "refund requested").',
              },
            },
          ],
        },
        {
          // When the goal (what it counts) was defined: visits to a page are recorded only for
          // goals that exist, so such a goal counts from then on. Set by stampGoals alone (what a client sends is ignored).
          name: 'addedAt',
          type: 'date',
          admin: { hidden: true },
        },
      ],
    },
    {
      name: 'audience',
      type: 'group',
      label: 'Audience',
      admin: {
        description:
          'Who may enter, decided from the request (no database call). Visitors who do not match see the page as it is and are not counted; visitors already assigned keep their variant.',
      },
      fields: [
        {
          name: 'summary',
          type: 'ui',
          admin: { components: { Field: '/components/admin/AudienceSummary#AudienceSummary' } },
        },
        {
          name: 'match',
          type: 'radio',
          defaultValue: 'all',
          options: [
            { label: 'All rules match', value: 'all' },
            { label: 'Any rule matches', value: 'any' },
          ],
          admin: { layout: 'horizontal' },
        },
        {
          name: 'rules',
          type: 'array',
          maxRows: 20,
          labels: { singular: 'Rule', plural: 'Rules' },
          fields: [
            {
              type: 'row',
              fields: [
                {
                  name: 'attribute',
                  type: 'select',
                  required: true,
                  admin: { width: '30%' },
                  options: [
                    { label: 'Device (mobile, tablet, desktop)', value: 'device' },
                    { label: 'UTM source', value: 'utm_source' },
                    { label: 'UTM medium', value: 'utm_medium' },
                    { label: 'UTM campaign', value: 'utm_campaign' },
                    { label: 'Query parameter', value: 'query' },
                    { label: 'Referring site', value: 'referrer' },
                    { label: 'New or returning visitor', value: 'visitor' },
                    { label: 'Language (Accept-Language)', value: 'language' },
                    { label: 'Country (COUNTRY_HEADER)', value: 'country' },
                  ],
                },
                {
                  name: 'parameter',
                  type: 'text',
                  maxLength: 60,
                  admin: {
                    width: '20%',
                    condition: (_, row) => row?.attribute === 'query',
                    placeholder: 'parameter name',
                  },
                },
                {
                  name: 'operator',
                  type: 'select',
                  required: true,
                  defaultValue: 'is',
                  admin: { width: '20%' },
                  options: [
                    { label: 'is', value: 'is' },
                    { label: 'is not', value: 'is-not' },
                    { label: 'contains', value: 'contains' },
                  ],
                },
                {
                  name: 'value',
                  type: 'text',
                  required: true,
                  maxLength: 300,
                  admin: { width: '30%', placeholder: 'e.g. mobile, or google, bing' },
                  validate: validateAudienceValue,
                },
              ],
            },
          ],
        },
      ],
    },
    {
      name: 'trafficAllocation',
      type: 'number',
      label: 'Visitors in the experiment (%)',
      defaultValue: 100,
      min: 1,
      max: 100,
      admin: {
        position: 'sidebar',
        description:
          'The share of visitors who enter the experiment; the others see the page as it is and are not counted. Independent of the split: changing it never moves a visitor between variants, and assigned visitors stay in.',
      },
    },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'draft',
      index: true,
      options: EXPERIMENT_STATUSES.map((value) => ({
        label: value[0].toUpperCase() + value.slice(1),
        value,
      })),
      admin: { position: 'sidebar' },
      hooks: { beforeDuplicate: [asDraft] },
    },
    {
      name: 'startDate',
      type: 'date',
      admin: {
        position: 'sidebar',
        date: { pickerAppearance: 'dayAndTime' },
        description: 'Optional: a running experiment serves only from this moment…',
      },
      hooks: { beforeDuplicate: [cleared] },
    },
    {
      name: 'endDate',
      type: 'date',
      admin: {
        position: 'sidebar',
        date: { pickerAppearance: 'dayAndTime' },
        description: '…and until this one.',
      },
      hooks: { beforeDuplicate: [cleared] },
    },
    {
      name: 'sequentialTesting',
      type: 'checkbox',
      label: 'Peeking-safe results (sequential testing)',
      defaultValue: true,
      admin: {
        position: 'sidebar',
        description:
          'Results stay valid however often you look, at the cost of needing somewhat more visitors.',
      },
    },
    {
      name: 'minimumDetectableEffect',
      type: 'number',
      label: 'Smallest lift worth detecting (%)',
      defaultValue: 10,
      min: 1,
      max: 500,
      admin: {
        position: 'sidebar',
        description: 'Used to estimate how many visitors are still needed.',
      },
    },
    {
      name: 'baselineConversionRate',
      type: 'number',
      label: 'Expected conversion rate of the control (%)',
      defaultValue: 5,
      min: 0.01,
      max: 99,
      admin: {
        position: 'sidebar',
        description:
          'Your planning estimate. Peeking-safe results are tuned from it and the smallest lift when the experiment is set up (never from the data they test); the visitors-needed estimate uses it until the control has conversions.',
      },
    },
    {
      name: 'minimumVisitorsPerArm',
      type: 'number',
      label: 'No verdict before this many visitors per variant',
      defaultValue: 100,
      min: 1,
      max: 1_000_000,
      admin: { position: 'sidebar' },
    },
    {
      name: 'minimumConversions',
      type: 'number',
      label: '…and this many conversions in a variant and the control together',
      defaultValue: 10,
      min: 0,
      max: 1_000_000,
      admin: { position: 'sidebar' },
    },
    {
      name: 'optimise',
      type: 'checkbox',
      label: 'Optimise traffic automatically (multi-armed bandit)',
      defaultValue: false,
      admin: {
        position: 'sidebar',
        description:
          'Every hour, once each variant has the burn-in visitors, the split moves toward the variant most likely to be best (Thompson sampling on conversions), keeping a minimum share for each. Visitors keep their variant; each change starts a new allocation period, and results weight the periods so they stay fair.',
      },
    },
    {
      name: 'banditFloorPercent',
      type: 'number',
      label: 'Minimum share per variant (%)',
      defaultValue: BANDIT_DEFAULTS.floorPercent,
      min: 0,
      max: 50,
      admin: { position: 'sidebar', condition: (data) => Boolean(data?.optimise) },
    },
    {
      name: 'banditBurnInVisitors',
      type: 'number',
      label: 'Visitors per variant before the first move',
      defaultValue: BANDIT_DEFAULTS.burnInVisitors,
      min: 10,
      max: 1_000_000,
      admin: { position: 'sidebar', condition: (data) => Boolean(data?.optimise) },
    },
    {
      name: 'winner',
      type: 'relationship',
      relationTo: 'variants',
      admin: { position: 'sidebar', description: 'Chosen when the experiment is completed.' },
      hooks: { beforeDuplicate: [cleared] },
    },
    {
      name: 'changeLog',
      type: 'array',
      admin: {
        readOnly: true,
        description: 'Changes made while the experiment was running (shown on the results chart).',
      },
      fields: [
        {
          name: 'at',
          type: 'date',
          required: true,
          admin: { date: { pickerAppearance: 'dayAndTime' } },
        },
        { name: 'kind', type: 'select', required: true, options: ['status', 'split', 'content'] },
        { name: 'note', type: 'text', required: true },
      ],
      hooks: { beforeDuplicate: [noChanges] },
    },
    {
      name: 'phase',
      type: 'number',
      defaultValue: 1,
      min: 1,
      admin: {
        position: 'sidebar',
        readOnly: true,
        description: 'Results phase: "Run again" starts the next one as a new experiment.',
      },
      hooks: { beforeDuplicate: [() => 1] },
    },
    {
      name: 'previousPhase',
      type: 'relationship',
      relationTo: 'experiments',
      admin: { position: 'sidebar', readOnly: true },
      hooks: { beforeDuplicate: [cleared] },
    },
    {
      name: 'allocationPeriods',
      type: 'array',
      admin: {
        readOnly: true,
        initCollapsed: true,
        description:
          'The traffic split in force from each moment on, recorded when the experiment starts and whenever its split changes afterwards. Each visitor is counted in the period of their first exposure, so a split change neither raises a false sample-ratio alarm nor mixes periods unevenly.',
      },
      fields: [
        {
          name: 'startedAt',
          type: 'date',
          required: true,
          admin: { date: { pickerAppearance: 'dayAndTime' } },
        },
        { name: 'split', type: 'text', required: true },
      ],
      hooks: { beforeDuplicate: [noChanges] },
    },
    {
      name: 'qaLinks',
      type: 'ui',
      admin: { components: { Field: '/components/admin/QaLinks#QaLinks' } },
    },
    {
      // Rotated by "Revoke all QA links"; unset, the hash seed stands in (src/lib/experiments/qaLinks).
      name: 'qaLinkKey',
      type: 'text',
      admin: { hidden: true },
      access: { read: () => false, create: () => false, update: () => false },
      hooks: { beforeDuplicate: [cleared] },
    },
    {
      name: 'hashSeed',
      type: 'text',
      admin: {
        position: 'sidebar',
        readOnly: true,
        description: 'Fixed at creation; keeps assignments stable.',
      },
      hooks: { beforeDuplicate: [cleared] },
    },
  ],
}
