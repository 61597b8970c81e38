import type { Access, FieldAccess } from 'payload'

/**
 * Who may do what in the admin and the API:
 * - admin: everything, including users and their roles, and site settings (webhook URL);
 * - marketer: pages, variants, media, experiments (and their start/pause/complete/promote),
 *   leads (review, CSV export, webhook resend);
 * - viewer: reads pages, experiments and results; no lead data, no export, no changes.
 */
export const ROLES = ['admin', 'marketer', 'viewer'] as const
export type Role = (typeof ROLES)[number]

export const roleOf = (user: unknown): Role | null => {
  const role = (user as { role?: unknown } | null | undefined)?.role
  return ROLES.includes(role as Role) ? (role as Role) : null
}

export const hasRole =
  (...roles: Role[]): Access =>
  ({ req }) =>
    roles.includes(roleOf(req.user) as Role)

export const isAdmin = hasRole('admin')
/** Pages, variants, media, experiments. */
export const canEditContent = hasRole('admin', 'marketer')
/** Leads: personal data. */
export const canHandleLeads = hasRole('admin', 'marketer')

/** Admins see and change every user; anyone else only their own account. */
export const adminOrSelf: Access = ({ req }) => {
  if (!req.user) return false
  if (roleOf(req.user) === 'admin') return true
  return { id: { equals: req.user.id } }
}

/** For access checks that get a request only (the jobs API). */
export const isAdminRequest = ({ req }: { req: { user?: unknown } }) => roleOf(req.user) === 'admin'

export const adminField: FieldAccess = ({ req }) => roleOf(req.user) === 'admin'
