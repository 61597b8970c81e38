'use client'

import { useField } from '@payloadcms/ui'

const show = (value: unknown) =>
  value === true
    ? 'Yes'
    : value === false
      ? 'No'
      : value === null || value === undefined || value === ''
        ? '—'
        : typeof value === 'object'
          ? JSON.stringify(value)
          : String(value)

/**
 * A lead's form answers as a plain table (read-only). Payload's JSON editor loads its code
 * editor from a CDN, which fails offline and under a strict Content-Security-Policy.
 */
export function FormDataTable({ path }: { path: string }) {
  const { value } = useField<Record<string, unknown> | null>({ path })
  const entries = value && typeof value === 'object' ? Object.entries(value) : []
  return (
    <div className="field-type sp-form-data">
      <span className="field-label">Form data</span>
      {entries.length === 0 ? (
        <p className="sp-muted">No other answers.</p>
      ) : (
        <table className="sp-table">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Answer</th>
            </tr>
          </thead>
          <tbody>
            {entries.map(([key, answer]) => (
              <tr key={key}>
                <th scope="row">{key}</th>
                <td>{show(answer)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}
