import type { GlobalConfig } from 'payload'

import { authenticated } from '@/access/authenticated'
import { cacheTags } from '@/lib/content/tags'
import { revalidateTags } from '@/lib/content/revalidate'
import { checkOutboundUrlSyntax } from '@/lib/security/outboundUrl'
import { isAdmin } from '@/access/roles'

export const SiteSettings: GlobalConfig = {
  slug: 'site-settings',
  label: 'Site settings',
  access: { read: authenticated, update: isAdmin },
  hooks: { afterChange: [({ doc, req }) => (revalidateTags([cacheTags.settings], req), doc)] },
  fields: [
    {
      name: 'consentMode',
      type: 'checkbox',
      defaultValue: false,
      label: 'Ask visitors for consent before tracking',
      admin: {
        description:
          'When on, visitors see a consent banner; until they accept, no visitor cookie is set, nothing is recorded and everyone sees the control.',
      },
    },
    {
      name: 'leadWebhookUrl',
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
