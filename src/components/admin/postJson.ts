/**
 * POST JSON to one of our admin endpoints as the logged-in user; the answer's JSON, or an Error
 * with the endpoint's own message (`{ error }`) when it refuses.
 */
export async function postJson(url: string, body?: object) {
  const response = await fetch(url, {
    method: 'POST',
    credentials: 'include',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  })
  const json = await response.json().catch(() => ({}))
  if (!response.ok) throw new Error(json.error ?? `Request failed (${response.status})`)
  return json
}
