/** Above the Leads list: download every lead with its attribution as CSV. */
export function ExportLeadsButton() {
  return (
    <div style={{ display: 'flex', justifyContent: 'flex-end', marginBottom: '1rem' }}>
      <a className="btn btn--style-secondary btn--size-small" href="/api/leads/export" download>
        Export leads as CSV
      </a>
    </div>
  )
}
