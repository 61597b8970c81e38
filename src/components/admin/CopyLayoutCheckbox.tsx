'use client'

import { useField, useFormFields } from '@payloadcms/ui'

/**
 * "Copy the page's layout into this variant on save", asking first when the variant already has
 * blocks of its own: saving would replace them (the earlier layout stays in no version).
 */
export function CopyLayoutCheckbox({ path }: { path: string }) {
  const { value, setValue } = useField<boolean>({ path })
  const blocks = useFormFields(([fields]) =>
    Number(fields.layout?.rows?.length ?? fields.layout?.value ?? 0),
  )
  const id = `field-${path}`
  return (
    <div className="field-type checkbox sp-copy-layout">
      <label htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          checked={Boolean(value)}
          onChange={(event) => {
            const checked = event.target.checked
            if (
              checked &&
              blocks > 0 &&
              !window.confirm(
                `This variant has ${blocks} block${blocks === 1 ? '' : 's'} of its own. Saving will replace them with the page’s layout. Continue?`,
              )
            )
              return
            setValue(checked)
          }}
        />{' '}
        Copy the page’s layout into this variant on save
      </label>
      <p className="field-description">
        Start from an editable copy of the page instead of an empty layout.
      </p>
    </div>
  )
}
