import { APIError, type CollectionBeforeDeleteHook } from 'payload'

/** A variant that a running experiment serves cannot disappear from under its visitors. */
export const preventDeletingUsedVariant: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const { docs } = await req.payload.find({
    collection: 'experiments',
    where: { and: [{ 'variants.variant': { equals: id } }, { status: { equals: 'running' } }] },
    depth: 0,
    limit: 1,
    pagination: false,
    req,
  })
  if (docs.length > 0) {
    throw new APIError(
      `This variant is served by the running experiment "${docs[0].name}"; pause or complete it first.`,
      409,
      undefined,
      true,
    )
  }
}
