import type { GlobalConfig } from 'payload'

import { authenticated } from '@/access/authenticated'
import { cacheTags } from '@/lib/content/tags'
import { revalidateTags } from '@/lib/content/revalidate'
import { parseRange } from '@/lib/security/internalTraffic'
import { checkOutboundUrlSyntax } from '@/lib/security/outboundUrl'
import { adminField, canEditContent } from '@/access/roles'
import { EMAIL, parseEmailList } from '@/lib/notifications/emailList'
import { isTimeZone } from '@/lib/db/events'
import { NOTIFICATION_KIND_LABELS, NOTIFICATION_KINDS } from '@/lib/notifications/kinds'

export const SiteSettings: GlobalConfig = {
  slug: 'site-settings',
  label: 'Site settings',
  // Marketers may save (their notification preferences); every other setting is admin-only
  // by field access, and shown read-only to them.
  access: { read: authenticated, update: canEditContent },
  hooks: { afterChange: [({ doc, req }) => (revalidateTags([cacheTags.settings], req), doc)] },
  fields: [
    {
      name: 'consentMode',
      access: { update: adminField },
      type: 'checkbox',
      defaultValue: false,
      label: 'Ask visitors for consent before tracking',
      admin: {
        description:
          'When on, visitors see a consent banner; until they accept, no visitor cookie is set, nothing is recorded and everyone sees the control.',
      },
    },
    {
      name: 'leadRetentionDays',
      access: { update: adminField },
      type: 'number',
      min: 0,
      max: 3650,
      label: 'Keep leads for (days)',
      admin: {
        description:
          'Leads older than this are deleted every night (their anonymous events and the result counts stay). Empty or 0 keeps them.',
      },
    },
    {
      name: 'eventRetentionDays',
      access: { update: adminField },
      type: 'number',
      min: 30,
      max: 3650,
      defaultValue: 400,
      label: 'Keep raw events for (days)',
      admin: {
        description:
          'Views, clicks and conversions older than this are deleted every night. Results come from daily counts kept beside the events and do not change; only recounting them from raw events (npm run rollups:rebuild) is no longer possible for the deleted period.',
      },
    },
    {
      name: 'timeZone',
      access: { update: adminField },
      type: 'text',
      maxLength: 64,
      defaultValue: 'UTC',
      label: 'Time zone for days',
      admin: {
        description:
          'An IANA name such as Europe/Berlin or America/New_York. Results count days (charts, landing dates, daily looks) in it from the next event on; run npm run rollups:rebuild to recount earlier days in it (while their raw events are kept).',
      },
      validate: (value: string | null | undefined) =>
        !value || isTimeZone(value)
          ? true
          : `"${value}" is not a time zone this server knows; use an IANA name such as Europe/Berlin.`,
    },
    {
      name: 'eventsPrunedBefore',
      access: { update: adminField },
      type: 'date',
      label: 'Raw events deleted before',
      admin: { readOnly: true, description: 'Set by the nightly clean-up.' },
    },
    {
      name: 'internalIpRanges',
      access: { update: adminField },
      type: 'textarea',
      maxLength: 4000,
      label: 'Internal IP ranges',
      admin: {
        description:
          'One address or CIDR range per line (e.g. 203.0.113.0/24). Visits from these addresses, like those of logged-in users, are not counted, and their leads are kept as suspect, not as conversions. Needs TRUSTED_PROXY_HOPS (see the README).',
      },
      validate: (value: string | null | undefined) => {
        const bad = (value ?? '').split('\n').find((line) => line.trim() && !parseRange(line))
        return bad ? `"${bad.trim()}" is not an address or a CIDR range.` : true
      },
    },
    {
      type: 'collapsible',
      label: 'Experiment notifications',
      admin: {
        description:
          'Sent by a job (never from a page view), once per experiment and kind: when the planned sample size is reached, a result becomes significant (in fixed-horizon mode only once the sample size is reached), a sample-ratio mismatch appears, or a schedule starts or stops an experiment. Each is also listed on the experiment’s Results tab.',
      },
      fields: [
        {
          name: 'notifyEmails',
          type: 'text',
          maxLength: 1000,
          label: 'Email to',
          admin: {
            description:
              'Addresses, separated by commas. Needs SMTP_HOST on the server (see the README); without it emails are written to the server log.',
          },
          validate: (value: string | null | undefined) => {
            const bad = parseEmailList(value ?? '').find((email) => !EMAIL.test(email))
            return bad ? `"${bad}" is not an email address.` : true
          },
        },
        {
          name: 'notifyWebhookUrl',
          type: 'text',
          maxLength: 500,
          label: 'Slack-compatible webhook URL',
          admin: {
            description:
              'An incoming-webhook address (Slack, Mattermost, Teams…): each notification is POSTed as {"text": …} with its id in X-Splitpage-Notification. Public addresses only.',
          },
          validate: (value: string | null | undefined) => {
            if (!value) return true
            const check = checkOutboundUrlSyntax(value)
            return check.ok ? true : check.reason
          },
        },
        {
          name: 'notifyOn',
          type: 'select',
          hasMany: true,
          label: 'Notify about',
          defaultValue: [...NOTIFICATION_KINDS],
          options: NOTIFICATION_KINDS.map((value) => ({
            value,
            label: NOTIFICATION_KIND_LABELS[value],
          })),
        },
      ],
    },
    {
      name: 'leadWebhookUrl',
      access: { update: adminField },
      type: 'text',
      maxLength: 500,
      label: 'Lead webhook URL',
      admin: {
        description:
          'Each new lead is POSTed here as JSON, signed with HMAC-SHA256 (secret: LEAD_WEBHOOK_SECRET), and retried for about 4 hours. Public addresses only.',
      },
      validate: (value: string | null | undefined) => {
        if (!value) return true
        const check = checkOutboundUrlSyntax(value)
        if (!check.ok) return check.reason
        return process.env.LEAD_WEBHOOK_SECRET
          ? true
          : 'Set LEAD_WEBHOOK_SECRET on the server first: deliveries are signed with it.'
      },
    },
  ],
}
