/** Set to "yes" when a visitor accepts tracking in the consent banner (consent mode only). */
export const CONSENT_COOKIE = 'spc'
