// Where next.config.mjs sends API paths that exist inside Payload but not for callers (its
// migrations table answered 501): a plain 404 for every method.
const notFound = () => Response.json({ error: 'Not found.' }, { status: 404 })

export const GET = notFound
export const POST = notFound
export const PATCH = notFound
export const PUT = notFound
export const DELETE = notFound
