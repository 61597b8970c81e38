'use client'

import { useDocumentInfo } from '@payloadcms/ui'
import { useState } from 'react'

import { postJson } from '@/components/admin/postJson'

type Link = { variantId: string; name: string; url: string }

const post = async (url: string, body?: object) => (await postJson(url, body)).doc

/**
 * Shareable QA links on the experiment's edit view: one per variant, for a colleague to check it
 * without logging in (7 days, never counted); "Revoke all" makes every link stop working.
 */
export function QaLinks() {
  const { id } = useDocumentInfo()
  const [links, setLinks] = useState<Link[] | null>(null)
  const [expiresAt, setExpiresAt] = useState<string | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  if (!id) return null

  const act = async (work: () => Promise<void>) => {
    setBusy(true)
    setMessage(null)
    try {
      await work()
    } catch (e) {
      setMessage((e as Error).message)
    } finally {
      setBusy(false)
    }
  }
  const create = () =>
    act(async () => {
      const doc = await post(`/api/experiments/${id}/qa-links`, { days: 7 })
      setLinks(
        doc.links.map((link: Link) => ({ ...link, url: `${window.location.origin}${link.url}` })),
      )
      setExpiresAt(doc.expiresAt)
    })
  const revoke = () => {
    if (
      !window.confirm('Revoke every QA link of this experiment? Links already shared stop working.')
    )
      return
    act(async () => {
      await post(`/api/experiments/${id}/qa-links/revoke`)
      setLinks(null)
      setMessage('All QA links of this experiment were revoked.')
    })
  }
  const copy = async (link: Link) => {
    try {
      await navigator.clipboard.writeText(link.url)
      setMessage(`Copied the link to “${link.name}”.`)
    } catch {
      setMessage('Copy was refused by the browser: select the link and copy it.')
    }
  }

  return (
    <section className="sp-qa-links" aria-labelledby="sp-qa-links-heading">
      <h3 id="sp-qa-links-heading">QA links</h3>
      <p className="sp-muted">
        A link per variant that shows it to anyone who opens it, without logging in, marked as a
        preview, for 7 days. Visits and leads through it are never counted (leads are stored as
        tests and sent to no webhook).
      </p>
      <div className="sp-actions">
        <button
          type="button"
          className="btn btn--style-secondary btn--size-small"
          onClick={create}
          disabled={busy}
        >
          Create QA links
        </button>
        <button
          type="button"
          className="btn btn--style-secondary btn--size-small"
          onClick={revoke}
          disabled={busy}
        >
          Revoke all QA links
        </button>
      </div>
      {links && (
        <ul className="sp-qa-links__list">
          {links.map((link) => (
            <li key={link.variantId}>
              <label>
                {link.name}
                <input
                  type="text"
                  readOnly
                  value={link.url}
                  onFocus={(e) => e.currentTarget.select()}
                />
              </label>
              <button
                type="button"
                className="btn btn--style-secondary btn--size-small"
                onClick={() => copy(link)}
              >
                Copy
              </button>
            </li>
          ))}
        </ul>
      )}
      {expiresAt && links && (
        <p className="sp-muted">Valid until {expiresAt.slice(0, 16).replace('T', ' ')} UTC.</p>
      )}
      {message && (
        <p className="sp-muted" role="status">
          {message}
        </p>
      )}
    </section>
  )
}
