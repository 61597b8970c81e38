import type { Block } from 'payload'

import { FORM_NAME } from '@/lib/experiments/goals'

export const LEAD_FIELD_TYPES = ['text', 'email', 'tel', 'textarea', 'checkbox'] as const

export const LeadFormBlockConfig: Block = {
  slug: 'leadForm',
  interfaceName: 'LeadFormBlock',
  labels: { singular: 'Lead form', plural: 'Lead forms' },
  fields: [
    { name: 'heading', type: 'text', maxLength: 160 },
    { name: 'intro', type: 'textarea', maxLength: 400 },
    {
      name: 'fields',
      type: 'array',
      maxRows: 12,
      admin: {
        description:
          'Extra inputs shown after the email address, which every lead form always asks for.',
      },
      fields: [
        {
          type: 'row',
          fields: [
            {
              name: 'name',
              type: 'text',
              required: true,
              maxLength: 40,
              admin: { width: '33%', description: 'Letters, digits, - and _ (e.g. company).' },
              validate: (value: string | null | undefined) =>
                !value || /^[a-zA-Z][a-zA-Z0-9_-]*$/.test(value)
                  ? true
                  : 'Use letters, digits, - or _, starting with a letter.',
            },
            {
              name: 'label',
              type: 'text',
              required: true,
              maxLength: 100,
              admin: { width: '33%' },
            },
            {
              name: 'type',
              type: 'select',
              required: true,
              defaultValue: 'text',
              options: LEAD_FIELD_TYPES.map((value) => ({ label: value, value })),
              admin: { width: '33%' },
            },
          ],
        },
        { name: 'required', type: 'checkbox', defaultValue: false },
      ],
    },
    {
      name: 'submitLabel',
      type: 'text',
      required: true,
      defaultValue: 'Get started',
      maxLength: 60,
    },
    {
      name: 'successMessage',
      type: 'textarea',
      required: true,
      defaultValue: 'Thanks! We will be in touch shortly.',
      maxLength: 400,
    },
    {
      name: 'redirectUrl',
      type: 'text',
      maxLength: 500,
      admin: { description: 'Optional: send the visitor here after a successful submission.' },
    },
    {
      name: 'value',
      label: 'Lead value',
      type: 'number',
      min: 0,
      max: 1_000_000,
      admin: {
        description:
          'Optional: what a lead from this form is worth (e.g. 40 for a demo request). A "lead value" goal compares the value per visitor between variants.',
      },
    },
    {
      name: 'formName',
      label: 'Form name (for goals)',
      type: 'text',
      maxLength: 40,
      validate: (value: string | null | undefined) =>
        !value || FORM_NAME.test(value)
          ? true
          : 'Use lower-case letters, digits and -, starting with a letter (e.g. demo-request).',
      admin: {
        description:
          'Optional: name this form (e.g. demo-request) to count its leads as a goal of their own. Copies of the form in variants keep the name, so the goal is the same form in every variant.',
      },
    },
  ],
}
