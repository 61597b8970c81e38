import type { Payload, Where } from 'payload'

/** Whom a privacy request is about: an email address, a visitor id, or both. */
export type DataSubject = { email?: string | null; visitorId?: string | null }

const clean = (subject: DataSubject) => ({
  email: subject.email?.trim().toLowerCase() || null,
  visitorId: subject.visitorId?.trim() || null,
})

/** The visitor ids that belong to a person: the one given and those on their leads. */
async function visitorIdsOf(payload: Payload, { email, visitorId }: ReturnType<typeof clean>) {
  const ids = new Set<string>(visitorId ? [visitorId] : [])
  if (email) {
    const { docs } = await payload.find({
      collection: 'leads',
      where: { email: { equals: email } },
      depth: 0,
      limit: 0,
      pagination: false,
      select: { visitorId: true },
      overrideAccess: true,
    })
    for (const lead of docs) if (lead.visitorId) ids.add(lead.visitorId)
  }
  return [...ids]
}

function wheres(subject: ReturnType<typeof clean>, visitorIds: string[]) {
  const leadConditions: Where[] = []
  if (subject.email) leadConditions.push({ email: { equals: subject.email } })
  if (visitorIds.length) leadConditions.push({ visitorId: { in: visitorIds } })
  return {
    leads: { or: leadConditions } as Where,
    byVisitor: { visitorId: { in: visitorIds } } as Where,
  }
}

/**
 * Everything held about one person: their leads (by email or visitor id), and the events and
 * experiment exposures of their visitor ids. Result rollups are counts with no person in them.
 */
export async function exportPersonData(payload: Payload, subject: DataSubject) {
  const who = clean(subject)
  if (!who.email && !who.visitorId) throw new Error('Give an email address or a visitor id.')
  const visitorIds = await visitorIdsOf(payload, who)
  const where = wheres(who, visitorIds)
  const all = { depth: 0, limit: 0, pagination: false, overrideAccess: true } as const
  const [leads, events, exposures] = await Promise.all([
    payload.find({ collection: 'leads', where: where.leads, ...all }),
    visitorIds.length
      ? payload.find({ collection: 'analytics-events', where: where.byVisitor, ...all })
      : { docs: [] },
    visitorIds.length
      ? payload.find({ collection: 'experiment-exposures', where: where.byVisitor, ...all })
      : { docs: [] },
  ])
  return {
    subject: who,
    visitorIds,
    leads: leads.docs,
    events: events.docs,
    exposures: exposures.docs,
    exportedAt: new Date().toISOString(),
  }
}

/** Erases what exportPersonData finds; rollups keep their counts. Returns what was removed. */
export async function erasePersonData(payload: Payload, subject: DataSubject) {
  const found = await exportPersonData(payload, subject)
  const where = wheres(found.subject, found.visitorIds)
  const remove = async (
    collection: 'leads' | 'analytics-events' | 'experiment-exposures',
    w: Where,
  ) => (await payload.delete({ collection, where: w, overrideAccess: true })).docs.length
  return {
    leads: found.leads.length ? await remove('leads', where.leads) : 0,
    events: found.events.length ? await remove('analytics-events', where.byVisitor) : 0,
    exposures: found.exposures.length ? await remove('experiment-exposures', where.byVisitor) : 0,
  }
}

/** Deletes leads older than the retention period (days); returns how many. */
export async function pruneOldLeads(payload: Payload, retentionDays: number, now = new Date()) {
  if (!Number.isFinite(retentionDays) || retentionDays <= 0) return 0
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000).toISOString()
  const { docs } = await payload.delete({
    collection: 'leads',
    where: { convertedAt: { less_than: cutoff } },
    overrideAccess: true,
  })
  return docs.length
}
