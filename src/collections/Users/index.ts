import type { CollectionConfig } from 'payload'

import { adminField, adminOrSelf, isAdmin, ROLES } from '@/access/roles'
import { firstUserIsAdmin } from '@/collections/Users/hooks/firstUserIsAdmin'
import { guardLogin } from '@/collections/Users/hooks/guardLogin'
import { verifyNotUsedEndpoint } from '@/collections/Users/verifyEndpoint'

export const Users: CollectionConfig = {
  slug: 'users',
  // No lockout after failed logins (a stranger could lock anyone out); guardLogin limits
  // attempts per client address instead.
  auth: { maxLoginAttempts: 0 },
  admin: { useAsTitle: 'email', defaultColumns: ['email', 'name', 'role'] },
  access: {
    read: adminOrSelf,
    create: isAdmin,
    update: adminOrSelf,
    delete: isAdmin,
    admin: ({ req }) => Boolean(req.user),
  },
  endpoints: [verifyNotUsedEndpoint],
  hooks: { beforeChange: [firstUserIsAdmin], beforeOperation: [guardLogin] },
  fields: [
    { name: 'name', type: 'text', maxLength: 100 },
    {
      name: 'role',
      type: 'select',
      required: true,
      defaultValue: 'viewer',
      saveToJWT: true,
      options: ROLES.map((value) => ({ label: value[0].toUpperCase() + value.slice(1), value })),
      // Only an admin gives or takes roles (nobody can raise their own).
      access: { create: adminField, update: adminField },
      admin: {
        description:
          'Admin: everything, incl. users and site settings. Marketer: pages, variants, media, experiments, leads. Viewer: reads pages, experiments and results; no lead data.',
      },
    },
  ],
}
