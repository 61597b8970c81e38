import type { CollectionConfig } from 'payload'

import { authenticated } from '@/access/authenticated'
import { nobody } from '@/access/nobody'
import { unindexedUpdatedAt } from '@/fields/unindexedUpdatedAt'
import { ROLLUP_COUNTERS } from '@/lib/db/rollupCounters'

const rollupAccess = { read: authenticated, create: nobody, update: nobody, delete: nobody }

/**
 * One row per experiment and visitor: the variant they were exposed to, the time and allocation
 * period of their first exposure, and the day of their first conversion. Maintained by
 * src/lib/db/rollups as events are written, so visitor-level counts never need a scan of the raw
 * events (`npm run rollups:rebuild` recounts).
 */
export const ExperimentExposures: CollectionConfig = {
  slug: 'experiment-exposures',
  admin: { hidden: true },
  access: rollupAccess,
  indexes: [{ fields: ['experiment', 'visitorId'], unique: true }],
  fields: [
    { name: 'experiment', type: 'relationship', relationTo: 'experiments' },
    { name: 'variant', type: 'relationship', relationTo: 'variants' },
    { name: 'visitorId', type: 'text', required: true },
    { name: 'exposedDay', type: 'text', required: true },
    // When, and under which allocation period (traffic split) of the experiment, the visitor
    // was first exposed: results compare each visitor with the split in force at that moment.
    { name: 'exposedAt', type: 'text' },
    { name: 'allocationPeriod', type: 'number', defaultValue: 0 },
    { name: 'convertedDay', type: 'text' },
    // The visitor's segment at first exposure (Results tab breakdowns); empty for visitors
    // exposed before segments were recorded.
    { name: 'device', type: 'text' },
    { name: 'source', type: 'text' },
    { name: 'visitorType', type: 'text' },
    // The sum of the values of the visitor's leads (lead value goals).
    { name: 'valueTotal', type: 'number' },
    // Written for every new visitor: no index on updatedAt (see the field).
    unindexedUpdatedAt,
  ],
}

/**
 * Daily counters per experiment and variant: new exposed visitors, new converting visitors and
 * raw event counts. Results read these, so they cost variants × days, not events.
 */
export const ExperimentDaily: CollectionConfig = {
  slug: 'experiment-daily',
  admin: { hidden: true },
  access: rollupAccess,
  indexes: [{ fields: ['experiment', 'variant', 'day'], unique: true }],
  fields: [
    { name: 'experiment', type: 'relationship', relationTo: 'experiments', index: true },
    { name: 'variant', type: 'relationship', relationTo: 'variants' },
    { name: 'day', type: 'text', required: true },
    ...ROLLUP_COUNTERS.map((name) => ({ name, type: 'number' as const, defaultValue: 0 })),
  ],
}

/**
 * One row per experiment, goal and visitor: the first time an exposed visitor reached a goal
 * other than the lead (a click on a block type, a custom event by name), with the variant they
 * were exposed to and the day. The goal is a signature (`click:hero`, `custom:signup`), so a goal
 * defined later counts what was already recorded. Maintained by src/lib/db/rollups.
 */
export const ExperimentGoalVisitors: CollectionConfig = {
  slug: 'experiment-goal-visitors',
  admin: { hidden: true },
  access: rollupAccess,
  indexes: [{ fields: ['experiment', 'goal', 'visitorId'], unique: true }],
  fields: [
    { name: 'experiment', type: 'relationship', relationTo: 'experiments', index: true },
    { name: 'variant', type: 'relationship', relationTo: 'variants' },
    { name: 'goal', type: 'text', required: true },
    { name: 'visitorId', type: 'text', required: true },
    { name: 'day', type: 'text', required: true },
  ],
}

/**
 * Daily counters per experiment, variant and goal (signature): visitors who first reached the
 * goal that day (the later of their exposure and the reach). Results read these, so goals cost
 * variants × days × goals, not visitors. Maintained with the goal visitors above.
 */
export const ExperimentGoalDaily: CollectionConfig = {
  slug: 'experiment-goal-daily',
  admin: { hidden: true },
  access: rollupAccess,
  indexes: [{ fields: ['experiment', 'goal', 'variant', 'day'], unique: true }],
  fields: [
    { name: 'experiment', type: 'relationship', relationTo: 'experiments' },
    { name: 'variant', type: 'relationship', relationTo: 'variants' },
    { name: 'goal', type: 'text', required: true },
    { name: 'day', type: 'text', required: true },
    { name: 'visitors', type: 'number', defaultValue: 0 },
  ],
}
