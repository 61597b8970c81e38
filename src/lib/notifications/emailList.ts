/** A plain address check (the SMTP server has the last word). */
export const EMAIL = /^[^\s@,;<>]+@[^\s@,;<>]+\.[^\s@,;<>]+$/

/** "a@x.com, b@y.org" → ["a@x.com", "b@y.org"] (commas, semicolons or new lines). */
export const parseEmailList = (value: string) =>
  value
    .split(/[,;\n]/)
    .map((part) => part.trim())
    .filter(Boolean)
