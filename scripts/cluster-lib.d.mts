// Types of cluster-lib.mjs for the TypeScript cluster suite.
type Signal = NodeJS.Signals
type Restartable = { url: string; start(): Promise<void>; stop(signal?: Signal): Promise<void> }
/** A database server that can also be frozen (SIGSTOP) and let go on (SIGCONT). */
type Database = Restartable & { pause(): void; resume(): void }
export type Instance = {
  port: number
  url: string
  readonly pid: number | null
  readonly running: boolean
  /** Starts the server; resolves to the ms until /api/ready answered. */
  start(): Promise<number>
  stop(signal?: Signal): Promise<void>
}
export function portOpen(port: number): Promise<boolean>
export function startFerretDB(options: {
  port: number
  dir: string
  logFile?: string
}): Promise<Database>
export function startCluster(options?: {
  port?: number
  instances?: number
  dir?: string
  fresh?: boolean
  extraEnv?: Record<string, string>
  log?: (line: string) => void
  useRedis?: boolean
  useS3?: boolean
}): Promise<{
  url: string
  env: Record<string, string>
  dir: string
  redisUrl: string
  databaseUri: string
  redis: Restartable | null
  ferret: Database | null
  s3: { endpoint: string; bucket: string; env: Record<string, string> } | null
  nginx: { url: string; stop(signal?: Signal): Promise<void> }
  instances: Instance[]
  stop(): Promise<void>
}>
