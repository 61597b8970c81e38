/** Serialised size limit of a lead's `formData` (the extra fields of a lead form). */
export const LEAD_FORM_DATA_MAX_BYTES = 10 * 1024
