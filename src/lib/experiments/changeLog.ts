import type { Payload, PayloadRequest } from 'payload'

import type { Experiment } from '@/payload-types'

/** Adds one entry (now) to an experiment's change log, shown on its Results tab and chart. */
export function logExperimentChange(
  payload: Payload,
  experiment: Pick<Experiment, 'id' | 'changeLog'>,
  entry: { kind: 'status' | 'split' | 'content'; note: string },
  req: Partial<PayloadRequest>,
  overrideAccess = true,
) {
  return payload.update({
    collection: 'experiments',
    id: experiment.id,
    data: {
      changeLog: [...(experiment.changeLog ?? []), { at: new Date().toISOString(), ...entry }],
    },
    req,
    overrideAccess,
  })
}
