import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { nanoid } from 'nanoid'
import type { Payload } from 'payload'

export type TestPayload = { payload: Payload; databaseUri: string; cleanup: () => Promise<void> }

/**
 * A real Payload on a database of its own: a temporary SQLite file, or a fresh MongoDB database
 * when TEST_DATABASE_URI=mongodb://… is set (the CI runs the int suite both ways).
 */
export async function startTestPayload(): Promise<TestPayload> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'splitpage-int-'))
  const base = process.env.TEST_DATABASE_URI
  let databaseUri: string
  if (base?.startsWith('mongodb')) {
    const url = new URL(base)
    url.pathname = `/splitpage_test_${nanoid(8).replace(/[^a-zA-Z0-9]/g, 'x')}`
    databaseUri = url.toString()
  } else {
    databaseUri = `file:${path.join(dir, 'test.db')}`
    process.env.PAYLOAD_DB_PUSH = 'true'
  }
  process.env.DATABASE_URI = databaseUri
  process.env.MEDIA_DIR = path.join(dir, 'media')

  // The config reads DATABASE_URI when it loads, so it is imported only now.
  const { default: config } = await import('@payload-config')
  const { getPayload } = await import('payload')
  const payload = await getPayload({ config, key: databaseUri })

  return {
    payload,
    databaseUri,
    cleanup: async () => {
      if (databaseUri.startsWith('mongodb')) {
        const connection = (
          payload.db as unknown as { connection?: { dropDatabase(): Promise<unknown> } }
        ).connection
        await connection?.dropDatabase()
      }
      await payload.destroy()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}

export const isMongo = () => Boolean(process.env.TEST_DATABASE_URI?.startsWith('mongodb'))
