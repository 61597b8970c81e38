import { expect } from 'vitest'

type PayloadValidationError = {
  message?: string
  data?: { errors?: { message: string; path?: string }[] }
}

/** Awaits a Payload call that must fail and returns every message it carries (field errors too). */
export async function rejectionMessages(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (error) {
    const e = error as PayloadValidationError
    return [e.message, ...(e.data?.errors ?? []).map((fieldError) => fieldError.message)].join('\n')
  }
  expect.fail('expected the call to be refused')
}
