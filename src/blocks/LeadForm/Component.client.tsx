'use client'

import { useActionState, useEffect, useRef } from 'react'

import type { LeadFormState } from '@/lib/leads/handleLeadSubmission'
import { LEAD_FORM_INPUTS } from '@/lib/leads/inputs'
import { submitLead } from '@/lib/leads/submitLead'
import type { LeadFormBlock } from '@/payload-types'

const initialState: LeadFormState = { status: 'idle', message: '' }
const UTM_KEYS = ['utm_source', 'utm_medium', 'utm_campaign']

const newToken = () =>
  (globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random()}`).replace(
    /[^A-Za-z0-9_-]/g,
    '',
  )

type Field = NonNullable<LeadFormBlock['fields']>[number]

function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p className="form__error" id={id}>
      {message}
    </p>
  ) : null
}

/**
 * The lead form. Posts to a server action: with JavaScript it shows inline errors and the
 * success message in place; without it the same form submits and the page shows the result.
 */
export function LeadFormClient({
  block,
  pageId,
  qaToken,
}: {
  block: LeadFormBlock
  pageId: string
  qaToken?: string
}) {
  const [state, formAction, pending] = useActionState(submitLead, initialState)
  // Without JavaScript the token is this block's fixed one (combined with the visitor id on the
  // server); with it, each rendered form gets its own, so a double submit makes one lead.
  const tokenInput = useRef<HTMLInputElement>(null)
  const utmInputs = useRef<Record<string, HTMLInputElement | null>>({})
  useEffect(() => {
    if (tokenInput.current) tokenInput.current.value = newToken()
    const params = new URLSearchParams(window.location.search)
    for (const [key, input] of Object.entries(utmInputs.current)) {
      if (input) input.value = params.get(key)?.slice(0, 200) ?? ''
    }
  }, [])

  if (state.status === 'success') {
    return (
      <p className="form__status" role="status">
        {state.message}
      </p>
    )
  }
  const errors = state.errors ?? {}
  const describe = (name: string) => (errors[name] ? `${block.id}-${name}-error` : undefined)
  const renderField = (field: Field) => {
    const id = `${block.id}-${field.name}`
    const common = {
      id,
      name: field.name,
      required: Boolean(field.required),
      'aria-invalid': errors[field.name] ? true : undefined,
      'aria-describedby': describe(field.name),
    }
    if (field.type === 'checkbox') {
      return (
        <div key={field.id} className="form__field form__field--checkbox">
          <input {...common} type="checkbox" value="yes" />
          <label htmlFor={id}>{field.label}</label>
          <FieldError id={`${id}-error`} message={errors[field.name]} />
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
          <textarea {...common} rows={4} maxLength={2000} />
        ) : (
          <input {...common} type={field.type ?? 'text'} maxLength={2000} />
        )}
        <FieldError id={`${id}-error`} message={errors[field.name]} />
      </div>
    )
  }

  return (
    <form className="form" action={formAction} noValidate>
      {state.status === 'error' && (
        <p className="form__status form__status--error" role="alert">
          {state.message}
        </p>
      )}
      <input type="hidden" name={LEAD_FORM_INPUTS.pageId} value={pageId} />
      <input type="hidden" name={LEAD_FORM_INPUTS.blockId} value={block.id ?? ''} />
      {qaToken && <input type="hidden" name={LEAD_FORM_INPUTS.qa} value={qaToken} />}
      <input
        ref={tokenInput}
        type="hidden"
        name={LEAD_FORM_INPUTS.token}
        defaultValue={`static-${block.id}`}
      />
      {UTM_KEYS.map((key) => (
        <input
          key={key}
          ref={(input) => {
            utmInputs.current[key] = input
          }}
          type="hidden"
          name={key}
          defaultValue=""
        />
      ))}
      <div className="form__honeypot" aria-hidden="true">
        <label htmlFor={`${block.id}-website`}>Leave this empty</label>
        <input
          id={`${block.id}-website`}
          name={LEAD_FORM_INPUTS.honeypot}
          tabIndex={-1}
          autoComplete="off"
        />
      </div>
      <div className="form__field">
        <label htmlFor={`${block.id}-email`}>Email address</label>
        <input
          id={`${block.id}-email`}
          name="email"
          type="email"
          autoComplete="email"
          required
          maxLength={254}
          aria-invalid={errors.email ? true : undefined}
          aria-describedby={describe('email')}
        />
        <FieldError id={`${block.id}-email-error`} message={errors.email} />
      </div>
      {block.fields?.map(renderField)}
      <button
        className="button button--primary"
        type="submit"
        disabled={pending}
        data-block-id={block.id}
      >
        {pending ? 'Sending…' : block.submitLabel}
      </button>
    </form>
  )
}
