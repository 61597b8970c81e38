import { unstable_cache } from 'next/cache'

import type { Experiment } from '../../payload-types'
import { cacheTags } from '../cache/tags'
import { getPayloadClient } from '../payload'

/** An experiment, cached across requests and expired by the `experiments` tag. */
export function getExperimentById(id: string): Promise<Experiment | null> {
  return unstable_cache(
    async () => {
      const payload = await getPayloadClient()
      return payload.findByID({ collection: 'experiments', id, depth: 0, disableErrors: true })
    },
    ['experiment-by-id', id],
    { tags: [cacheTags.experiments], revalidate: 300 },
  )()
}
