import type { Access } from 'payload'

/** For operations that only server code (the Local API with overrideAccess) may perform. */
export const nobody: Access = () => false
