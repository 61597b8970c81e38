import { s3Storage } from '@payloadcms/storage-s3'
import type { Plugin } from 'payload'

/**
 * Where uploaded media live. Unset S3_BUCKET: on local disk (MEDIA_DIR), right for one instance
 * (or several sharing one folder). Set: an S3-compatible bucket (AWS S3, Cloudflare R2, MinIO…)
 * through Payload's storage adapter, so every instance serves every upload:
 *   S3_BUCKET, S3_REGION (default us-east-1), S3_ENDPOINT (non-AWS services),
 *   S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY (else the AWS SDK's usual sources),
 *   S3_FORCE_PATH_STYLE=true (MinIO and most self-hosted servers), S3_PREFIX (a folder).
 * Files are still served through /api/media/file/… (Payload streams them from the bucket).
 */
export function mediaStoragePlugins(
  env: NodeJS.ProcessEnv = process.env,
  argv: string[] = process.argv,
): Plugin[] {
  const bucket = env.S3_BUCKET?.trim() ?? ''
  const accessKeyId = env.S3_ACCESS_KEY_ID
  const secretAccessKey = env.S3_SECRET_ACCESS_KEY
  return [
    s3Storage({
      // The schema is the same either way (the adapter's fields are always there), and the
      // admin's import map always lists its components, so one set of migrations and one
      // generated map serve both set-ups.
      enabled: bucket !== '' || argv.includes('generate:importmap'),
      alwaysInsertFields: true,
      bucket,
      collections: { media: env.S3_PREFIX ? { prefix: env.S3_PREFIX } : true },
      config: {
        region: env.S3_REGION || 'us-east-1',
        ...(env.S3_ENDPOINT ? { endpoint: env.S3_ENDPOINT } : {}),
        forcePathStyle: env.S3_FORCE_PATH_STYLE === 'true',
        ...(accessKeyId && secretAccessKey
          ? { credentials: { accessKeyId, secretAccessKey } }
          : {}),
      },
    }),
  ]
}
