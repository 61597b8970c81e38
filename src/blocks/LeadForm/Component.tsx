import type { LeadFormBlock as LeadFormBlockProps } from '../../payload-types'

export function LeadFormBlock({ block }: { block: LeadFormBlockProps }) {
  const headingId = `lead-form-${block.id}`
  return (
    <section className="block lead-form" id="signup" aria-labelledby={headingId}>
      <h2 id={headingId}>{block.heading || 'Get in touch'}</h2>
      {block.intro && <p>{block.intro}</p>}
      <form className="form" method="post" noValidate>
        <div className="form__field">
          <label htmlFor={`${block.id}-email`}>Email address</label>
          <input id={`${block.id}-email`} name="email" type="email" autoComplete="email" required />
        </div>
        {block.fields?.map((field) => {
          const id = `${block.id}-${field.name}`
          if (field.type === 'checkbox') {
            return (
              <div key={field.id} className="form__field form__field--checkbox">
                <input id={id} name={field.name} type="checkbox" value="yes" required={!!field.required} />
                <label htmlFor={id}>{field.label}</label>
              </div>
            )
          }
          return (
            <div key={field.id} className="form__field">
              <label htmlFor={id}>
                {field.label}
                {!field.required && <span className="muted"> (optional)</span>}
              </label>
              {field.type === 'textarea' ? (
                <textarea id={id} name={field.name} rows={4} required={!!field.required} />
              ) : (
                <input id={id} name={field.name} type={field.type} required={!!field.required} />
              )}
            </div>
          )
        })}
        <button className="button button--primary" type="submit" data-block-id={block.id}>
          {block.submitLabel}
        </button>
      </form>
    </section>
  )
}
