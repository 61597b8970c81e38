import 'server-only'

import type { Payload } from 'payload'

import { getExperimentResults } from '@/lib/experiments/getExperimentResults'
import { checkOutboundUrl } from '@/lib/security/outboundUrl'
import type { Experiment, Notification } from '@/payload-types'

import { parseEmailList } from './emailList'
import { NOTIFICATION_KIND_LABELS, NOTIFICATION_KINDS, type NotificationKind } from './kinds'

/** Delivery attempts per channel before a notification is left as failed (one per job run). */
export const MAX_ATTEMPTS = 10

type Draft = { kind: NotificationKind; subject: string; message: string }

const pct = (x: number | null | undefined) =>
  x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)}%`

/** What an experiment's state says is worth telling, in the marketer's words. */
export async function notificationsDue(
  payload: Payload,
  experiment: Experiment,
  now: Date,
): Promise<Draft[]> {
  const drafts: Draft[] = []
  const name = `“${experiment.name}”`
  const start = experiment.startDate ? Date.parse(experiment.startDate) : NaN
  const end = experiment.endDate ? Date.parse(experiment.endDate) : NaN
  if (experiment.status === 'completed') {
    // Completed by its schedule (the end date passed while it ran): within the last week only.
    if (end <= now.getTime() && now.getTime() - end < 7 * 86_400_000) {
      drafts.push({
        kind: 'schedule-stop',
        subject: `${name} ended on schedule`,
        message: `${name} reached its end date (${experiment.endDate}) and was completed. Pick the winner to promote on its Results tab.`,
      })
    }
    return drafts
  }
  if (experiment.status !== 'running') return drafts
  if (start <= now.getTime() && !(end <= now.getTime())) {
    drafts.push({
      kind: 'schedule-start',
      subject: `${name} started on schedule`,
      message: `${name} began serving at its start date (${experiment.startDate}).`,
    })
  }
  const results = await getExperimentResults(payload, experiment)
  const { stats } = results
  if (stats.srm.flagged) {
    const arms = stats.srm.arms
      .map(
        (arm) =>
          `“${stats.arms[arm.index]?.name}” has ${pct(arm.observedShare)} of visitors where ${pct(arm.expectedShare)} were expected`,
      )
      .join('; ')
    drafts.push({
      kind: 'srm',
      subject: `${name}: visitors are not split as configured`,
      message: `Sample-ratio mismatch in ${name} (χ² p = ${stats.srm.pValue?.toExponential(2)}): ${arms}. Fix the cause before trusting its numbers.`,
    })
  }
  const reached = stats.sampleSize.remaining === 0 && stats.sampleSize.total !== null
  if (reached) {
    drafts.push({
      kind: 'sample-size',
      subject: `${name} reached its planned sample size`,
      message: `${name} has the ${stats.sampleSize.total} visitors planned to detect a ${pct(stats.sampleSize.minimumDetectableEffect)} lift. Its result is ready to read.`,
    })
  }
  // Fixed-horizon results are announced only at the planned sample size (no peeking); the
  // peeking-safe test may be read at any time.
  const called = stats.arms.filter((arm) => arm.significant)
  if (called.length && (stats.sequential || reached)) {
    const list = called
      .map(
        (arm) =>
          `“${arm.name}” ${arm.verdict === 'winner' ? 'wins' : 'loses'} (${arm.relativeLift !== null ? `${arm.relativeLift >= 0 ? '+' : ''}${(arm.relativeLift * 100).toFixed(1)}%` : '—'} vs the control, p = ${arm.adjustedPValue?.toPrecision(2)})`,
      )
      .join('; ')
    drafts.push({
      kind: 'significant',
      subject: `${name} has a significant result`,
      message: `${name}: ${list}.`,
    })
  }
  // A guardrail that got significantly worse, by the same rule (no peeking in fixed-horizon mode).
  const worse = results.goals.filter((goal) => goal.worseIn.length > 0)
  if (worse.length && (stats.sequential || reached)) {
    drafts.push({
      kind: 'guardrail',
      subject: `${name}: a guardrail got significantly worse`,
      message: `${name}: ${worse
        .map(
          (goal) =>
            `guardrail “${goal.label}” is significantly worse for ${goal.worseIn.map((arm) => `“${arm}”`).join(', ')}`,
        )
        .join('; ')}. Weigh it before promoting a winner.`,
    })
  }
  return drafts
}

/** The stable id of an experiment's notification: one per kind and results phase. */
export const notificationIdOf = (experimentId: string | number, phase: number, kind: string) =>
  `exp-${experimentId}-p${phase}-${kind}`

/**
 * The job's work: records what is due for every running (or recently completed) experiment,
 * once per experiment, phase and kind, then delivers what is pending. A delivery that fails is
 * retried at the next run, up to MAX_ATTEMPTS times, with the same id.
 */
export async function notifyExperiments(payload: Payload, now = new Date()) {
  const settings = await payload.findGlobal({ slug: 'site-settings', depth: 0 })
  const wanted = new Set<string>(settings.notifyOn ?? NOTIFICATION_KINDS)
  const { docs: experiments } = await payload.find({
    collection: 'experiments',
    where: { status: { in: ['running', 'completed'] } },
    depth: 1,
    limit: 200,
    pagination: false,
  })
  let created = 0
  for (const experiment of experiments) {
    const phase = experiment.phase ?? 1
    for (const draft of await notificationsDue(payload, experiment, now)) {
      if (!wanted.has(draft.kind)) continue
      const notificationId = notificationIdOf(experiment.id, phase, draft.kind)
      const known = await payload.count({
        collection: 'notifications',
        where: { notificationId: { equals: notificationId } },
        overrideAccess: true,
      })
      if (known.totalDocs > 0) continue
      try {
        await payload.create({
          collection: 'notifications',
          data: { notificationId, experiment: experiment.id, phase, ...draft },
          overrideAccess: true,
        })
        created++
      } catch (error) {
        // Told by a concurrent run (the unique id refused the second): nothing to do.
        const text = JSON.stringify((error as { data?: unknown })?.data ?? '') + String(error)
        if (!/notificationId|unique|duplicate|E11000/i.test(text))
          console.error('[splitpage] could not record a notification:', error)
      }
    }
  }
  const delivered = await deliverPending(payload, settings)
  return { created, delivered }
}

type Settings = { notifyEmails?: string | null; notifyWebhookUrl?: string | null }

async function deliverPending(payload: Payload, settings: Settings) {
  const { docs } = await payload.find({
    collection: 'notifications',
    where: {
      or: [{ 'email.status': { equals: 'pending' } }, { 'webhook.status': { equals: 'pending' } }],
    },
    depth: 0,
    limit: 50,
    pagination: false,
    sort: 'createdAt',
  })
  let delivered = 0
  for (const notification of docs) {
    const email = await attempt(
      notification.email,
      settings.notifyEmails ? () => sendEmail(payload, notification, settings.notifyEmails!) : null,
    )
    const webhook = await attempt(
      notification.webhook,
      settings.notifyWebhookUrl
        ? () => postWebhook(notification, settings.notifyWebhookUrl!)
        : null,
    )
    await payload.update({
      collection: 'notifications',
      id: notification.id,
      data: { email, webhook },
      overrideAccess: true,
      depth: 0,
    })
    if (email.status === 'sent' || webhook.status === 'sent') delivered++
  }
  return delivered
}

type Delivery = NonNullable<Notification['email']>

async function attempt(state: Delivery | null | undefined, send: (() => Promise<void>) | null) {
  const current = {
    status: state?.status ?? 'pending',
    attempts: state?.attempts ?? 0,
    error: state?.error ?? null,
    sentAt: state?.sentAt ?? null,
  }
  if (current.status !== 'pending') return current
  if (!send) return { ...current, status: 'not-configured' as const }
  try {
    await send()
    return {
      ...current,
      status: 'sent' as const,
      attempts: current.attempts + 1,
      error: null,
      sentAt: new Date().toISOString(),
    }
  } catch (error) {
    const attempts = current.attempts + 1
    const message = String((error as Error)?.message ?? error).slice(0, 500)
    console.error(`[splitpage] notification ${attempts}/${MAX_ATTEMPTS} not delivered: ${message}`)
    return {
      ...current,
      status: attempts >= MAX_ATTEMPTS ? ('failed' as const) : ('pending' as const),
      attempts,
      error: message,
    }
  }
}

async function sendEmail(payload: Payload, notification: Notification, to: string) {
  await payload.sendEmail({
    to: parseEmailList(to).join(', '),
    subject: notification.subject,
    text: `${notification.message}\n\n— Splitpage (${NOTIFICATION_KIND_LABELS[notification.kind as NotificationKind] ?? notification.kind}; id ${notification.notificationId})`,
    headers: { 'X-Splitpage-Notification': notification.notificationId },
  })
}

async function postWebhook(notification: Notification, url: string) {
  const target = await checkOutboundUrl(url)
  if (!target.ok) throw new Error(`webhook URL refused: ${target.reason}`)
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-splitpage-notification': notification.notificationId,
    },
    body: JSON.stringify({
      text: `*${notification.subject}*\n${notification.message}`,
      id: notification.notificationId,
      kind: notification.kind,
      experiment:
        typeof notification.experiment === 'object'
          ? notification.experiment?.id
          : notification.experiment,
    }),
    redirect: 'error',
    signal: AbortSignal.timeout(10_000),
  })
  if (!response.ok) throw new Error(`webhook answered HTTP ${response.status}`)
}
